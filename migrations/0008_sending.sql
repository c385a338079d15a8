ALTER TABLE `message_recipients` ADD `skip_reason` text;--> statement-breakpoint
ALTER TABLE `message_recipients` ADD `attempts` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `message_recipients` ADD `error_code` text;--> statement-breakpoint
ALTER TABLE `message_recipients` ADD `mail_message_id` text;--> statement-breakpoint
ALTER TABLE `message_recipients` ADD `claimed_at` integer;--> statement-breakpoint
CREATE INDEX `message_recipients_status` ON `message_recipients` (`message_id`,`status`);--> statement-breakpoint
ALTER TABLE `messages` ADD `from_name` text;--> statement-breakpoint
ALTER TABLE `messages` ADD `send_at` integer;--> statement-breakpoint
ALTER TABLE `messages` ADD `selected_at` integer;--> statement-breakpoint
ALTER TABLE `messages` ADD `cancelled_at` integer;--> statement-breakpoint
ALTER TABLE `messages` ADD `finished_at` integer;--> statement-breakpoint
CREATE INDEX `messages_due` ON `messages` (`status`,`send_at`);