create table "users" ("id" varchar(36) not null primary key, "name" varchar(255) not null, "email_address" varchar(255) not null unique, "email_verified" smallint not null, "image" varchar(8000), "createdAt" datetime2(3) default CURRENT_TIMESTAMP not null, "updatedAt" datetime2(3) default CURRENT_TIMESTAMP not null);

create table "sessions" ("id" varchar(36) not null primary key, "expires_at" datetime2(3) not null, "token" varchar(255) not null unique, "createdAt" datetime2(3) default CURRENT_TIMESTAMP not null, "updatedAt" datetime2(3) not null, "ipAddress" varchar(8000), "userAgent" varchar(8000), "user_id" varchar(36) not null references "users" ("id") on delete cascade);

create table "accounts" ("id" varchar(36) not null primary key, "accountId" varchar(8000) not null, "providerId" varchar(8000) not null, "user_id" varchar(36) not null references "users" ("id") on delete cascade, "accessToken" varchar(8000), "refreshToken" varchar(8000), "idToken" varchar(8000), "accessTokenExpiresAt" datetime2(3), "refreshTokenExpiresAt" datetime2(3), "scope" varchar(8000), "password" varchar(8000), "createdAt" datetime2(3) default CURRENT_TIMESTAMP not null, "updatedAt" datetime2(3) not null);

create table "verifications" ("id" varchar(36) not null primary key, "identifier" varchar(8000) not null, "value" varchar(8000) not null, "expiresAt" datetime2(3) not null, "createdAt" datetime2(3) default CURRENT_TIMESTAMP not null, "updatedAt" datetime2(3) default CURRENT_TIMESTAMP not null);

create table "invitations" ("id" varchar(36) not null primary key, "invitee_email" varchar(255) not null references "users" ("email_address") on delete cascade, "invited_by" varchar(36) not null references "users" ("id") on delete cascade, "expires_at" datetime2(3) not null);

create table "rate_limits" ("id" varchar(36) not null primary key, "key" varchar(255) not null unique, "count" integer not null, "last_request" bigint not null);

create index "sessions_user_id_idx" on "sessions" ("user_id");

create index "accounts_user_id_idx" on "accounts" ("user_id");

create index "verifications_identifier_idx" on "verifications" ("identifier");

create index "invitations_invited_by_idx" on "invitations" ("invited_by");
