DROP TABLE mail_messages;
ALTER TABLE notifications DROP COLUMN mailed;
ALTER TABLE users DROP COLUMN email, DROP COLUMN email_refused_at, DROP COLUMN email_refusal;
