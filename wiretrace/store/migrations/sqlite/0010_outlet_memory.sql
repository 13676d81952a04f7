-- Outlet memory (wiretrace/article/memory.py): fingerprints of the lines seen on
-- each outlet's pages, so that a line recurring on one site's pages is cut as that
-- site's furniture. Bounded per outlet; read by (outlet, fingerprint), and by
-- fingerprint alone to tell one site's furniture from text common to many outlets.
CREATE TABLE outlet_lines (
    outlet TEXT NOT NULL,             -- the URL's host, or the outlet a container named
    fingerprint INTEGER NOT NULL,     -- signed 64-bit hash of the line (case, spacing, numbers aside)
    pages INTEGER NOT NULL,           -- pages of the outlet the line was seen on
    last_page INTEGER NOT NULL,       -- the outlet's page count when it was last seen
    PRIMARY KEY (outlet, fingerprint)
) WITHOUT ROWID;
CREATE INDEX outlet_lines_fingerprint ON outlet_lines(fingerprint);

-- The pages each outlet's memory has counted: recording a page twice counts it once,
-- and a page read again (reprocess) discounts its own lines.
CREATE TABLE outlet_pages (
    outlet TEXT NOT NULL,
    item_id TEXT NOT NULL,
    page INTEGER NOT NULL,            -- 1 for the outlet's first page counted, and so on
    PRIMARY KEY (outlet, item_id)
) WITHOUT ROWID;
