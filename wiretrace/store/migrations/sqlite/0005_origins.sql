-- Origins: syndicated copies grouped into families. The origins stage keeps its
-- near-duplicate index here so that it is incremental: a new article looks up the
-- articles that share one of its buckets, never the whole store.

-- MinHash LSH buckets: the bands of an article's whole-body MinHash (weight 2: one
-- shared band makes a candidate) and one small MinHash per content-defined piece of
-- the body (weight 1: two shared pieces make a candidate; pieces find an article
-- inside a page of other text, where the whole-body similarity is low).
CREATE TABLE origin_buckets (
    bucket INTEGER NOT NULL,          -- signed 64-bit hash of (kind, band or piece, MinHash values)
    article_id TEXT NOT NULL,
    weight INTEGER NOT NULL,
    PRIMARY KEY (bucket, article_id)
) WITHOUT ROWID;
CREATE INDEX origin_buckets_article ON origin_buckets(article_id);

-- Each article that can join a family (enough words), its family, and how it
-- differs from the family's canonical member.
CREATE TABLE origin_members (
    article_id TEXT PRIMARY KEY,
    family_id TEXT NOT NULL,
    is_canonical INTEGER NOT NULL,    -- 1 for the family's canonical member
    similarity REAL,                  -- shingle containment of the shorter in the longer, against the canonical
    difference TEXT NOT NULL,         -- comma-separated: trimmed, extended, retitled ('' when the same)
    shingles INTEGER NOT NULL,        -- distinct word shingles of its body
    joined_via TEXT                   -- the member it was matched to when it joined
);
CREATE INDEX origin_members_family ON origin_members(family_id);
