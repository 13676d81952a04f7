-- Search matches a word by its stem (FTS5's porter tokenizer over unicode61): "sanction"
-- finds "sanctions" and "sanctioned". The last word of a search used to be a prefix,
-- which FTS5 answers by merging the lists of every word that starts so ("with"* reads
-- within, without, withdraw, ...): 40 ms a pass for a common word on 200,000 articles,
-- where the word alone takes 1 ms, and a search page makes three passes. A prefix is now
-- asked for with a star ("sanct*"). Both indexes are rebuilt from their tables (the
-- triggers that keep them name the tables, and stay).
DROP TABLE articles_fts;
CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, body, content='articles', content_rowid='seq', tokenize='porter unicode61 remove_diacritics 2'
);
INSERT INTO articles_fts(articles_fts) VALUES ('rebuild');
DROP TABLE statements_fts;
CREATE VIRTUAL TABLE statements_fts USING fts5(
    text, speaker, content='statements', content_rowid='seq', tokenize='porter unicode61 remove_diacritics 2'
);
INSERT INTO statements_fts(statements_fts) VALUES ('rebuild');
