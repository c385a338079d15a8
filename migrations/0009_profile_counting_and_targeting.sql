CREATE TABLE `profile_counting` (
	`tenant_id` text PRIMARY KEY NOT NULL,
	`backfill_after` text,
	`backfill_started_at` integer,
	`backfill_done_at` integer,
	`writes` integer DEFAULT 0 NOT NULL,
	`reconcile_after` text,
	`reconcile_writes` integer,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `profile_recount` (
	`tenant_id` text NOT NULL,
	`audience` text NOT NULL,
	`field` text NOT NULL,
	`token` text NOT NULL,
	`value_ct` text NOT NULL,
	`n` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`tenant_id`, `audience`, `field`, `token`),
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
ALTER TABLE `messages` ADD `profile_filter_ct` text;--> statement-breakpoint
CREATE INDEX `subscribers_tenant_id` ON `subscribers` (`tenant_id`,`id`);