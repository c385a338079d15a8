CREATE TABLE `audit_heads` (
	`tenant_id` text PRIMARY KEY NOT NULL,
	`seq` integer NOT NULL,
	`hash` text NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `sign_in_failures` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`email_index` text NOT NULL,
	`at` integer NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `sign_in_failures_address` ON `sign_in_failures` (`tenant_id`,`email_index`,`at`);--> statement-breakpoint
CREATE TABLE `sign_in_policies` (
	`tenant_id` text PRIMARY KEY NOT NULL,
	`password_max_age_days` integer DEFAULT 90 NOT NULL,
	`passwords_allowed` integer DEFAULT true NOT NULL,
	`oidc_issuer` text,
	`oidc_client_id` text,
	`oidc_client_secret_ct` text,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
-- No sign-in existed before this migration, so no session can be live: the table is made anew.
DROP TABLE `admin_sessions`;--> statement-breakpoint
CREATE TABLE `admin_sessions` (
	`id_hash` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`user_id` text NOT NULL,
	`method` text NOT NULL,
	`expires_at` integer NOT NULL,
	`last_seen_at` integer NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `admin_users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `admin_sessions_user` ON `admin_sessions` (`user_id`);--> statement-breakpoint
ALTER TABLE `admin_users` ADD `password_changed_at` integer;--> statement-breakpoint
ALTER TABLE `admin_users` ADD `password_history` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
-- The new roles (shared/access.ts): `admin` had every right and becomes `owner`; `viewer` only
-- read, and becomes `analyst` (aggregates only) until an owner grants more.
UPDATE `admin_users` SET `role` = CASE `role` WHEN 'admin' THEN 'owner' WHEN 'viewer' THEN 'analyst' ELSE `role` END;--> statement-breakpoint
-- A password's age now counts from when it was set (expiry was fixed at 90 days after it).
UPDATE `admin_users` SET `password_changed_at` = `password_expires_at` - 90 * 86400000, `password_history` = json_array(`password_hash`) WHERE `password_hash` IS NOT NULL AND `password_expires_at` IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX `admin_users_tenant_subject` ON `admin_users` (`tenant_id`,`sso_subject`) WHERE sso_subject is not null;--> statement-breakpoint
ALTER TABLE `admin_users` DROP COLUMN `password_expires_at`;--> statement-breakpoint
ALTER TABLE `audit_log` ADD `seq` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `audit_log` ADD `subject_id` text;--> statement-breakpoint
ALTER TABLE `audit_log` ADD `country` text;--> statement-breakpoint
ALTER TABLE `audit_log` ADD `ip_ct` text;--> statement-breakpoint
ALTER TABLE `audit_log` ADD `salt` text;--> statement-breakpoint
ALTER TABLE `audit_log` ADD `commitment` text;--> statement-breakpoint
ALTER TABLE `audit_log` ADD `redacted_by` text;--> statement-breakpoint
ALTER TABLE `audit_log` ADD `prev_hash` text;--> statement-breakpoint
ALTER TABLE `audit_log` ADD `hash` text;--> statement-breakpoint
-- Rows written before the chain keep their order as seq 1..n per tenant and no hash; the chain
-- continues after them (db/audit-log.ts counts them as `unchained`).
UPDATE `audit_log` SET `seq` = (SELECT count(*) FROM `audit_log` AS `a` WHERE `a`.`tenant_id` = `audit_log`.`tenant_id` AND (`a`.`at` < `audit_log`.`at` OR (`a`.`at` = `audit_log`.`at` AND `a`.`id` <= `audit_log`.`id`)));--> statement-breakpoint
CREATE UNIQUE INDEX `audit_log_chain` ON `audit_log` (`tenant_id`,`seq`);--> statement-breakpoint
CREATE INDEX `audit_log_action` ON `audit_log` (`tenant_id`,`action`,`seq`);--> statement-breakpoint
CREATE INDEX `audit_log_subject` ON `audit_log` (`tenant_id`,`subject_id`);