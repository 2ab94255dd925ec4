DROP TABLE IF EXISTS target_commitments;
