CREATE TABLE `admin_sessions` (
	`id_hash` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`user_id` text NOT NULL,
	`csrf_token` text NOT NULL,
	`expires_at` integer NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `admin_users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `admin_sessions_user` ON `admin_sessions` (`user_id`);--> statement-breakpoint
CREATE TABLE `admin_users` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`email_index` text NOT NULL,
	`email_ct` text NOT NULL,
	`role` text NOT NULL,
	`password_hash` text,
	`password_expires_at` integer,
	`sso_subject` text,
	`last_login_at` integer,
	`disabled_at` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `admin_users_tenant_email` ON `admin_users` (`tenant_id`,`email_index`);--> statement-breakpoint
CREATE TABLE `api_keys` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`name` text NOT NULL,
	`key_hash` text NOT NULL,
	`scopes` text DEFAULT '[]' NOT NULL,
	`last_used_at` integer,
	`revoked_at` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_keys_key_hash_unique` ON `api_keys` (`key_hash`);--> statement-breakpoint
CREATE INDEX `api_keys_tenant` ON `api_keys` (`tenant_id`);--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`actor_type` text NOT NULL,
	`actor_id` text NOT NULL,
	`action` text NOT NULL,
	`target_type` text,
	`target_id` text,
	`details` text DEFAULT '{}' NOT NULL,
	`at` integer NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `audit_log_tenant_time` ON `audit_log` (`tenant_id`,`at`);--> statement-breakpoint
CREATE TABLE `clicks` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`subscriber_id` text NOT NULL,
	`message_id` text,
	`list_id` text,
	`clicked_at` integer NOT NULL,
	`country` text,
	`is_eu` integer,
	`outcome` text NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `clicks_tenant_subscriber` ON `clicks` (`tenant_id`,`subscriber_id`);--> statement-breakpoint
CREATE INDEX `clicks_tenant_message` ON `clicks` (`tenant_id`,`message_id`);--> statement-breakpoint
CREATE TABLE `consent_events` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`subscriber_id` text NOT NULL,
	`seq` integer NOT NULL,
	`list_id` text,
	`kind` text NOT NULL,
	`occurred_at` integer NOT NULL,
	`country` text,
	`geo_region` text,
	`is_eu` integer,
	`ip_ct` text,
	`user_agent_ct` text,
	`notice_id` text,
	`notice_version` integer,
	`notice_hash` text,
	`language` text,
	`source_type` text NOT NULL,
	`source_id` text,
	`source_url` text,
	`prev_hash` text,
	`hash` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `consent_events_chain` ON `consent_events` (`tenant_id`,`subscriber_id`,`seq`);--> statement-breakpoint
CREATE INDEX `consent_events_tenant_time` ON `consent_events` (`tenant_id`,`occurred_at`);--> statement-breakpoint
CREATE INDEX `consent_events_tenant_list` ON `consent_events` (`tenant_id`,`list_id`,`occurred_at`);--> statement-breakpoint
CREATE TABLE `consent_notices` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`key` text NOT NULL,
	`language` text NOT NULL,
	`version` integer NOT NULL,
	`text` text NOT NULL,
	`text_hash` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `consent_notices_version` ON `consent_notices` (`tenant_id`,`key`,`language`,`version`);--> statement-breakpoint
CREATE TABLE `erasure_records` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`request_id` text NOT NULL,
	`requested_at` integer NOT NULL,
	`executed_at` integer NOT NULL,
	`trigger` text NOT NULL,
	`counts` text NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `erasure_records_request_id_unique` ON `erasure_records` (`request_id`);--> statement-breakpoint
CREATE INDEX `erasure_records_tenant` ON `erasure_records` (`tenant_id`,`executed_at`);--> statement-breakpoint
CREATE TABLE `forms` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`name` text NOT NULL,
	`list_ids` text NOT NULL,
	`fields` text DEFAULT '[]' NOT NULL,
	`notice_key` text NOT NULL,
	`language` text NOT NULL,
	`thank_you_url` text NOT NULL,
	`error_url` text,
	`allowed_origins` text DEFAULT '[]' NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `forms_tenant` ON `forms` (`tenant_id`);--> statement-breakpoint
CREATE TABLE `idempotency_keys` (
	`tenant_id` text NOT NULL,
	`key` text NOT NULL,
	`request_hash` text NOT NULL,
	`status` integer NOT NULL,
	`body` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	PRIMARY KEY(`tenant_id`, `key`),
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `lists` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`name` text NOT NULL,
	`purpose` text NOT NULL,
	`lawful_basis` text DEFAULT 'consent' NOT NULL,
	`double_opt_in` integer DEFAULT true NOT NULL,
	`notice_key` text,
	`retention_days` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `lists_tenant` ON `lists` (`tenant_id`);--> statement-breakpoint
CREATE TABLE `message_recipients` (
	`tenant_id` text NOT NULL,
	`message_id` text NOT NULL,
	`subscriber_id` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`sent_at` integer,
	PRIMARY KEY(`message_id`, `subscriber_id`),
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`message_id`) REFERENCES `messages`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `message_recipients_subscriber` ON `message_recipients` (`tenant_id`,`subscriber_id`);--> statement-breakpoint
CREATE TABLE `messages` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`list_id` text,
	`subject` text NOT NULL,
	`body_html` text,
	`body_text` text,
	`status` text DEFAULT 'draft' NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`list_id`) REFERENCES `lists`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `messages_tenant` ON `messages` (`tenant_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `outbox_events` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`type` text NOT NULL,
	`subject_type` text NOT NULL,
	`subject_id` text NOT NULL,
	`payload` text NOT NULL,
	`occurred_at` integer NOT NULL,
	`dispatched_at` integer,
	`received_at` integer,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `outbox_events_undispatched` ON `outbox_events` (`dispatched_at`,`occurred_at`);--> statement-breakpoint
CREATE INDEX `outbox_events_tenant_time` ON `outbox_events` (`tenant_id`,`occurred_at`);--> statement-breakpoint
CREATE INDEX `outbox_events_subject` ON `outbox_events` (`tenant_id`,`subject_type`,`subject_id`);--> statement-breakpoint
CREATE TABLE `privacy_request_history` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`request_id` text NOT NULL,
	`from_status` text,
	`to_status` text NOT NULL,
	`action` text NOT NULL,
	`actor` text NOT NULL,
	`note` text,
	`at` integer NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`request_id`) REFERENCES `privacy_requests`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `privacy_request_history_request` ON `privacy_request_history` (`request_id`,`at`);--> statement-breakpoint
CREATE TABLE `privacy_requests` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`subscriber_id` text,
	`subject_index` text,
	`kind` text NOT NULL,
	`status` text NOT NULL,
	`channel` text NOT NULL,
	`evidence` text DEFAULT '{}' NOT NULL,
	`language` text,
	`received_at` integer NOT NULL,
	`due_at` integer NOT NULL,
	`month_due_at` integer NOT NULL,
	`verified_at` integer,
	`paused_at` integer,
	`extended_at` integer,
	`extension_reason` text,
	`reject_reason` text,
	`reject_note` text,
	`resolved_at` integer,
	`reminder_sent_at` integer,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `privacy_requests_tenant_status_due` ON `privacy_requests` (`tenant_id`,`status`,`due_at`);--> statement-breakpoint
CREATE INDEX `privacy_requests_subject` ON `privacy_requests` (`tenant_id`,`subject_index`,`kind`,`status`);--> statement-breakpoint
CREATE INDEX `privacy_requests_subscriber` ON `privacy_requests` (`tenant_id`,`subscriber_id`);--> statement-breakpoint
CREATE INDEX `privacy_requests_received` ON `privacy_requests` (`tenant_id`,`received_at`);--> statement-breakpoint
CREATE TABLE `profile_fields` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`key` text NOT NULL,
	`label` text NOT NULL,
	`description` text,
	`type` text DEFAULT 'text' NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `profile_fields_tenant_key` ON `profile_fields` (`tenant_id`,`key`);--> statement-breakpoint
CREATE TABLE `subscriber_keys` (
	`subscriber_id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`wrapped_key` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `subscribers` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`email_index` text NOT NULL,
	`email_ct` text NOT NULL,
	`name_ct` text,
	`profile_ct` text,
	`pseudonym` text NOT NULL,
	`home_region` text DEFAULT 'unknown' NOT NULL,
	`home_region_source` text,
	`home_country` text,
	`status` text DEFAULT 'pending' NOT NULL,
	`language` text,
	`consent_seq` integer DEFAULT 0 NOT NULL,
	`consent_head` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `subscribers_tenant_email` ON `subscribers` (`tenant_id`,`email_index`);--> statement-breakpoint
CREATE INDEX `subscribers_tenant_region` ON `subscribers` (`tenant_id`,`home_region`);--> statement-breakpoint
CREATE INDEX `subscribers_tenant_status` ON `subscribers` (`tenant_id`,`status`);--> statement-breakpoint
CREATE TABLE `subscriptions` (
	`tenant_id` text NOT NULL,
	`subscriber_id` text NOT NULL,
	`list_id` text NOT NULL,
	`status` text NOT NULL,
	`consent` text NOT NULL,
	`consent_event_id` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	PRIMARY KEY(`subscriber_id`, `list_id`),
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`subscriber_id`) REFERENCES `subscribers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`list_id`) REFERENCES `lists`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `subscriptions_tenant_list_status` ON `subscriptions` (`tenant_id`,`list_id`,`status`);--> statement-breakpoint
CREATE INDEX `subscriptions_pending` ON `subscriptions` (`tenant_id`,`status`,`created_at`);--> statement-breakpoint
CREATE TABLE `suppressions` (
	`tenant_id` text NOT NULL,
	`email_index` text NOT NULL,
	`reason` text NOT NULL,
	`request_id` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	PRIMARY KEY(`tenant_id`, `email_index`),
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `tenants` (
	`id` text PRIMARY KEY NOT NULL,
	`slug` text NOT NULL,
	`name` text NOT NULL,
	`region` text NOT NULL,
	`wrapped_key` text NOT NULL,
	`settings` text DEFAULT '{}' NOT NULL,
	`privacy_address` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `tenants_slug_unique` ON `tenants` (`slug`);--> statement-breakpoint
CREATE TABLE `used_nonces` (
	`tenant_id` text NOT NULL,
	`nonce` text NOT NULL,
	`purpose` text NOT NULL,
	`expires_at` integer NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	PRIMARY KEY(`tenant_id`, `nonce`),
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `used_nonces_expiry` ON `used_nonces` (`expires_at`);--> statement-breakpoint
CREATE TABLE `webhook_deliveries` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`endpoint_id` text NOT NULL,
	`event_id` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`last_status_code` integer,
	`last_error` text,
	`next_attempt_at` integer,
	`delivered_at` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`endpoint_id`) REFERENCES `webhook_endpoints`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `webhook_deliveries_endpoint_event` ON `webhook_deliveries` (`endpoint_id`,`event_id`);--> statement-breakpoint
CREATE INDEX `webhook_deliveries_tenant_status` ON `webhook_deliveries` (`tenant_id`,`status`,`created_at`);--> statement-breakpoint
CREATE TABLE `webhook_endpoints` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`url` text NOT NULL,
	`secret_ct` text NOT NULL,
	`event_types` text DEFAULT '[]' NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `webhook_endpoints_tenant` ON `webhook_endpoints` (`tenant_id`);