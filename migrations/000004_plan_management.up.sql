-- A target's commitment from a year on: the plan's yearly milestones and amendments
-- decided after results exist. The target row keeps the plan's own commitment, so the
-- commitment in force for any year (domain.CommitmentInForce) can be replayed and past
-- periods stay judged against what was committed then.
CREATE TABLE target_commitments (
    target_id  bigint NOT NULL REFERENCES targets (id) ON DELETE CASCADE,
    from_year  integer NOT NULL CHECK (from_year BETWEEN 2000 AND 2100),
    op         text NOT NULL CHECK (op IN ('>=', '>', '<=', '<', '=')),
    value      numeric NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (target_id, from_year)
);
