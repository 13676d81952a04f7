-- The PostgreSQL twin of sqlite/0013_search_stems.sql: search matches a word by its
-- English stem (Snowball; SQLite's FTS5 uses Porter's first algorithm, which agrees on
-- the common endings), and a prefix is asked for with a star. No stop words, as in
-- SQLite: "with" alone is a search. The generated columns keep what the old
-- configuration made of each text, so they are made again.
CREATE TEXT SEARCH DICTIONARY wiretrace_stem (TEMPLATE = snowball, Language = english);
ALTER TEXT SEARCH CONFIGURATION wiretrace
    ALTER MAPPING FOR asciiword, asciihword, hword_asciipart WITH wiretrace_stem;
ALTER TEXT SEARCH CONFIGURATION wiretrace
    ALTER MAPPING FOR word, hword, hword_part WITH unaccent, wiretrace_stem;

ALTER TABLE articles DROP COLUMN search;
ALTER TABLE articles ADD COLUMN
    search TSVECTOR GENERATED ALWAYS AS (to_tsvector('wiretrace', coalesce(title, '') || ' ' || body)) STORED;
CREATE INDEX articles_search ON articles USING GIN (search);

ALTER TABLE statements DROP COLUMN search;
ALTER TABLE statements ADD COLUMN
    search TSVECTOR GENERATED ALWAYS AS (to_tsvector('wiretrace', text || ' ' || coalesce(speaker, ''))) STORED;
CREATE INDEX statements_search ON statements USING GIN (search);
