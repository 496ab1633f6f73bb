create table `users` (`id` varchar(36) not null primary key, `name` varchar(255) not null, `email_address` varchar(255) not null unique, `email_verified` boolean not null, `image` text, `createdAt` timestamp(3) default CURRENT_TIMESTAMP(3) not null, `updatedAt` timestamp(3) default CURRENT_TIMESTAMP(3) not null);

create table `sessions` (`id` varchar(36) not null primary key, `expires_at` timestamp(3) not null, `token` varchar(255) not null unique, `createdAt` timestamp(3) default CURRENT_TIMESTAMP(3) not null, `updatedAt` timestamp(3) not null, `ipAddress` text, `userAgent` text, `user_id` varchar(36) not null references `users` (`id`) on delete cascade);

create table `accounts` (`id` varchar(36) not null primary key, `accountId` text not null, `providerId` text not null, `user_id` varchar(36) not null references `users` (`id`) on delete cascade, `accessToken` text, `refreshToken` text, `idToken` text, `accessTokenExpiresAt` timestamp(3), `refreshTokenExpiresAt` timestamp(3), `scope` text, `password` text, `createdAt` timestamp(3) default CURRENT_TIMESTAMP(3) not null, `updatedAt` timestamp(3) not null);

create table `verifications` (`id` varchar(36) not null primary key, `identifier` varchar(255) not null, `value` text not null, `expiresAt` timestamp(3) not null, `createdAt` timestamp(3) default CURRENT_TIMESTAMP(3) not null, `updatedAt` timestamp(3) default CURRENT_TIMESTAMP(3) not null);

create table `invitations` (`id` varchar(36) not null primary key, `invitee_email` varchar(255) not null references `users` (`email_address`) on delete cascade, `invited_by` varchar(36) not null references `users` (`id`) on delete cascade, `expires_at` timestamp(3) not null);

create table `rate_limits` (`id` varchar(36) not null primary key, `key` varchar(255) not null unique, `count` integer not null, `last_request` bigint not null);

create index `sessions_user_id_idx` on `sessions` (`user_id`);

create index `accounts_user_id_idx` on `accounts` (`user_id`);

create index `verifications_identifier_idx` on `verifications` (`identifier`);

create index `invitations_invited_by_idx` on `invitations` (`invited_by`);
