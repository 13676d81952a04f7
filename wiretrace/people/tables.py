"""The people stage's tables (migration 0008): people, their links to article entities
and statements, and users' decisions; and people as readers see them.

``tables(store)`` gives the stage's SQL over a store, written once with ``?``
placeholders for every backend and run through the store's core
(``store.execute``). Nothing here uses a function one of SQLite and PostgreSQL
lacks: upserts are ``ON CONFLICT ... DO NOTHING/DO UPDATE``, ids are allocated
from ``max(seq) + 1`` inside the caller's transaction.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from wiretrace.people.names import PersonName, alias_key, compatible, normalise, surname_keys
from wiretrace.records import EntityLink, Person, PersonProfile, Seen, SpokenStatement
from wiretrace.store import Store, codec
from wiretrace.store.core import chunks, marks, now

__all__ = ["PeopleTables", "tables"]

# Tables linking article text to a person (what merges and splits move).
LINK_TABLES = ("entity_links", "entity_aliases", "entity_roles", "statement_speakers", "statement_relations")
# A merge chain longer than this is a loop made by hand in the database; stop there.
MAX_MERGE_DEPTH = 50


def _person(row: Any) -> Person:
    return Person(id=row["id"], name=row["name"], kind=row["kind"], merged_into=row["merged_into"])


class PeopleTables:
    """People, their links to article entities and statements, and users' decisions."""

    def __init__(self, store: Store) -> None:
        self.store = store

    # -- people --------------------------------------------------------------------

    def person(self, person_id: str) -> Person | None:
        row = self.store.execute("SELECT * FROM people WHERE id = ?", (person_id,)).fetchone()
        return _person(row) if row else None

    def final_person(self, person_id: str) -> Person | None:
        """The person this one is now (following merges)."""
        person = self.person(person_id)
        for _ in range(MAX_MERGE_DEPTH):
            if person is None or person.merged_into is None:
                return person
            person = self.person(person.merged_into)
        return person

    def new_person(self, name: str, kind: str | None) -> Person:
        seq = self.store.execute("SELECT coalesce(max(seq), 0) + 1 FROM people").fetchone()[0]
        person = Person(id=f"P{seq}", name=name, kind=kind)
        self.store.execute(
            "INSERT INTO people (id, seq, name, kind, merged_into, created_at) VALUES (?, ?, ?, ?, NULL, ?)",
            (person.id, seq, name, kind, now()),
        )
        return person

    def update_person(self, person: Person) -> None:
        self.store.execute(
            "UPDATE people SET name = ?, kind = ? WHERE id = ?", (person.name, person.kind, person.id)
        )

    def add_people_keys(self, person_id: str, keys: Iterable[str]) -> None:
        self.store.executemany(
            "INSERT INTO people_keys (key, person_id) VALUES (?, ?) ON CONFLICT (key, person_id) DO NOTHING",
            [(key, person_id) for key in dict.fromkeys(keys)],
        )

    def people_candidates(self, keys: Iterable[str]) -> list[tuple[Person, str, int]]:
        """People filed under these keys: (person as it is now, the key, articles it is linked in).

        One indexed lookup per key; merged people are followed to what they became.
        """
        keys = list(dict.fromkeys(keys))
        found: list[tuple[Person, str, int]] = []
        seen: set[tuple[str, str]] = set()
        for chunk in chunks(keys):
            rows = self.store.execute(
                f"SELECT key, person_id FROM people_keys WHERE key IN ({marks(chunk)})", chunk
            ).fetchall()
            for row in rows:
                person = self.final_person(row["person_id"])
                if person is None or (person.id, row["key"]) in seen:
                    continue
                seen.add((person.id, row["key"]))
                found.append((person, row["key"], 0))
        counts = self.people_article_counts([person.id for person, _, _ in found])
        return [(person, key, counts.get(person.id, 0)) for person, key, _ in found]

    def people_article_counts(self, person_ids: Iterable[str]) -> dict[str, int]:
        counts: dict[str, int] = {}
        for chunk in chunks(dict.fromkeys(person_ids)):
            rows = self.store.execute(
                "SELECT person_id, count(DISTINCT article_id) AS n FROM entity_links "
                f"WHERE person_id IN ({marks(chunk)}) GROUP BY person_id",
                chunk,
            )
            counts.update((row["person_id"], row["n"]) for row in rows)
        return counts

    def find_people(self, text: str) -> list[Person]:
        """People by id ("P3"), by name, by a form articles use for them, or by a spelling of a
        person's name that fits theirs ("Sergei Lavrov"); exact names first, then most articles."""
        ids: list[str] = []
        row = self.store.execute(
            "SELECT id FROM people WHERE upper(id) = upper(?)", (text.strip(),)
        ).fetchone()
        if row:
            ids.append(row["id"])
        ids += [
            row["id"] for row in self.store.execute("SELECT id FROM people WHERE name = ?", (text.strip(),))
        ]
        ids += [
            row["person_id"]
            for row in self.store.execute(
                "SELECT person_id FROM people_keys WHERE key = ?", (alias_key(text),)
            )
        ]
        key = normalise(text)
        ids += [
            row["person_id"]
            for row in self.store.execute(
                "SELECT DISTINCT person_id FROM entity_aliases WHERE alias_key = ?", (key,)
            )
        ]
        sounds = surname_keys(text)
        if sounds:  # another spelling of a full name, or a surname alone
            wanted = PersonName.parse(text)
            needed = 2 if len(key.split()) > 1 else 1
            rows = self.store.execute(
                f"SELECT DISTINCT person_id FROM people_keys WHERE key IN ({marks(sounds)})", sounds
            ).fetchall()
            for row in rows:
                person = self.final_person(row["person_id"])
                if (
                    person
                    and person.kind == "PERSON"
                    and compatible(wanted, PersonName.parse(person.name)) >= needed
                ):
                    if needed == 2 or PersonName.parse(person.name).surname == wanted.surname:
                        ids.append(person.id)
        if not ids:  # a role as written, the last resort ("Russian Foreign Minister")
            ids += [
                row["person_id"]
                for row in self.store.execute(
                    "SELECT person_id, count(DISTINCT article_id) AS n FROM entity_roles WHERE role_key = ? "
                    "GROUP BY person_id ORDER BY n DESC",
                    (key,),
                )
            ]
        people: dict[str, Person] = {}
        for person_id in ids:
            person = self.final_person(person_id)
            if person is not None:
                people.setdefault(person.id, person)
        counts = self.people_article_counts(people)
        exact = [
            p for p in people.values() if normalise(p.name) == key or p.id.upper() == text.strip().upper()
        ]
        rest = [p for p in people.values() if p not in exact]
        order = {p.id: i for i, p in enumerate(people.values())}
        return sorted(exact, key=lambda p: (-counts.get(p.id, 0), order[p.id])) + sorted(
            rest, key=lambda p: (-counts.get(p.id, 0), order[p.id])
        )

    # -- links -----------------------------------------------------------------------

    def save_entity_links(self, links: Iterable[EntityLink]) -> None:
        links = list(links)
        self.store.executemany(
            "INSERT INTO entity_links (article_id, name, name_key, person_id, day) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT (article_id, name) DO UPDATE SET person_id = excluded.person_id, day = excluded.day",
            [(link.article_id, link.name, normalise(link.name), link.person_id, link.day) for link in links],
        )
        self.store.executemany(
            "INSERT INTO entity_aliases (article_id, name, name_key, person_id, alias, alias_key, day) "
            "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (article_id, name, alias) DO NOTHING",
            [
                (
                    link.article_id,
                    link.name,
                    normalise(link.name),
                    link.person_id,
                    alias,
                    normalise(alias),
                    link.day,
                )
                for link in links
                for alias in dict.fromkeys(link.aliases)
            ],
        )
        self.store.executemany(
            "INSERT INTO entity_roles (article_id, name, name_key, person_id, role, role_key, day) "
            "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (article_id, name, role) DO NOTHING",
            [
                (
                    link.article_id,
                    link.name,
                    normalise(link.name),
                    link.person_id,
                    role,
                    normalise(role),
                    link.day,
                )
                for link in links
                for role in dict.fromkeys(link.roles)
            ],
        )

    def save_statement_speakers(self, rows: Iterable[tuple[str, str, str, str, str | None]]) -> None:
        """(statement id, article id, speaker name in the article, person id, day) for each statement."""
        self.store.executemany(
            "INSERT INTO statement_speakers (statement_id, article_id, name, name_key, person_id, day) "
            "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (statement_id) DO UPDATE SET "
            "person_id = excluded.person_id, day = excluded.day",
            [(sid, aid, name, normalise(name), pid, day) for sid, aid, name, pid, day in rows],
        )

    def save_statement_relations(self, rows: Iterable[tuple[str, str, str, str, str, str | None]]) -> None:
        """(statement id, article id, speaker as written, name spoken for, person id, day)."""
        self.store.executemany(
            "INSERT INTO statement_relations (statement_id, article_id, mention, name, name_key, person_id, day) "
            "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (statement_id) DO UPDATE SET "
            "person_id = excluded.person_id, day = excluded.day",
            [
                (sid, aid, mention, name, normalise(name), pid, day)
                for sid, aid, mention, name, pid, day in rows
            ],
        )

    def statement_speaker(self, statement_id: str) -> tuple[str, str | None] | None:
        """The person who made a statement, and the statement's day."""
        row = self.store.execute(
            "SELECT person_id, day FROM statement_speakers WHERE statement_id = ?", (statement_id,)
        ).fetchone()
        return (row["person_id"], row["day"]) if row else None

    def statement_people(self, statement_ids: Iterable[str]) -> dict[str, Person]:
        """The person (after merges) who made each of these statements, where one is linked."""
        linked: dict[str, str] = {}
        for chunk in chunks(list(statement_ids)):
            rows = self.store.execute(
                f"SELECT statement_id, person_id FROM statement_speakers WHERE statement_id IN ({marks(chunk)})",
                chunk,
            )
            linked.update((row["statement_id"], row["person_id"]) for row in rows)
        final = {pid: self.final_person(pid) for pid in set(linked.values())}
        return {sid: person for sid, pid in linked.items() if (person := final[pid]) is not None}

    def speaker_counts(self, article_ids: Iterable[str]) -> dict[str, int]:
        """Statements per person (after merges) in these articles."""
        linked: dict[str, int] = {}
        for chunk in chunks(list(article_ids)):
            rows = self.store.execute(
                "SELECT person_id, count(*) AS n FROM statement_speakers "
                f"WHERE article_id IN ({marks(chunk)}) GROUP BY person_id",
                chunk,
            )
            for row in rows:
                linked[row["person_id"]] = linked.get(row["person_id"], 0) + row["n"]
        counts: dict[str, int] = {}
        for person_id, count in linked.items():
            person = self.final_person(person_id)
            if person is not None:
                counts[person.id] = counts.get(person.id, 0) + count
        return counts

    def speakers_named(self, text: str) -> list[str]:
        """People statements were linked to under this speaker name as articles wrote it ("Brussels"
        speaking is the European Union), most statements first."""
        rows = self.store.execute(
            "SELECT person_id, count(*) AS n FROM statement_speakers WHERE name_key = ? "
            "GROUP BY person_id ORDER BY n DESC, person_id",
            (normalise(text),),
        )
        return [row["person_id"] for row in rows]

    def people_rule(self, name_key: str, person_id: str) -> str | None:
        row = self.store.execute(
            "SELECT to_id FROM people_rules WHERE name_key = ? AND from_id = ?", (name_key, person_id)
        ).fetchone()
        return row["to_id"] if row else None

    # -- decisions -------------------------------------------------------------------

    def _decide(self, action: str, person_id: str, other_id: str, name_key: str | None) -> None:
        seq = self.store.execute("SELECT coalesce(max(seq), 0) + 1 FROM people_decisions").fetchone()[0]
        self.store.execute(
            "INSERT INTO people_decisions (seq, action, person_id, other_id, name_key, made_at) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (seq, action, person_id, other_id, name_key, now()),
        )

    def merge_people(self, keep_id: str, other_id: str) -> None:
        """Make ``other_id`` part of ``keep_id``: its links move now, and later links follow."""
        for table in LINK_TABLES:
            self.store.execute(f"UPDATE {table} SET person_id = ? WHERE person_id = ?", (keep_id, other_id))
        self.store.execute("UPDATE people_rules SET to_id = ? WHERE to_id = ?", (keep_id, other_id))
        self.store.execute(
            "UPDATE people SET merged_into = ? WHERE id = ? OR merged_into = ?", (keep_id, other_id, other_id)
        )
        self._decide("merge", keep_id, other_id, None)

    def split_person(self, person_id: str, name_key: str, name: str, kind: str | None) -> Person:
        """Send everything linked to ``person_id`` under ``name_key`` to a new person, now and later."""
        new = self.new_person(name, kind)
        self.add_people_keys(new.id, ["a:" + name_key])
        self.store.execute(
            "INSERT INTO people_rules (name_key, from_id, to_id) VALUES (?, ?, ?) "
            "ON CONFLICT (name_key, from_id) DO UPDATE SET to_id = excluded.to_id",
            (name_key, person_id, new.id),
        )
        for table in LINK_TABLES:
            self.store.execute(
                f"UPDATE {table} SET person_id = ? WHERE person_id = ? AND name_key = ?",
                (new.id, person_id, name_key),
            )
        self._decide("split", person_id, new.id, name_key)
        return new

    def people_decisions(self, person_id: str) -> list[dict[str, Any]]:
        rows = self.store.execute(
            "SELECT * FROM people_decisions WHERE person_id = ? OR other_id = ? ORDER BY seq",
            (person_id, person_id),
        )
        return [dict(zip(row.keys(), tuple(row), strict=True)) for row in rows]

    # -- reading ---------------------------------------------------------------------

    def people(
        self, *, kind: str | None = None, text: str | None = None, limit: int | None = None, offset: int = 0
    ) -> list[PersonProfile]:
        """People linked in at least one article, most statements first, then most articles."""
        clauses, params = ["p.merged_into IS NULL"], []
        if kind:
            clauses.append("p.kind = ?")
            params.append(kind.upper())
        if text:
            clauses.append("lower(p.name) LIKE ?")
            params.append(f"%{text.lower()}%")
        sql = (
            "SELECT p.id, p.name, p.kind, p.merged_into, l.articles, l.first_seen, l.last_seen, "
            "coalesce(s.statements, 0) AS statements FROM people p "
            "JOIN (SELECT person_id, count(DISTINCT article_id) AS articles, min(day) AS first_seen, "
            "max(day) AS last_seen FROM entity_links GROUP BY person_id) l ON l.person_id = p.id "
            "LEFT JOIN (SELECT person_id, count(*) AS statements FROM statement_speakers GROUP BY person_id) s "
            f"ON s.person_id = p.id WHERE {' AND '.join(clauses)} "
            "ORDER BY statements DESC, l.articles DESC, p.seq LIMIT ? OFFSET ?"
        )
        rows = self.store.execute(sql, [*params, self.store.limit_param(limit), offset]).fetchall()
        return [
            PersonProfile(
                person=_person(row),
                aliases=(),
                roles=(),
                articles=row["articles"],
                statements=row["statements"],
                outlets=(),
                first_seen=row["first_seen"],
                last_seen=row["last_seen"],
            )
            for row in rows
        ]

    def count_people(self, *, kind: str | None = None, text: str | None = None) -> int:
        return len(self.people(kind=kind, text=text))

    def _seen(self, table: str, column: str, person_id: str) -> tuple[Seen, ...]:
        rows = self.store.execute(
            f"SELECT {column} AS text, min(day) AS first_seen, max(day) AS last_seen, "
            f"count(DISTINCT article_id) AS articles FROM {table} WHERE person_id = ? "
            f"GROUP BY {column} ORDER BY articles DESC, first_seen, {column}",
            (person_id,),
        )
        return tuple(Seen(row["text"], row["first_seen"], row["last_seen"], row["articles"]) for row in rows)

    def person_profile(self, person_id: str) -> PersonProfile | None:
        person = self.final_person(person_id)
        if person is None:
            return None
        span = self.store.execute(
            "SELECT count(DISTINCT article_id) AS articles, min(day) AS first_seen, max(day) AS last_seen "
            "FROM entity_links WHERE person_id = ?",
            (person.id,),
        ).fetchone()
        said = self.store.execute(
            "SELECT count(*) AS n, min(day) AS first_seen, max(day) AS last_seen FROM statement_speakers "
            "WHERE person_id = ?",
            (person.id,),
        ).fetchone()
        outlets = self.store.execute(
            "SELECT coalesce(a.outlet, a.original_publisher) AS outlet, count(*) AS n FROM statement_speakers s "
            "JOIN articles a ON a.id = s.article_id WHERE s.person_id = ? "
            "AND coalesce(a.outlet, a.original_publisher) IS NOT NULL "
            "GROUP BY coalesce(a.outlet, a.original_publisher) ORDER BY n DESC, outlet",
            (person.id,),
        ).fetchall()
        days = [d for d in (span["first_seen"], said["first_seen"]) if d]
        last = [d for d in (span["last_seen"], said["last_seen"]) if d]
        return PersonProfile(
            person=person,
            aliases=self._seen("entity_aliases", "alias", person.id),
            roles=self._seen("entity_roles", "role", person.id),
            spoken_for=self._seen("statement_relations", "mention", person.id),
            articles=span["articles"],
            statements=said["n"],
            outlets=tuple((row["outlet"], row["n"]) for row in outlets),
            first_seen=min(days) if days else None,
            last_seen=max(last) if last else None,
        )

    def spoken_statements(
        self,
        person_id: str,
        *,
        since: str | None = None,
        until: str | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[SpokenStatement]:
        """A person's statements in statement-day order (undated last), then article and text order."""
        clauses, params = ["s.person_id = ?"], [person_id]
        if since:
            clauses.append("s.day >= ?")
            params.append(since)
        if until:
            clauses.append("s.day <= ?")
            params.append(until)
        rows = self.store.execute(
            "SELECT st.*, s.person_id AS spoken_by, s.day AS spoken_day, "
            "coalesce(a.outlet, a.original_publisher) AS spoken_outlet FROM statement_speakers s "
            "JOIN statements st ON st.id = s.statement_id JOIN articles a ON a.id = s.article_id "
            f"WHERE {' AND '.join(clauses)} "
            "ORDER BY CASE WHEN s.day IS NULL THEN 1 ELSE 0 END, s.day, a.seq, st.start LIMIT ? OFFSET ?",
            [*params, self.store.limit_param(limit), offset],
        ).fetchall()
        return [
            SpokenStatement(
                statement=codec.row_statement(dict(zip(row.keys(), tuple(row), strict=True))),
                person_id=row["spoken_by"],
                day=row["spoken_day"],
                outlet=row["spoken_outlet"],
            )
            for row in rows
        ]


def tables(store: Store) -> PeopleTables:
    """The people stage's tables in ``store`` (one per store)."""
    return store.repository(PeopleTables)
