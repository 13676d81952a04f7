-- The entities each article names (people, organisations), found by the statements stage.
-- A later stage links them across articles; here each row belongs to one article.

CREATE TABLE article_entities (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    name TEXT NOT NULL,               -- the fullest form the article gives ("Sergey Lavrov")
    kind TEXT,                        -- PERSON or ORG where the text shows it
    roles TEXT NOT NULL,              -- JSON list of roles as written ("Russian Foreign Minister")
    mentions TEXT NOT NULL,           -- JSON [[start, end, text], ...] in input offsets
    PRIMARY KEY (article_id, name)
);
CREATE INDEX article_entities_name ON article_entities(lower(name));
