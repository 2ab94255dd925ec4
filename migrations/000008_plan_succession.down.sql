DROP INDEX IF EXISTS targets_continues_idx;
ALTER TABLE targets DROP CONSTRAINT IF EXISTS targets_carried_over_continues;
ALTER TABLE targets DROP COLUMN IF EXISTS carried_over;
ALTER TABLE targets DROP COLUMN IF EXISTS continues_target_id;
DROP INDEX IF EXISTS plans_predecessor_key;
ALTER TABLE plans DROP CONSTRAINT IF EXISTS plans_predecessor_not_self;
ALTER TABLE plans DROP COLUMN IF EXISTS predecessor_id;
