-- Stories: events (one happening, covered by many articles) and storylines (events
-- linked over weeks). The stories stage keeps its state here so that clustering is
-- online: each batch is placed against what earlier batches built.

CREATE TABLE stories (
    id TEXT PRIMARY KEY,              -- E<n> for events, S<n> for storylines
    level TEXT NOT NULL,              -- event or storyline
    parent_id TEXT,                   -- an event's storyline
    seq INTEGER NOT NULL,             -- creation order
    label TEXT NOT NULL,
    start TEXT,                       -- first and last publication day of its articles
    "end" TEXT,
    anchor TEXT NOT NULL,             -- the day the candidate index files it under ('~<bucket>' when undated)
    size INTEGER NOT NULL,            -- articles (copies counted once) for events; events for storylines
    data TEXT NOT NULL                -- JSON of the rest of the StoryCluster record (centroid, names, outlets)
);
CREATE INDEX stories_parent ON stories(parent_id);
CREATE INDEX stories_level_start ON stories(level, start);

-- Candidate retrieval: the top terms and entities of each story, filed by level and anchor
-- day, so a new article looks only at stories near its own day that share a term with it.
CREATE TABLE story_postings (
    level TEXT NOT NULL,
    term TEXT NOT NULL,
    anchor TEXT NOT NULL,
    story_id TEXT NOT NULL,
    PRIMARY KEY (level, term, anchor, story_id)
);
CREATE INDEX story_postings_story ON story_postings(story_id);

-- Which event each article is in, with the features it was placed by (kept so that an
-- article can be taken out again exactly: reprocessing, splits, merges).
CREATE TABLE story_members (
    article_id TEXT PRIMARY KEY,
    event_id TEXT NOT NULL,
    day TEXT,
    copy_of TEXT,                     -- the canonical article when this one is a syndicated copy
    data TEXT NOT NULL                -- JSON of the StoryMember record
);
CREATE INDEX story_members_event ON story_members(event_id);

-- Document frequencies of terms over every clustered article (for TF-IDF), with the
-- prior share of news articles expected to hold the term (from general English word
-- frequencies), and counters.
CREATE TABLE story_df (
    term TEXT PRIMARY KEY,
    df INTEGER NOT NULL,
    prior DOUBLE PRECISION NOT NULL
);

CREATE TABLE story_state (
    key TEXT PRIMARY KEY,             -- docs, next_event, next_storyline, head
    value TEXT NOT NULL
);
