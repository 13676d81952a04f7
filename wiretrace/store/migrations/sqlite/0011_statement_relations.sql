-- Statements made for a person by someone else: "a spokeswoman for Hillary Clinton",
-- "the Trump campaign". The person is linked by the relation, never as the speaker:
-- these statements stay off the person's timeline and count apart on their page.
-- Portable SQL: the migration of the same number for the other dialect is this file.
CREATE TABLE statement_relations (
    statement_id TEXT PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    mention TEXT NOT NULL,            -- the speaker as written ("A spokeswoman for Hillary Clinton")
    name TEXT NOT NULL,               -- the name in it, as the article's entity ("Hillary Clinton")
    name_key TEXT NOT NULL,           -- that name normalised (what a split moves)
    person_id TEXT NOT NULL,          -- the person spoken for
    day TEXT
);
CREATE INDEX statement_relations_person ON statement_relations(person_id, day);
