"""Hand-made statements over the seed articles: the cue and speaker a statements stage would find.

The statements stage is built in parallel; until it lands, the dates stage is
tested on these records. Each entry names a gold quote by its position in the
gold file's list for the document; the content span is the gold anchor, the
cue is the reporting word this table gives (its first occurrence at or after
``cue_after`` in the input).
"""

from __future__ import annotations

from wiretrace.records import Cue, Speaker, Statement

# (file prefix, index of the gold quote) -> (cue text, text the cue follows, speaker name)
CUES: dict[tuple[str, int], tuple[str, str, str]] = {
    ("000", 0): ("has said", "the foreign minister", "Sergey Lavrov"),
    ("000", 1): ("has said", "Sergey Lavrov", "Sergey Lavrov"),
    ("000", 2): ("according to", "lift the restrictions,", "Sergey Lavrov"),
    ("000", 3): ("said", "Speaking to Kommersant on Monday, Lavrov", "Sergey Lavrov"),
    ("000", 4): ("noted", "He", "Sergey Lavrov"),
    ("000", 5): ("According to", "", "Sergey Lavrov"),
    ("000", 6): ("said", "on Washington, Lavrov", "Sergey Lavrov"),
    ("000", 7): ("stressing", "Lavrov said,", "Sergey Lavrov"),
    ("000", 8): ("said", "In March, Trump", "Donald Trump"),
    ("000", 9): ("said", "sanctions on Russia in order", "Sergey Lavrov"),
    ("001", 0): ("has said", "spokesman Dmitry Peskov", "Dmitry Peskov"),
    ("001", 1): ("stated", "Dmitry Peskov", "Dmitry Peskov"),
    ("001", 2): ("claimed", "Reuters report on Monday which", "Reuters"),
    ("001", 3): ("According to", "", "Dmitry Peskov"),
    ("001", 4): ("stressed", "he", "Dmitry Peskov"),
    ("001", 5): ("reported by", "as", "Mikhail Mishustin"),
    ("001", 6): ("announced", "Trump", "Donald Trump"),
    ("001", 7): ("signaled", "He also", "Donald Trump"),
    ("001", 8): ("said", "Moscow", "Moscow"),
    ("002", 0): ("said", "Lavrov", "Sergey Lavrov"),
    ("002", 1): ("said", "“Of course,” Lavrov", "Sergey Lavrov"),
    ("002", 2): ("stated", "He further", "Sergey Lavrov"),
    ("002", 3): ("explained", "Lavrov", "Sergey Lavrov"),
    ("002", 4): ("said", "no reason at all. This contradicts", "Sergey Lavrov"),
    ("002", 5): ("insisting", "Lavrov said,", "Sergey Lavrov"),
    ("002", 6): ("had some harsh words", "He also", "Sergey Lavrov"),
    ("003", 0): ("said", "Trump", "Donald Trump"),
    ("003", 1): ("suggested", "Marco Rubio recently", "Marco Rubio"),
    ("003", 2): ("indicated", "he", "Marco Rubio"),
    ("003", 3): ("noted", "Rubio", "Marco Rubio"),
    ("003", 4): ("said", "Dombrovskis", "Valdis Dombrovskis"),
    ("003", 5): ("said", "Vladimir Putin", "Vladimir Putin"),
    ("003", 6): ("stated", "Moscow, he", "Vladimir Putin"),
    ("004", 0): ("has said", "Sergey Lavrov", "Sergey Lavrov"),
    ("004", 1): ("said", "on Tuesday, Lavrov", "Sergey Lavrov"),
    ("004", 2): ("said", "root cause of the Ukraine conflict,” Lavrov", "Sergey Lavrov"),
    ("004", 3): ("added", "he", "Sergey Lavrov"),
    ("004", 4): ("pointed", "Lavrov", "Sergey Lavrov"),
    ("004", 5): ("said", "He, however,", "Sergey Lavrov"),
    ("004", 6): ("said", "He, however,", "Sergey Lavrov"),
    ("004", 7): ("blamed", "Lavrov", "Sergey Lavrov"),
}


def seed_statements(prefix: str, article_id: str, content: str, quotes: list[dict]) -> list[Statement]:
    """The hand-made statements of one seed, in text order."""
    made = []
    for index, quote in enumerate(quotes):
        cue_text, cue_after, speaker = CUES[(prefix, index)]
        start = content.index(quote["anchor"])
        end = start + len(quote["anchor"])
        anchor_at = content.index(cue_after) + len(cue_after) if cue_after else 0
        cue_start = content.index(cue_text, anchor_at)
        made.append(
            Statement(
                id=f"{prefix}-{index}",
                article_id=article_id,
                kind=quote["kind"],
                start=start,
                end=end,
                text=content[start:end],
                cue=Cue(cue_text, cue_start, cue_start + len(cue_text)),
                speaker=Speaker(speaker, speaker, cue_start, cue_start),
            )
        )
    return sorted(made, key=lambda statement: statement.start)
