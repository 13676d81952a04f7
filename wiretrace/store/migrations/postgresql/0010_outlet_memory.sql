-- Outlet memory (PostgreSQL): the same tables as migrations/sqlite/0010_outlet_memory.sql.
CREATE TABLE outlet_lines (
    outlet TEXT NOT NULL,
    fingerprint BIGINT NOT NULL,
    pages INTEGER NOT NULL,
    last_page INTEGER NOT NULL,
    PRIMARY KEY (outlet, fingerprint)
);
CREATE INDEX outlet_lines_fingerprint ON outlet_lines(fingerprint);

CREATE TABLE outlet_pages (
    outlet TEXT NOT NULL,
    item_id TEXT NOT NULL,
    page INTEGER NOT NULL,
    PRIMARY KEY (outlet, item_id)
);
