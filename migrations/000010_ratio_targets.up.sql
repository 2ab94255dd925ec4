-- Targets measured as a ratio of two counts (hồ sơ đúng hạn / hồ sơ tiếp nhận): the target
-- names both counts, a unit reports both, and the department-wide figure is Σ numerators /
-- Σ denominators. value keeps the unit's percentage (numerator / denominator × 100), so
-- every existing result, summary and export reads as before; existing results stay plain
-- percentages (no counts) and lose nothing.
ALTER TABLE targets
    ADD COLUMN numerator_label   text NOT NULL DEFAULT '' CHECK (length(numerator_label) <= 200),
    ADD COLUMN denominator_label text NOT NULL DEFAULT '' CHECK (length(denominator_label) <= 200),
    ADD CONSTRAINT targets_ratio_labels CHECK ((numerator_label = '') = (denominator_label = '')),
    ADD CONSTRAINT targets_ratio_kind CHECK (numerator_label = '' OR kind IN ('percent', 'ratio_growth'));

ALTER TABLE target_results
    ADD COLUMN numerator   numeric,
    ADD COLUMN denominator numeric,
    ADD CONSTRAINT target_results_ratio_pair CHECK ((numerator IS NULL) = (denominator IS NULL)),
    ADD CONSTRAINT target_results_ratio_range CHECK (denominator IS NULL
        OR (denominator > 0 AND numerator >= 0 AND numerator <= denominator AND value IS NOT NULL));

-- A yearly commitment changes how results are judged: rendered dashboards built before it
-- must not be served after it (see dashboard_touch in 000003).
CREATE CONSTRAINT TRIGGER target_commitments_dashboard_touch AFTER INSERT OR UPDATE OR DELETE ON target_commitments
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION dashboard_touch();
