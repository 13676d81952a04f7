"""The seed articles' events and storylines, as ../shared/gold/seeds.json gives them."""

from __future__ import annotations

from pathlib import Path

import pytest

from wiretrace.ingest.readers import read_path
from wiretrace.pipeline import Pipeline
from wiretrace.records import RawItem
from wiretrace.store.sqlite import SQLiteStore
from wiretrace.stories.tables import tables as story_tables


def clustered(seeds_dir: Path, tmp_path: Path, reverse: bool, batch_size: int) -> dict[str, dict[str, str]]:
    """file name -> {level: story id} after ingesting the seeds in the given order."""
    paths = sorted(seeds_dir.iterdir(), reverse=reverse)
    entries = [entry for path in paths for entry in read_path(path) if isinstance(entry, RawItem)]
    with SQLiteStore(tmp_path / "seeds.db") as store:
        Pipeline.full(store, batch_size=batch_size).ingest(entries)
        files = {article.id: Path(article.source_path).name for article in store.articles()}
        levels = {level: story_tables(store).story_assignments(level) for level in ("event", "storyline")}
    return {files[a]: {level: found[a] for level, found in levels.items()} for a in files}


@pytest.mark.parametrize(("reverse", "batch_size"), [(False, 64), (True, 1)])
def test_seed_events_and_storylines_match_the_gold(seeds_dir, tmp_path, gold, reverse, batch_size):
    found = clustered(seeds_dir, tmp_path, reverse, batch_size)
    for level, named in (("event", gold["events"]), ("storyline", gold["storylines"])):
        for story in named:
            inside = {found[name][level] for name in story["files"]}
            assert len(inside) == 1, f"{story['name']}: {level}s {inside}"
            outside = {name for name in found if found[name][level] in inside} - set(story["files"])
            assert not outside, f"{story['name']}: {outside} joined it"
