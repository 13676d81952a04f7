-- People and organisations across articles (the people stage). Portable SQL: the
-- PostgreSQL migration of the same number is this file.
--
-- people: one row per person, organisation, place or government ever linked. Rows are
-- never deleted by reprocessing (they carry the users' merge and split decisions); a
-- merged one points at the person it became.
CREATE TABLE people (
    id TEXT PRIMARY KEY,              -- P<n>
    seq INTEGER NOT NULL UNIQUE,
    name TEXT NOT NULL,               -- the fullest name seen ("Sergey Lavrov")
    kind TEXT,                        -- PERSON, ORG, GPE (a place), GOV (a government) or NULL
    merged_into TEXT,                 -- set by `wiretrace entity merge`
    created_at TEXT NOT NULL
);
CREATE INDEX people_name ON people(name);

-- Candidate lookup: a new article's entity reads only the people filed under its keys
-- ("a:<alias>" for an exact normalised name, "s:<surname sound>" for a person's surname).
CREATE TABLE people_keys (
    key TEXT NOT NULL,
    person_id TEXT NOT NULL,
    PRIMARY KEY (key, person_id)
);

-- Which person each entity of each article is (one row per article and entity name).
CREATE TABLE entity_links (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    name TEXT NOT NULL,               -- the article entity's name, as article_entities has it
    name_key TEXT NOT NULL,           -- that name normalised (what a split moves)
    person_id TEXT NOT NULL,
    day TEXT,                         -- the article's publication day
    PRIMARY KEY (article_id, name)
);
CREATE INDEX entity_links_person ON entity_links(person_id);

-- The forms each article uses for a person, and the roles it gives them, with the day.
CREATE TABLE entity_aliases (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    name_key TEXT NOT NULL,
    person_id TEXT NOT NULL,
    alias TEXT NOT NULL,
    alias_key TEXT NOT NULL,          -- the alias normalised, for finding people by any form
    day TEXT,
    PRIMARY KEY (article_id, name, alias)
);
CREATE INDEX entity_aliases_person ON entity_aliases(person_id);
CREATE INDEX entity_aliases_key ON entity_aliases(alias_key);

CREATE TABLE entity_roles (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    name_key TEXT NOT NULL,
    person_id TEXT NOT NULL,
    role TEXT NOT NULL,
    role_key TEXT NOT NULL,           -- the role normalised, for finding people by a role
    day TEXT,
    PRIMARY KEY (article_id, name, role)
);
CREATE INDEX entity_roles_person ON entity_roles(person_id);
CREATE INDEX entity_roles_key ON entity_roles(role_key);

-- Who made each statement, across articles. day is the statement's own day (its
-- date, a week or month read as its first day) or else the article's; it orders timelines.
CREATE TABLE statement_speakers (
    statement_id TEXT PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    name_key TEXT NOT NULL,
    person_id TEXT NOT NULL,
    day TEXT
);
CREATE INDEX statement_speakers_person ON statement_speakers(person_id, day);

-- Users' decisions, re-applied whenever articles are linked again (reprocessing):
-- a split sends entities of one normalised name from one person to another.
CREATE TABLE people_rules (
    name_key TEXT NOT NULL,
    from_id TEXT NOT NULL,
    to_id TEXT NOT NULL,
    PRIMARY KEY (name_key, from_id)
);

-- Every merge and split as made, for `wiretrace entity` to show.
CREATE TABLE people_decisions (
    seq INTEGER PRIMARY KEY,
    action TEXT NOT NULL,             -- merge or split
    person_id TEXT NOT NULL,          -- what was kept (merge) or split from (split)
    other_id TEXT NOT NULL,           -- what was merged in, or the new person
    name_key TEXT,                    -- the name a split moved
    made_at TEXT NOT NULL
);
