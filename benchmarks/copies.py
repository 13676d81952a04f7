"""Copy families: reprints made from PolNeAR articles, found by the origins stage.

The reprint-maker takes an article and does what aggregators do: page
furniture before and after it (from the templates below, never from the
seeds) at 1x, 2x and 4x the article's length in words (half before, half
after), and at 4x on each side (8x in all); its first or last paragraph
trimmed; a new title; quotation marks changed (curly to straight and back).
Reprints are mixed with every untouched PolNeAR article (train and dev) and
ingested in a shuffled order into a fresh SQLite store through the article
stage and the origins stage, as `wiretrace ingest` runs them.

Scored pairwise: precision over the pairs of articles put in one family,
recall over the pairs that are one family (per furniture level: the original
and its reprint). Baseline in the same run: plain MinHash LSH (datasketch's
``MinHashLSH``, Jaccard threshold 0.5, 128 permutations, the same shingles),
pairs joined into families by connected components.

    .venv/bin/python benchmarks/copies.py [--originals N] [--json]
    .venv/bin/python benchmarks/copies.py --scale 100000   # articles/s and peak memory

Targets (issue 4): recall >= 0.98 at 4x furniture, precision >= 0.99.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import sys
import tempfile
import time
from collections import defaultdict
from itertools import combinations
from pathlib import Path

from datasketch import MinHash, MinHashLSH

from wiretrace.article import ArticleStage
from wiretrace.origins import OriginsStage
from wiretrace.origins.signature import NUM_PERM, SCHEME, SEED, shingles_of
from wiretrace.origins.tables import tables as origin_tables
from wiretrace.pipeline import Pipeline
from wiretrace.records import Analysis, Article, OffsetMap, RawItem, content_id
from wiretrace.store import Batch
from wiretrace.store.sqlite import SQLiteStore

ROOT = Path(__file__).resolve().parent.parent
POLNEAR = ROOT.parent / "shared" / "eval" / "polnear"
TARGETS = {"recall_at_4x": 0.98, "precision": 0.99}
# Furniture in words, as a multiple of the article's words: (before, after).
MIN_REPRINT_WORDS = 50
LEVELS = {"1x": (0.5, 0.5), "2x": (1.0, 1.0), "4x": (2.0, 2.0), "4x each side": (4.0, 4.0)}

# -- furniture templates ---------------------------------------------------------------

SUBJECTS = [
    "City council",
    "Local school board",
    "Tech giant",
    "Star striker",
    "Central bank",
    "Health officials",
    "Farmers",
    "Airline",
    "Museum",
    "Police",
    "Weather service",
    "Film festival",
    "Hospital",
    "Union leaders",
    "Regional court",
    "Coach",
    "Mayor",
    "Scientists",
    "Retailers",
    "Transit authority",
    "Chef",
]
VERBS = [
    "approves",
    "rejects",
    "warns over",
    "unveils",
    "delays",
    "celebrates",
    "probes",
    "cuts",
    "expands",
    "cancels",
    "defends",
    "backs",
    "questions",
    "launches",
    "wins",
]
OBJECTS = [
    "new budget",
    "stadium plan",
    "rate rise",
    "flu season",
    "drought relief",
    "museum opening",
    "bike lanes",
    "summer festival",
    "water prices",
    "school lunches",
    "night trains",
    "housing project",
    "title race",
    "record harvest",
    "phone recall",
    "bridge repairs",
    "tourist tax",
    "heat wave plan",
]
TAILS = [
    "after long debate",
    "amid protests",
    "this weekend",
    "in surprise move",
    "despite warnings",
    "for third year",
    "as costs climb",
    "before holidays",
    "under pressure",
    "with fans watching",
]
PROMPTS = [
    "Sign up for our {adj} newsletter and get the best of {site} delivered to your inbox every {day}.",
    "Subscribe now to keep reading and get access to the full {site} archive.",
    "Share this story on {social}.",
    "Follow {site} on {social} for more {topic} news.",
    "We use cookies to improve your experience. By continuing to browse {site} you agree to our policy.",
    "Advertisement",
    "Comments are closed.",
    "Most read on {site}",
    "Trending now",
    "Related stories",
    "Read more: {headline}",
    "Copyright {year} {site}. All rights reserved.",
    "Got a tip? Email the {topic} desk at tips@{domain}.",
]
SITES = [
    "Harbour Post",
    "Valley Ledger",
    "Northgate Daily",
    "Metro Wire Digest",
    "Coastline Times",
    "Daily Roundup",
]
SOCIAL = ["Facebook", "X", "Telegram", "WhatsApp", "LinkedIn"]
TOPICS = ["local", "business", "sports", "weather", "culture", "politics"]
ADJECTIVES = ["free", "daily", "weekly", "morning", "evening"]
DAYS = ["morning", "Monday", "Friday", "weekday", "weekend"]


def headline(rng: random.Random) -> str:
    return f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)} {rng.choice(TAILS)}"


def blurb(rng: random.Random) -> str:
    return (
        f"{rng.choice(SUBJECTS)} said on {rng.choice(DAYS)} that the {rng.choice(OBJECTS)} would go ahead "
        f"{rng.choice(TAILS)}, while {rng.choice(SUBJECTS).lower()} {rng.choice(VERBS)} the {rng.choice(OBJECTS)}."
    )


def prompt(rng: random.Random, site: str) -> str:
    return rng.choice(PROMPTS).format(
        adj=rng.choice(ADJECTIVES),
        site=site,
        day=rng.choice(DAYS),
        social=rng.choice(SOCIAL),
        topic=rng.choice(TOPICS),
        headline=headline(rng),
        year=rng.choice(range(2015, 2026)),
        domain=site.lower().replace(" ", "") + ".example",
    )


def furniture(rng: random.Random, words: int, site: str) -> list[str]:
    """Lines of page furniture adding up to about ``words`` words."""
    lines: list[str] = []
    count = 0
    while count < words:
        kind = rng.random()
        line = headline(rng) if kind < 0.4 else blurb(rng) if kind < 0.7 else prompt(rng, site)
        lines.append(line)
        count += len(line.split())
    return lines


# -- the reprint-maker ----------------------------------------------------------------------

CURLY_TO_STRAIGHT = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"})


def repunctuate(text: str, rng: random.Random) -> str:
    """Curly quotation marks to straight ones, or straight double quotes to curly pairs."""
    if "“" in text or "’" in text:
        return text.translate(CURLY_TO_STRAIGHT)
    parts = text.split('"')
    return "".join(part + ("“" if i % 2 == 0 else "”") for i, part in enumerate(parts[:-1])) + parts[-1]


def reprint(title: str, paragraphs: list[str], level: tuple[float, float], rng: random.Random) -> str:
    """An aggregator's page carrying the article."""
    kept = list(paragraphs)
    if len(kept) >= 4:
        kept = kept[1:] if rng.random() < 0.5 else kept[:-1]
    words = sum(len(p.split()) for p in kept)
    site = rng.choice(SITES)
    before = furniture(rng, int(words * level[0]), site)
    after = furniture(rng, int(words * level[1]), site)
    new_title = rng.choice(["Report: ", "WATCH: ", "Breaking: ", "Analysis: "]) + " ".join(title.split()[:-2])
    body = [repunctuate(p, rng) for p in kept]
    return "\n\n".join([*before, new_title, *body, *after]) + "\n"


def split_article(text: str) -> tuple[str, list[str]]:
    blocks = [block.strip() for block in text.split("\n") if block.strip()]
    return blocks[0], blocks[1:]


def polnear_texts() -> list[tuple[str, str]]:
    """PolNeAR's articles, each text once (a few files hold the same text twice)."""
    found: dict[str, tuple[str, str]] = {}
    for compartment in ("train", "dev"):
        for path in sorted((POLNEAR / compartment / "text").glob("*.txt")):
            text = path.read_text("utf-8")
            found.setdefault(content_id(text), (f"{compartment}/{path.stem}", text))
    return list(found.values())


# -- scoring ------------------------------------------------------------------------------


def pairs_of(assignment: dict[str, str]) -> set[tuple[str, str]]:
    groups: dict[str, list[str]] = defaultdict(list)
    for item, group in assignment.items():
        groups[group].append(item)
    return {tuple(sorted(pair)) for members in groups.values() for pair in combinations(members, 2)}


def score(predicted: dict[str, str], gold: dict[str, str], level_of: dict[str, str]) -> dict:
    found, truth = pairs_of(predicted), pairs_of(gold)
    right = found & truth
    result = {
        "pairs_predicted": len(found),
        "pairs_gold": len(truth),
        "precision": len(right) / len(found) if found else 1.0,
        "recall": len(right) / len(truth) if truth else 1.0,
        "merged_wrongly": len(found - truth),
    }
    for level in LEVELS:
        # the original (no level) with its reprint at this level
        wanted = {p for p in truth if {level_of.get(p[0]), level_of.get(p[1])} == {None, level}}
        result[f"recall {level}"] = len(wanted & found) / len(wanted) if wanted else None
    return result


def missed(
    predicted: dict[str, str], gold: dict[str, str], level_of: dict[str, str], bodies: dict[str, str]
) -> list:
    """A few originals whose reprint was not found, with the containment that decided it."""
    from wiretrace.origins.signature import containment, shingle_set

    originals = {name: item for item, name in gold.items() if item not in level_of}
    examples = []
    for item, level in level_of.items():
        original = originals[gold[item]]
        if predicted[item] != predicted[original] and len(examples) < 12:
            a, b = shingle_set(bodies.get(original, "")), shingle_set(bodies.get(item, ""))
            examples.append(
                {
                    "original": gold[item],
                    "level": level,
                    "shingles": [len(a), len(b)],
                    "containment": round(containment(a, b), 3),
                }
            )
    return examples


def baseline_families(bodies: dict[str, str], threshold: float = 0.5) -> dict[str, str]:
    """Plain MinHash LSH on Jaccard similarity, pairs joined by connected components."""
    lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
    hashes = {}
    for item, body in bodies.items():
        shingles = shingles_of(body)
        if len(set(shingles)) < 10:
            continue
        minhash = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME)
        minhash.update_batch([s.encode("utf-8", "surrogatepass") for s in shingles])
        hashes[item] = minhash
        lsh.insert(item, minhash)
    parent = {item: item for item in bodies}

    def find(item: str) -> str:
        while parent[item] != item:
            parent[item] = parent[parent[item]]
            item = parent[item]
        return item

    for item, minhash in hashes.items():
        for other in lsh.query(minhash):
            if other != item and hashes[other].jaccard(minhash) >= threshold:
                parent[find(item)] = find(other)
    return {item: find(item) for item in bodies}


# -- quality run --------------------------------------------------------------------------


def quality(originals: int, seed: int) -> dict:
    rng = random.Random(seed)
    texts = polnear_texts()
    # Stubs ("ABSTRACT." under a title: a hundred of PolNeAR's New York Times items) have no
    # article to reprint; they stay in the mix untouched.
    reprintable = [
        i
        for i, (_, text) in enumerate(texts)
        if len(" ".join(split_article(text)[1]).split()) >= MIN_REPRINT_WORDS
    ]
    chosen = rng.sample(reprintable, min(originals, len(reprintable)))
    items: list[RawItem] = []
    gold: dict[str, str] = {}
    level_of: dict[str, str] = {}
    for name, text in texts:
        item = RawItem(content_id(text), name, "text/plain", text)
        items.append(item)
        gold[item.id] = name
    for index in chosen:
        name, text = texts[index]
        title, paragraphs = split_article(text)
        for level, sizes in LEVELS.items():
            page = reprint(title, paragraphs, sizes, rng)
            item = RawItem(content_id(page), f"{name}#reprint {level}", "text/plain", page)
            items.append(item)
            gold[item.id] = name
            level_of[item.id] = level
    rng.shuffle(items)
    with tempfile.TemporaryDirectory() as folder, SQLiteStore(Path(folder) / "copies.db") as store:
        started = time.process_time()
        Pipeline(store, store_stages=[OriginsStage()]).ingest(items)
        seconds = time.process_time() - started
        members = origin_tables(store).origin_members(article_ids=list(gold))
        predicted = {item_id: item_id for item_id in gold}
        predicted.update({m.article_id: m.family_id for m in members})
        bodies = {a.id: a.body for a in origin_tables(store).articles_by_id(list(gold)).values()}
    ours = score(predicted, gold, level_of)
    ours["missed_examples"] = missed(predicted, gold, level_of, bodies)
    base = score(baseline_families(bodies), gold, level_of)
    return {
        "articles": len(items),
        "untouched": len(texts),
        "reprinted": len(chosen),
        "reprints": len(level_of),
        "wiretrace": ours,
        "baseline_minhash_lsh_jaccard_0.5": base,
        "cpu_seconds_article_and_origins_stages": round(seconds, 1),
        "targets": TARGETS,
    }


# -- scale run ----------------------------------------------------------------------------


def perturbed(words: list[str], vocabulary: list[str], rng: random.Random, rate: float = 0.25) -> str:
    """Another article with the same word statistics: a quarter of the words replaced."""
    return " ".join(rng.choice(vocabulary) if rng.random() < rate else word for word in words)


def scale(total: int, seed: int, batch: int = 64, block: int = 10_000) -> dict:
    """The origins stage alone (the article stage run once per PolNeAR text beforehand) over
    ``total`` articles: distinct articles made by replacing words of PolNeAR's, one in ten
    a copy of an earlier one with furniture around it."""
    rng = random.Random(seed)
    stage = ArticleStage()
    bases = [stage(RawItem(content_id(t), n, "text/plain", t)).body for n, t in polnear_texts()]
    vocabulary = [word for body in bases for word in body.split()]
    split = [body.split() for body in bases]
    origins = OriginsStage()
    recent: list[str] = []
    rates = []
    with tempfile.TemporaryDirectory() as folder, SQLiteStore(Path(folder) / "scale.db") as store:
        done = 0
        block_seconds = 0.0
        block_done = 0
        block_wall = time.perf_counter()
        while done < total:
            analyses = []
            for _ in range(min(batch, total - done)):
                if recent and rng.random() < 0.1:
                    copied = rng.choice(recent)
                    text = "\n\n".join(
                        [*furniture(rng, 200, "Daily Roundup"), copied, *furniture(rng, 200, "Valley Ledger")]
                    )
                else:
                    text = perturbed(rng.choice(split), vocabulary, rng)
                    recent = (recent + [text])[-500:]
                item_id = content_id(f"{done}:{text}")
                article = Article(item_id, f"scale#{done}", "text/plain", text, OffsetMap.identity(len(text)))
                analyses.append(
                    Analysis(item=RawItem(item_id, article.source_path, "text/plain", text), article=article)
                )
                done += 1
            with store.transaction():
                store.write(Batch(items=[a.item for a in analyses], analyses=analyses))
                started = time.process_time()
                origins.update(store, analyses)
                block_seconds += time.process_time() - started
            block_done += len(analyses)
            if block_done >= block or done == total:
                rates.append(
                    {
                        "articles": done,
                        "block": block_done,
                        "articles_per_cpu_second": round(block_done / block_seconds, 1),
                        "wall_seconds_whole_loop": round(time.perf_counter() - block_wall, 1),
                        "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
                    }
                )
                print(json.dumps(rates[-1]), file=sys.stderr, flush=True)
                block_seconds, block_done, block_wall = 0.0, 0, time.perf_counter()
        families = len(origin_tables(store).origin_families())
    return {"articles": total, "families_of_two_or_more": families, "blocks": rates}


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--originals", type=int, default=300, help="PolNeAR articles to reprint.")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--scale", type=int, default=0, help="Run the throughput test on this many articles.")
    parser.add_argument("--block", type=int, default=10_000, help="Report the rate every this many articles.")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    result = (
        scale(args.scale, args.seed, block=args.block) if args.scale else quality(args.originals, args.seed)
    )
    print(json.dumps(result, indent=None if args.json else 1))


if __name__ == "__main__":
    main(sys.argv[1:])
