-- Origins (PostgreSQL): the same tables as migrations/sqlite/0005_origins.sql.
-- Buckets are signed 64-bit integers (BIGINT); the stage's SQL is shared by both.

CREATE TABLE origin_buckets (
    bucket BIGINT NOT NULL,
    article_id TEXT NOT NULL,
    weight INTEGER NOT NULL,
    PRIMARY KEY (bucket, article_id)
);
CREATE INDEX origin_buckets_article ON origin_buckets(article_id);

CREATE TABLE origin_members (
    article_id TEXT PRIMARY KEY,
    family_id TEXT NOT NULL,
    is_canonical INTEGER NOT NULL,
    similarity DOUBLE PRECISION,
    difference TEXT NOT NULL,
    shingles INTEGER NOT NULL,
    joined_via TEXT
);
CREATE INDEX origin_members_family ON origin_members(family_id);
