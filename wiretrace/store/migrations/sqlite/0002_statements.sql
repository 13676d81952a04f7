-- Statements (who said what) and temporal expressions found in article bodies.
-- The key fields are columns for filtering; `data` holds the whole record as JSON
-- so that a field added to the record needs no migration.

CREATE TABLE statements (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,               -- direct, indirect, mixed
    start INTEGER NOT NULL,           -- offsets into the item's original input text
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    speaker TEXT,                     -- resolved name, or the mention where unresolved
    date TEXT,                        -- TIMEX3 value of the statement's date
    data TEXT NOT NULL                -- JSON of the whole Statement record
);
CREATE INDEX statements_article ON statements(article_id);
CREATE INDEX statements_speaker ON statements(speaker COLLATE NOCASE);
CREATE INDEX statements_date ON statements(date);

CREATE VIRTUAL TABLE statements_fts USING fts5(
    text, speaker, content='statements', content_rowid='seq', tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER statements_fts_insert AFTER INSERT ON statements BEGIN
    INSERT INTO statements_fts(rowid, text, speaker) VALUES (new.seq, new.text, new.speaker);
END;
CREATE TRIGGER statements_fts_delete AFTER DELETE ON statements BEGIN
    INSERT INTO statements_fts(statements_fts, rowid, text, speaker) VALUES ('delete', old.seq, old.text, old.speaker);
END;

CREATE TABLE time_expressions (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    type TEXT NOT NULL,               -- DATE, TIME, DURATION, SET
    value TEXT,                       -- TIMEX3 value; NULL where it cannot be resolved
    anchored INTEGER NOT NULL,        -- 1 when the value depends on the publication date
    PRIMARY KEY (article_id, start, "end")
);
