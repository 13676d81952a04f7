"""The recogniser stage: spaCy's entity recogniser, read once per article, in the analysis.

Needs: ``Analysis`` with its ``Article`` and ``entities`` (the statements stage's).
Adds: ``Analysis.recognised``, what the trained recogniser labels where a later
stage asks:

- the headline and lead (its first ``LEAD_WORDS`` words): the stories stage
  weighs their people, organisations and places as an event's actors and places;
- the sentence where each name of several words first appears, for the names
  the statements stage could give no kind from the text: the people stage
  decides from the label whether "Fellow Republicans" is a group, "USA Today"
  an organisation or "Teodor Vasquez" a person.

Both used to be read by the store stages in the main process, each with a pass
of its own; here they are one ``nlp.pipe`` per batch in the worker that
analyses the batch, on the English pipeline the statements stage has loaded
already, so the main process loads no spaCy model at all. ``recognised_of``
gives the same for analyses that come without it (an older Parquet output, a
pipeline without this stage), reading them in that process.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from wiretrace.records import Analysis, Entity, Failure, NameLabel, Recognised
from wiretrace.stage import AnalysisStage

__all__ = ["LEAD_WORDS", "RecogniserStage", "lead_text", "needs_label", "recognise", "recognised_of"]

LEAD_WORDS = 60  # the lead the stories stage weighs above the rest (see stories.features)
WINDOW = 300  # characters of context on each side of a name at most
NER_BATCH = 64
_SENTENCE_END = re.compile(r"[.!?]\s|\n")


def lead_text(title: str | None, body: str) -> str:
    """What the recogniser reads for the stories stage: the headline and the lead's words."""
    lead = " ".join(body.split()[:LEAD_WORDS])
    return f"{title}\n\n{lead}" if title else lead


def needs_label(entity: Entity) -> bool:
    """A name of several words the article gave no kind (the people stage asks the recogniser)."""
    return entity.kind is None and len(entity.name.split()) > 1


def name_context(body: str, name: str) -> tuple[str, int] | None:
    """The sentence around the first place ``name`` is written, and where the name starts in it."""
    at = body.find(name)
    if at < 0:
        return None
    start = max(0, at - WINDOW)
    ends = [match.end() for match in _SENTENCE_END.finditer(body, start, at)]
    start = ends[-1] if ends else start
    after = _SENTENCE_END.search(body, at + len(name), at + len(name) + WINDOW)
    end = after.start() + 1 if after else min(len(body), at + len(name) + WINDOW)
    return body[start:end], at - start


def recognise(analyses: Sequence[Analysis]) -> list[Recognised]:
    """The recogniser's labels for each article: one ``nlp.pipe`` over every text of the batch."""
    if not analyses:
        return []
    texts: list[str] = []
    asked: list[list[tuple[str, int, int]]] = []  # per article: (name, start in its window, window index)
    for analysis in analyses:
        article = analysis.article
        texts.append(lead_text(article.value("title"), article.body))
        names = []
        for entity in analysis.entities:
            found = name_context(article.body, entity.name) if needs_label(entity) else None
            if found is not None:
                names.append((entity.name, found[1], len(texts)))
                texts.append(found[0])
        asked.append(names)
    # spaCy loads here, where the pass runs: importing this module (the store stages do) loads none
    from wiretrace.nlp import ANALYSIS_COMPONENTS_EXCLUDED, RECOGNISE_ONLY, load_english

    nlp = load_english(ANALYSIS_COMPONENTS_EXCLUDED)
    docs = list(nlp.pipe(texts, batch_size=NER_BATCH, disable=RECOGNISE_ONLY))
    found: list[Recognised] = []
    lead_at = 0
    for names in asked:
        lead = tuple((ent.text, ent.label_) for ent in docs[lead_at].ents)
        labels = tuple(
            label
            for name, start, window in names
            if (label := _label_at(docs[window], name, start)) is not None
        )
        found.append(Recognised(lead=lead, names=labels))
        lead_at += 1 + len(names)
    return found


def recognised_of(analyses: Sequence[Analysis]) -> list[Recognised]:
    """Each analysis's labels: as the stage gave them, or read now for those without."""
    missing = [analysis for analysis in analyses if analysis.recognised is None]
    read = iter(recognise(missing))
    return [analysis.recognised if analysis.recognised is not None else next(read) for analysis in analyses]


def _label_at(doc, name: str, start: int) -> NameLabel | None:
    """The recognised entity that ends where the name ends, inside or around it."""
    end = start + len(name)
    for ent in doc.ents:
        if ent.start_char < end and start < ent.end_char and ent.end_char >= end - 1:
            return NameLabel(name=name, label=ent.label_, text=ent.text, whole=ent.start_char <= start)
    return None


class RecogniserStage(AnalysisStage):
    """Per-item stage: the entity recogniser over the headline, the lead and unplaced names."""

    name = "recogniser"
    needs = ("article", "entities")
    adds = ("recognised",)

    def pipe(self, analyses: Sequence[Analysis]) -> list[Analysis | Failure]:
        return [
            replace(analysis, recognised=recognised)
            for analysis, recognised in zip(analyses, recognise(analyses), strict=True)
        ]
