ALTER TABLE `subscriptions` ADD `confirmation_mailed_at` integer;--> statement-breakpoint
-- An unconfirmed double opt-in is not consent: pending subscriptions no longer say `given`.
UPDATE `subscriptions` SET `consent` = 'unknown' WHERE `status` = 'pending' AND `consent` = 'given';
