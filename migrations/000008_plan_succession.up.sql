-- A plan can continue an earlier one (2026–2030 after 2021–2025): the reform office drafts
-- the successor from its predecessor, and each copied target remembers the target it
-- continues, so a trend can be read across plans. A target the predecessor left unmet is
-- marked as carried over (chỉ tiêu chuyển tiếp).
ALTER TABLE plans ADD COLUMN predecessor_id bigint REFERENCES plans (id) ON DELETE SET NULL;
ALTER TABLE plans ADD CONSTRAINT plans_predecessor_not_self CHECK (predecessor_id IS NULL OR predecessor_id <> id);
CREATE UNIQUE INDEX plans_predecessor_key ON plans (predecessor_id) WHERE predecessor_id IS NOT NULL;

ALTER TABLE targets ADD COLUMN continues_target_id bigint REFERENCES targets (id) ON DELETE SET NULL;
ALTER TABLE targets ADD COLUMN carried_over boolean NOT NULL DEFAULT false;
ALTER TABLE targets ADD CONSTRAINT targets_carried_over_continues CHECK (NOT carried_over OR continues_target_id IS NOT NULL);
CREATE INDEX targets_continues_idx ON targets (continues_target_id) WHERE continues_target_id IS NOT NULL;
