"""The dates stage and ``tag_text``: what ``wiretrace.dates`` exports (see its docstring)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from wiretrace.dates.calendar import first_day, parse_dct
from wiretrace.dates.statements import date_statements
from wiretrace.dates.tagger import Tagged, tag, tag_many
from wiretrace.records import Analysis, Article, Failure, TimeExpression
from wiretrace.stage import AnalysisStage

__all__ = ["DatesStage", "first_day", "parse_dct", "tag_text", "times_of"]


def tag_text(text: str, dct: date | None) -> list[TimeExpression]:
    """The temporal expressions of a plain text, offsets into ``text``."""
    return [_record(found, found.start, found.end) for found in tag(text, dct)]


def times_of(article: Article, tagged: Sequence[Tagged]) -> list[TimeExpression]:
    """Body expressions as records with offsets into the original input."""
    records = []
    for found in tagged:
        start, end = article.body_map.span_to_source(found.start, found.end)
        records.append(_record(found, start, end))
    return records


def _record(found: Tagged, start: int, end: int) -> TimeExpression:
    return TimeExpression(start, end, found.text, found.type, found.value, found.anchored)


class DatesStage(AnalysisStage):
    """Per-item stage: temporal expressions of the body, and the date of every statement."""

    name = "dates"
    needs = ("article",)
    adds = ("times",)  # and each statement's date, when the statements stage ran before

    def pipe(self, analyses: Sequence[Analysis]) -> list[Analysis | Failure]:
        """All articles of the batch at once: the sentences whose tense matters go through one parse."""
        published = [parse_dct(analysis.article.value("published")) for analysis in analyses]
        try:
            tagged = tag_many([(a.article.body, dct) for a, dct in zip(analyses, published, strict=True)])
        except Exception:  # a rule bug in one article: tag them one by one to find it
            return [self._one(analysis, dct, None) for analysis, dct in zip(analyses, published, strict=True)]
        return [self._one(*args) for args in zip(analyses, published, tagged, strict=True)]

    def _one(
        self, analysis: Analysis, published: date | None, tagged: list[Tagged] | None
    ) -> Analysis | Failure:
        article = analysis.article
        try:
            if tagged is None:
                tagged = tag(article.body, published)
            statements = date_statements(
                article.body, article.body_map, tagged, analysis.statements, published
            )
        except Exception as error:  # a rule bug must cost one item, never the batch
            return Failure(
                analysis.item.source_path,
                self.name,
                f"temporal tagging failed: {type(error).__name__}: {error}",
                analysis.item.id,
            )
        return replace(analysis, times=tuple(times_of(article, tagged)), statements=tuple(statements))
