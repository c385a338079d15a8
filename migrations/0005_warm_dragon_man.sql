CREATE TABLE `webhook_attempts` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`delivery_id` text NOT NULL,
	`round` integer NOT NULL,
	`attempt` integer NOT NULL,
	`at` integer NOT NULL,
	`duration_ms` integer NOT NULL,
	`status_code` integer,
	`outcome` text NOT NULL,
	`error_code` text,
	`error` text,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`delivery_id`) REFERENCES `webhook_deliveries`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `webhook_attempts_delivery` ON `webhook_attempts` (`delivery_id`,`at`);--> statement-breakpoint
DROP INDEX `outbox_events_subject`;--> statement-breakpoint
ALTER TABLE `outbox_events` ADD `seq` integer;--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_events_subject_seq` ON `outbox_events` (`tenant_id`,`subject_type`,`subject_id`,`seq`);--> statement-breakpoint
ALTER TABLE `webhook_deliveries` ADD `round` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `webhook_deliveries` ADD `claimed_until` integer;--> statement-breakpoint
CREATE INDEX `webhook_deliveries_tenant_endpoint` ON `webhook_deliveries` (`tenant_id`,`endpoint_id`,`created_at`);--> statement-breakpoint
ALTER TABLE `webhook_endpoints` ADD `description` text;--> statement-breakpoint
ALTER TABLE `webhook_endpoints` ADD `previous_secret_ct` text;--> statement-breakpoint
ALTER TABLE `webhook_endpoints` ADD `previous_secret_expires_at` integer;--> statement-breakpoint
ALTER TABLE `webhook_endpoints` ADD `include_subscriber_email` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `webhook_endpoints` ADD `disabled_reason` text;--> statement-breakpoint
ALTER TABLE `webhook_endpoints` ADD `disabled_at` integer;--> statement-breakpoint
ALTER TABLE `webhook_endpoints` ADD `failing_since` integer;--> statement-breakpoint
ALTER TABLE `webhook_endpoints` ADD `updated_at` integer;