CREATE TABLE `profile_counters` (
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
CREATE TABLE `region_resolutions` (
	`tenant_id` text NOT NULL,
	`week` text NOT NULL,
	`source` text NOT NULL,
	`region` text NOT NULL,
	`n` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`tenant_id`, `week`, `source`, `region`),
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `report_counters` (
	`tenant_id` text NOT NULL,
	`list_id` text NOT NULL,
	`region` text NOT NULL,
	`state` text NOT NULL,
	`n` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`tenant_id`, `list_id`, `region`, `state`),
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `report_reconcile_cursor` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`chunk` text NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `report_snapshots` (
	`tenant_id` text NOT NULL,
	`day` text NOT NULL,
	`data` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	PRIMARY KEY(`tenant_id`, `day`),
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
ALTER TABLE `subscribers` ADD `profile_audience` text;--> statement-breakpoint
CREATE INDEX `privacy_requests_tenant_kind_status` ON `privacy_requests` (`tenant_id`,`kind`,`status`);--> statement-breakpoint
CREATE INDEX `privacy_requests_resolved` ON `privacy_requests` (`tenant_id`,`resolved_at`);