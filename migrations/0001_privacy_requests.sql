CREATE TABLE `privacy_notice_templates` (
	`tenant_id` text NOT NULL,
	`stage` text NOT NULL,
	`language` text NOT NULL,
	`subject` text NOT NULL,
	`body` text NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`tenant_id`, `stage`, `language`),
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
ALTER TABLE `privacy_requests` ADD `paused_ms` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `privacy_requests` ADD `requester_ct` text;--> statement-breakpoint
CREATE INDEX `privacy_requests_reminder` ON `privacy_requests` (`status`,`reminder_sent_at`,`due_at`);