ALTER TABLE users DROP COLUMN password_never_expires;
