-- Feeds watched by `wiretrace watch`, and the entries seen in them.

CREATE TABLE feeds (
    url TEXT PRIMARY KEY,
    etag TEXT,
    last_modified TEXT,
    last_polled TEXT,
    failures INTEGER NOT NULL DEFAULT 0,   -- consecutive failed polls
    next_poll_after DOUBLE PRECISION NOT NULL DEFAULT 0, -- epoch seconds: backoff after failures
    last_error TEXT
);

CREATE TABLE feed_entries (
    feed_url TEXT NOT NULL REFERENCES feeds(url) ON DELETE CASCADE,
    link TEXT NOT NULL,
    first_seen TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    item_id TEXT,                          -- set once the page is stored
    last_error TEXT,
    PRIMARY KEY (feed_url, link)
);
