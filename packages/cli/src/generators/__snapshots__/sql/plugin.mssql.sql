create table "user" ("id" varchar(36) not null primary key, "name" varchar(255) not null, "email" varchar(255) not null unique, "emailVerified" smallint not null, "image" varchar(8000), "createdAt" datetime2(3) default CURRENT_TIMESTAMP not null, "updatedAt" datetime2(3) default CURRENT_TIMESTAMP not null, "role" text, "credits" integer not null, "banned" smallint, "metadata" varchar(8000), "tags" varchar(8000), "quota" bigint, "lastSeenAt" datetime2(3) default CURRENT_TIMESTAMP, "inviteCode" varchar(255) unique);

create table "session" ("id" varchar(36) not null primary key, "expiresAt" datetime2(3) not null, "token" varchar(255) not null unique, "createdAt" datetime2(3) default CURRENT_TIMESTAMP not null, "updatedAt" datetime2(3) not null, "ipAddress" varchar(8000), "userAgent" varchar(8000), "userId" varchar(36) not null references "user" ("id") on delete cascade);

create table "account" ("id" varchar(36) not null primary key, "accountId" varchar(8000) not null, "providerId" varchar(8000) not null, "userId" varchar(36) not null references "user" ("id") on delete cascade, "accessToken" varchar(8000), "refreshToken" varchar(8000), "idToken" varchar(8000), "accessTokenExpiresAt" datetime2(3), "refreshTokenExpiresAt" datetime2(3), "scope" varchar(8000), "password" varchar(8000), "createdAt" datetime2(3) default CURRENT_TIMESTAMP not null, "updatedAt" datetime2(3) not null);

create table "verification" ("id" varchar(36) not null primary key, "identifier" varchar(8000) not null, "value" varchar(8000) not null, "expiresAt" datetime2(3) not null, "createdAt" datetime2(3) default CURRENT_TIMESTAMP not null, "updatedAt" datetime2(3) default CURRENT_TIMESTAMP not null);

create table "note" ("id" varchar(36) not null primary key, "title" varchar(255) not null, "body" varchar(8000), "authorId" varchar(36) not null references "user" ("id") on delete cascade, "reviewerId" varchar(36) references "user" ("id") on delete set null, "createdAt" datetime2(3) default CURRENT_TIMESTAMP not null, "updatedAt" datetime2(3) default CURRENT_TIMESTAMP not null);

create table "profile" ("id" varchar(36) not null primary key, "userId" varchar(36) not null unique references "user" ("id") on delete cascade, "bio" varchar(8000));

create table "rateLimit" ("id" varchar(36) not null primary key, "key" varchar(255) not null unique, "count" integer not null, "lastRequest" bigint not null);

create index "session_userId_idx" on "session" ("userId");

create index "account_userId_idx" on "account" ("userId");

create index "verification_identifier_idx" on "verification" ("identifier");

create index "note_authorId_idx" on "note" ("authorId");
