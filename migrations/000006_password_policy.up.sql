-- Demo users (and service accounts an admin marks so) are exempt from password expiry.
ALTER TABLE users ADD COLUMN password_never_expires boolean NOT NULL DEFAULT false;
