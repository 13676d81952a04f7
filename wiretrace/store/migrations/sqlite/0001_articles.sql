-- The foundation: raw items as read, the articles made from them, and failures.

CREATE TABLE items (
    id TEXT PRIMARY KEY,              -- content hash (records.content_id)
    source_path TEXT NOT NULL,        -- file, file#L<line> (JSON Lines), file#R<n> (WARC), <stdin>
    media_type TEXT NOT NULL,         -- text/plain or text/html
    url TEXT,
    hints TEXT NOT NULL DEFAULT '{}', -- JSON: metadata the container gave beside the content
    encoding TEXT NOT NULL,
    content BLOB NOT NULL,            -- zlib-compressed UTF-8 of the original input text
    ingested_at TEXT NOT NULL
);

CREATE TABLE articles (
    seq INTEGER PRIMARY KEY,          -- stable rowid for full-text search
    id TEXT NOT NULL UNIQUE REFERENCES items(id) ON DELETE CASCADE,
    source_path TEXT NOT NULL,
    media_type TEXT NOT NULL,
    url TEXT,
    title TEXT,
    published TEXT,                   -- ISO 8601 as found: a date, or a date-time with offset
    published_day TEXT,               -- the YYYY-MM-DD part, for ordering and filters
    outlet TEXT,
    original_publisher TEXT,
    author TEXT,
    language TEXT,
    body TEXT NOT NULL,
    words INTEGER NOT NULL,
    body_map TEXT NOT NULL,           -- JSON [[body_start, source_start, length], ...]
    removed TEXT NOT NULL,            -- JSON [{start, end, text, reason}, ...]
    provenance TEXT NOT NULL,         -- JSON {field: {value, method, span}}
    processed_at TEXT NOT NULL
);
CREATE INDEX articles_published ON articles(published_day);
CREATE INDEX articles_outlet ON articles(outlet);
CREATE INDEX articles_original ON articles(original_publisher);

CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, body, content='articles', content_rowid='seq', tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts(rowid, title, body) VALUES (new.seq, new.title, new.body);
END;
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, body) VALUES ('delete', old.seq, old.title, old.body);
END;
CREATE TRIGGER articles_fts_update AFTER UPDATE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, body) VALUES ('delete', old.seq, old.title, old.body);
    INSERT INTO articles_fts(rowid, title, body) VALUES (new.seq, new.title, new.body);
END;

CREATE TABLE failures (
    id INTEGER PRIMARY KEY,
    source_path TEXT NOT NULL,
    stage TEXT NOT NULL,
    reason TEXT NOT NULL,
    item_id TEXT,                     -- set when the raw item was read and stored
    created_at TEXT NOT NULL,
    resolved_at TEXT                  -- set when a later run handled the item
);
CREATE INDEX failures_item ON failures(item_id);
CREATE INDEX failures_open ON failures(resolved_at);
