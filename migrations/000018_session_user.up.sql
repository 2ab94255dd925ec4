-- The session's user beside its data, so a signed-in page reads its session and its user in
-- one round trip (internal/store/postgres/sessions.go). Sessions written before this have
-- none until their next write; the portal then reads the user by the id in the data.
ALTER TABLE sessions ADD COLUMN user_id bigint;
