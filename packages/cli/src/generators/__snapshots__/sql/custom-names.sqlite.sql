create table "users" ("id" text not null primary key, "name" text not null, "email_address" text not null unique, "email_verified" integer not null, "image" text, "createdAt" date not null, "updatedAt" date not null);

create table "sessions" ("id" text not null primary key, "expires_at" date not null, "token" text not null unique, "createdAt" date not null, "updatedAt" date not null, "ipAddress" text, "userAgent" text, "user_id" text not null references "users" ("id") on delete cascade);

create table "accounts" ("id" text not null primary key, "accountId" text not null, "providerId" text not null, "user_id" text not null references "users" ("id") on delete cascade, "accessToken" text, "refreshToken" text, "idToken" text, "accessTokenExpiresAt" date, "refreshTokenExpiresAt" date, "scope" text, "password" text, "createdAt" date not null, "updatedAt" date not null);

create table "verifications" ("id" text not null primary key, "identifier" text not null, "value" text not null, "expiresAt" date not null, "createdAt" date not null, "updatedAt" date not null);

create table "invitations" ("id" text not null primary key, "invitee_email" text not null references "users" ("email_address") on delete cascade, "invited_by" text not null references "users" ("id") on delete cascade, "expires_at" date not null);

create table "rate_limits" ("id" text not null primary key, "key" text not null unique, "count" integer not null, "last_request" bigint not null);

create index "sessions_user_id_idx" on "sessions" ("user_id");

create index "accounts_user_id_idx" on "accounts" ("user_id");

create index "verifications_identifier_idx" on "verifications" ("identifier");

create index "invitations_invited_by_idx" on "invitations" ("invited_by");
