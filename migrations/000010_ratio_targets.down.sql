DROP TRIGGER IF EXISTS target_commitments_dashboard_touch ON target_commitments;

-- a ratio's percentage stays in value: going down loses only the two counts
ALTER TABLE target_results
    DROP CONSTRAINT IF EXISTS target_results_ratio_range,
    DROP CONSTRAINT IF EXISTS target_results_ratio_pair,
    DROP COLUMN IF EXISTS denominator,
    DROP COLUMN IF EXISTS numerator;

ALTER TABLE targets
    DROP CONSTRAINT IF EXISTS targets_ratio_kind,
    DROP CONSTRAINT IF EXISTS targets_ratio_labels,
    DROP COLUMN IF EXISTS denominator_label,
    DROP COLUMN IF EXISTS numerator_label;
