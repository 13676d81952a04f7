"""The article stage: a raw item in, a clean article with its metadata out.

Needs: ``RawItem`` (plain text or HTML, with container hints).
Adds: ``Article`` — the body, a map from body to input offsets, the furniture
cut (with reasons), and title, publication date, outlet, original publisher
and author, each with how and where it was found.

Raises ``NotAnArticle`` when an item holds no article text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import replace
from functools import partial

from wiretrace.article import credits, datelines, furniture_model, html, text
from wiretrace.article.furniture_model import HTML, LineModel
from wiretrace.errors import ItemError, NotAnArticle
from wiretrace.records import Analysis, Article, Failure, Found, OffsetMap, RawItem, Removed, Run, Span
from wiretrace.registry import Registry, domain_of
from wiretrace.stage import Stage

__all__ = ["ArticleStage"]


# Stand-in for "the shipped line model", so that None can mean "rules only".
SHIPPED = "shipped"


class ArticleStage(Stage):
    """Turns raw items into articles; holds the outlet registry it resolves names with.

    The first stage of the flow (``wiretrace.stage``): its ``pipe`` takes raw
    items, where the stages after it take analyses.

    ``line_model`` finds the article among a text dump's lines: the model
    shipped in ``wiretrace/models/furniture.json`` by default, another
    ``LineModel`` (cross-validation trains its own), or None for the rules alone.
    ``html_model`` does the same among an HTML page's visible lines, reading
    trafilatura's article and the markup around each line as more features;
    with None, trafilatura's article is the text and the rules clean it.
    """

    def __init__(
        self,
        registry: Registry | None = None,
        line_model: LineModel | None | str = SHIPPED,
        html_model: LineModel | None | str = SHIPPED,
    ) -> None:
        self.registry = registry or Registry.load()
        self.line_model = furniture_model.load() if line_model == SHIPPED else line_model
        self.html_model = furniture_model.load(HTML) if html_model == SHIPPED else html_model

    name = "article"
    needs = ("item",)
    adds = ("article",)

    def pipe(
        self, items: Iterable[RawItem], known_furniture: Mapping[str, frozenset[int]] | None = None
    ) -> list[Analysis | Failure]:
        """One analysis (or failure) per item; ``known_furniture``: for each item id, the
        fingerprints of the lines its outlet's memory names furniture."""
        known_furniture = known_furniture or {}
        results: list[Analysis | Failure] = []
        for item in items:
            try:
                article = self(item, known_furniture.get(item.id, frozenset()))
            except ItemError as error:
                results.append(Failure(item.source_path, error.stage, error.reason, item.id))
            else:
                results.append(Analysis(item=item, article=article))
        return results

    def __call__(self, item: RawItem, known_furniture: frozenset[int] = frozenset()) -> Article:
        """The article in ``item``; ``known_furniture`` holds the fingerprints of lines
        that recur on the outlet's other pages (``memory.py``), cut wherever they stand."""
        if item.media_type == "text/html":
            return self._from_html(item)
        return self._from_text(item, known_furniture)

    # -- plain text -------------------------------------------------------------

    def _from_text(self, item: RawItem, known_furniture: frozenset[int]) -> Article:
        found = text.layout(
            item.content,
            self.registry,
            item.hints.get("title"),
            model=self.line_model,
            known_furniture=known_furniture,
        )
        if not found.kept:
            raise NotAnArticle("no article text: every line looks like page furniture")
        runs, body = _join(item.content, found.kept)
        return self._article(item, body, OffsetMap(tuple(runs)), found, item.content)

    # -- HTML -------------------------------------------------------------------

    def _from_html(self, item: RawItem) -> Article:
        read = html.read(item.content, item.url)
        page = read.metadata(item.content)
        extracted_text, page_runs, outside, found = self._html_layout(
            read, item.hints.get("title") or page.title
        )
        if not found.kept:
            raise NotAnArticle("no article text: the page's text is all furniture")
        inner_runs, body = _join(extracted_text, found.kept)
        to_page = OffsetMap(page_runs)
        body_map = _compose(inner_runs, to_page)
        found.removed = [(*to_page.span_to_source(s, e), why) for s, e, why in found.removed]
        found.removed.extend((start, end, "outside the main text") for start, end in outside)
        found.credits = [(name, how, *to_page.span_to_source(s, e)) for name, how, s, e in found.credits]
        if found.published:
            value, how, s, e = found.published
            found.published = (value, how, *to_page.span_to_source(s, e))
        found.title = None  # the page's own title element is better evidence
        article = self._article(item, body, body_map, found, item.content)
        return _with_page_metadata(article, item, page, self.registry)

    def _html_layout(
        self, read: html.ReadPage, title_hint: str | None
    ) -> tuple[str, tuple[Run, ...], list[tuple[int, int]], text.Layout]:
        """The text the article is found in, its runs onto the page, what lies outside it, and the layout."""
        if read.extracted is not None and self.html_model is None:
            # trafilatura's article with the rules over it; the rest of the page is cut
            extracted_text, segments = html.locate(read.extracted.text.splitlines(), read.visible)
            found = text.layout(extracted_text, self.registry, title_hint, find_title=False)
            page_runs = html.segment_runs(read.visible, segments)
            return extracted_text, page_runs, html.unused(read.visible, segments), found
        # the whole visible text, line by line, with trafilatura's opinion where it has one
        visible = read.visible.text
        model, extra = self.line_model, None
        if read.extracted is not None:
            model, extra = self.html_model, partial(html.line_columns, read)
        found = text.layout(
            visible, self.registry, title_hint, find_title=False, model=model, extra_columns=extra
        )
        return visible, tuple(read.visible.runs(0, len(visible), 0)), [], found

    # -- metadata ---------------------------------------------------------------

    def _article(
        self, item: RawItem, body: str, body_map: OffsetMap, found: text.Layout, source: str
    ) -> Article:
        removed = tuple(
            Removed(start, end, source[start:end], reason) for start, end, reason in sorted(found.removed)
        )
        outlet = self._outlet(item, found, source)
        return Article(
            id=item.id,
            source_path=item.source_path,
            media_type=item.media_type,
            body=body,
            body_map=body_map,
            removed=removed,
            url=item.url,
            title=_title(item, found, source),
            published=_published(item, found, source),
            outlet=outlet,
            original_publisher=self._original(found, body, body_map, source, outlet),
            author=_author(item, found, source),
        )

    def _outlet(self, item: RawItem, found: text.Layout, source: str) -> Found | None:
        if item.hints.get("outlet"):
            return Found(self.registry.canonical(item.hints["outlet"]), "given")
        if item.url:
            known = self.registry.from_url(item.url)
            host = domain_of(item.url)
            if known or host:
                return Found(known.name if known else host, "url")
        named = credits.self_reference(found.furniture_lines)
        if named:
            return Found(self.registry.canonical(named), "page prompt")
        dateline = [c for c in found.credits if c[1] == "dateline"]
        if dateline:
            name, _, start, end = dateline[0]
            return Found(self.registry.canonical(name), "dateline", Span(start, end, source[start:end]))
        return None

    def _original(
        self, found: text.Layout, body: str, body_map: OffsetMap, source: str, outlet: Found | None
    ) -> Found | None:
        ranked = sorted(found.credits, key=lambda credit: CREDIT_STRENGTH.index(credit[1]))
        wire = credits.first_wire_dateline(body, self.registry)
        if wire:
            name, body_start, body_end = wire
            start, stop = body_map.span_to_source(body_start, body_end)
            ranked.insert(0, (name, "wire dateline", start, stop))
        if not ranked and (signed := credits.wire_format(source)):
            ranked.append((signed[0], "wire format", signed[1], signed[2]))
        if ranked:
            name, method, start, end = ranked[0]
            return Found(self.registry.canonical(name), method, Span(start, end, source[start:end]))
        if outlet is not None:
            return Found(outlet.value, "same as outlet", outlet.span)
        return None


# Which evidence of an original publisher wins: explicit credits above a name at the top.
CREDIT_STRENGTH = ("credit line", "dateline", "source line")


def _join(source: str, kept: list[tuple[int, int]]) -> tuple[list[Run], str]:
    """Assemble the body from kept stretches, keeping the input's paragraph breaks."""
    runs: list[Run] = []
    parts: list[str] = []
    length = 0
    previous_end = None
    for start, end in kept:
        if previous_end is not None:
            gap = source[previous_end:start]
            separator = "\n\n" if gap.count("\n") >= 2 or not gap.count("\n") else "\n"
            parts.append(separator)
            length += len(separator)
        runs.append(Run(length, start, end - start))
        parts.append(source[start:end])
        length += end - start
        previous_end = end
    return runs, "".join(parts)


def _compose(inner: list[Run], outer: OffsetMap) -> OffsetMap:
    """Runs from the body to the page, through the extracted text in between.

    Both run lists are sorted by their middle-text offsets, so one merge pass
    pairs every overlapping run.
    """
    composed: list[Run] = []
    outer_runs = outer.runs
    j = 0
    for run in inner:
        run_end = run.source_start + run.length
        while j < len(outer_runs) and outer_runs[j].body_start + outer_runs[j].length <= run.source_start:
            j += 1
        k = j
        while k < len(outer_runs) and outer_runs[k].body_start < run_end:
            outer_run = outer_runs[k]
            lo = max(run.source_start, outer_run.body_start)
            hi = min(run_end, outer_run.body_start + outer_run.length)
            if lo < hi:
                composed.append(
                    Run(
                        run.body_start + lo - run.source_start,
                        outer_run.source_start + lo - outer_run.body_start,
                        hi - lo,
                    )
                )
            k += 1
    return OffsetMap(tuple(composed))


def _span(source: str, start: int, end: int) -> Span:
    return Span(start, end, source[start:end])


def _title(item: RawItem, found: text.Layout, source: str) -> Found | None:
    if item.hints.get("title"):
        return Found(" ".join(item.hints["title"].split()), "given")
    if found.title is not None:
        line = found.title
        return Found(line.text, "title line", _span(source, line.start, line.end))
    return None


def _published(item: RawItem, found: text.Layout, source: str) -> Found | None:
    given = item.hints.get("published")
    if given:
        value = datelines.normalise_published(given)
        if value:
            return Found(value, "given")
    if found.published:
        value, method, start, end = found.published
        return Found(value, method, _span(source, start, end))
    return None


def _author(item: RawItem, found: text.Layout, source: str) -> Found | None:
    if item.hints.get("author"):
        return Found(item.hints["author"], "given")
    if found.author is not None:
        name = credits.byline(found.author.text)
        if name:
            return Found(name, "byline", _span(source, found.author.start, found.author.end))
    return None


def _with_page_metadata(article: Article, item: RawItem, page: html.Extracted, registry: Registry) -> Article:
    """Fill what the HTML metadata says where the text said nothing."""
    changes: dict[str, Found] = {}
    if article.title is None and page.title:
        changes["title"] = Found(page.title, "html metadata")
    if article.published is None and page.date:
        value = datelines.normalise_published(page.date)
        if value:
            changes["published"] = Found(value, "html metadata")
    if article.outlet is None and page.sitename:
        changes["outlet"] = Found(registry.canonical(page.sitename), "html metadata")
    if article.author is None and page.author:
        changes["author"] = Found(page.author, "html metadata")
    if page.author and article.original_publisher and article.original_publisher.method == "same as outlet":
        wire = registry.lookup(re.sub(r"^by\s+", "", page.author, flags=re.I))
        if wire is not None and wire.kind == "wire":
            changes["original_publisher"] = Found(wire.name, "byline")
    if "outlet" in changes and article.original_publisher is None:
        changes["original_publisher"] = Found(changes["outlet"].value, "same as outlet")
    return replace(article, language=page.language, **changes) if changes or page.language else article
