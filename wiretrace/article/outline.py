"""Which elements hold each stretch of a page's visible text, as the HTML line model reads them.

Extractors since Readability judge a block by its surroundings: the class and
id names of the elements around it ("comment", "sidebar", "share" against
"article", "content", "post"), whether it sits in a <nav> or <footer>, whether
it is a heading, a list item or a table cell, whether it is link text.
``Outline`` follows the open elements as ``html.visible_text`` meets the tags
and records, for each such kind, the stretches of visible text it covers. The
model learns how far to trust each; nothing here decides alone.

Tags come from a tokenizer, not a parser: unclosed elements are closed the way
browsers close the common ones (a new <p> closes an open <p>, a closing tag
closes whatever it encloses), stray closing tags are ignored, and elements
nested deeper than ``MAX_DEPTH`` are not followed, so a broken page costs
linear time and gives approximate marks rather than an error.
"""

from __future__ import annotations

import re
from functools import lru_cache

# Class and id words of furniture and of article containers (Readability's
# lists, which read markup, not any one language's text).
_NEGATIVE = re.compile(
    r"ad-break|agegate|banner|breadcrumb|combx|comment|community|contact|cookie|disqus|extra|foot|"
    r"gdpr|masthead|menu|meta|modal|nav|newsletter|outbrain|pager|pagination|popup|promo|related|"
    r"remark|replies|rss|share|shoutbox|sidebar|skyscraper|social|sponsor|shopping|subscribe|tags|"
    r"taboola|tool|widget",
    re.I,
)
_POSITIVE = re.compile(r"article|body|content|entry|hentry|h-entry|main|page|post|text|blog|story", re.I)
_ATTRIBUTE = re.compile(r"""\b(class|id)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.I)
_HIDDEN = re.compile(
    r"""\shidden(?=[\s>/=])|display\s*:\s*none|visibility\s*:\s*hidden|aria-hidden\s*=\s*["']?true""", re.I
)

# Elements that hold no text and are never closed.
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
# Inline elements: they change no block's kind (links are followed apart).
_INLINE = frozenset(
    "a abbr b bdi bdo cite code data del dfn em font i ins kbd label mark q s samp small span strong "
    "sub sup time u var".split()
)
# Elements a new one of the same name closes, as browsers do.
_SELF_CLOSING_SIBLINGS = frozenset("p li dt dd tr td th option".split())
# Blocks that close an open <p>.
_CLOSES_PARAGRAPH = frozenset(
    "address article aside blockquote div dl fieldset figure footer form h1 h2 h3 h4 h5 h6 header "
    "hr main nav ol p pre section table ul".split()
)
MAX_DEPTH = 256

BLOCK_KINDS = {
    **{f"h{n}": "heading" for n in range(1, 7)},
    "li": "list item",
    "dt": "list item",
    "dd": "list item",
    "td": "table cell",
    "th": "table cell",
    "p": "paragraph",
    "blockquote": "paragraph",
    "figcaption": "caption",
    "caption": "caption",
}
# Every kind of stretch recorded, one feature of the line model each.
KINDS = (
    "link",
    "aside",
    "negative",
    "positive",
    "nearest negative",
    "landmark",
    "heading",
    "list item",
    "table cell",
    "paragraph",
    "caption",
)
_BIT = {kind: 1 << i for i, kind in enumerate(KINDS)}
# Text no reader sees: the hidden attribute, display:none... (Readability's test of visibility).
_HIDDEN_BIT = 1 << len(KINDS)
_BLOCK_BITS = sum(_BIT[kind] for kind in set(BLOCK_KINDS.values()))


class Outline:
    """The open elements around the text, and where each kind of element holds text."""

    def __init__(self) -> None:
        self.stack: list[tuple[str, int]] = [("", 0)]  # (element, state bits of the text inside it)
        self.overflow = 0  # elements opened past MAX_DEPTH, not followed
        self.link_open = False
        self.state = 0
        self.opened: dict[str, int] = {}  # kind -> where its open stretch began
        self.stretches: dict[str, list[tuple[int, int]]] = {kind: [] for kind in KINDS}

    def tag(self, name: str, closing: bool, token: str, at: int) -> None:
        """Follow one tag (its lower-case ``name``, whole ``token``) met at visible-text offset ``at``."""
        if name == "a":
            self.link_open = not closing
        elif name in _VOID:
            return
        elif name in _INLINE:
            # followed only when it hides its text (an icon's <span aria-hidden="true">)
            if closing and self.stack[-1][0] == name:
                self.stack.pop()
            elif not closing and _may_hide(token) and _HIDDEN.search(token) and not token.endswith("/>"):
                self._open(name, token)
            else:
                return
        elif closing:
            self._close(name)
        elif not token.endswith("/>"):
            self._open(name, token)
        self._update(at)

    def _open(self, name: str, token: str) -> None:
        top = self.stack[-1][0]
        if (name == top and name in _SELF_CLOSING_SIBLINGS) or (top == "p" and name in _CLOSES_PARAGRAPH):
            self.stack.pop()
        if len(self.stack) > MAX_DEPTH:
            self.overflow += 1
            return
        self.stack.append((name, _inside(name, token, self.stack[-1][1])))

    def _close(self, name: str) -> None:
        if self.overflow:
            self.overflow -= 1
            return
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth][0] == name:
                del self.stack[depth:]
                return

    def _update(self, at: int) -> None:
        state = self.stack[-1][1] | (_BIT["link"] if self.link_open else 0)
        changed = state ^ self.state
        if not changed:
            return
        for kind, bit in _BIT.items():
            if changed & bit:
                if state & bit:
                    self.opened[kind] = at
                else:
                    self._end(kind, at)
        self.state = state

    def _end(self, kind: str, at: int) -> None:
        start = self.opened.pop(kind)
        if at > start:
            self.stretches[kind].append((start, at))

    @property
    def hidden(self) -> bool:
        """Whether text met now is inside a hidden element."""
        return bool(self.stack[-1][1] & _HIDDEN_BIT)

    def marks(self, end: int) -> dict[str, tuple[tuple[int, int], ...]]:
        """Each kind's stretches, those still open running to ``end``."""
        for kind in list(self.opened):
            self._end(kind, end)
        return {kind: tuple(found) for kind, found in self.stretches.items()}


def _may_hide(token: str) -> bool:
    """A quick test before _HIDDEN: most inline tags name neither."""
    lowered = token.lower()
    return "hidden" in lowered or "none" in lowered


@lru_cache(maxsize=4096)  # pages repeat their tags (every menu item's <li class=...>)
def _inside(name: str, token: str, parent: int) -> int:
    """The state of text inside a new element, from its parent's and its own tag."""
    names = " ".join(m.group(2) or m.group(3) or m.group(4) or "" for m in _ATTRIBUTE.finditer(token))
    negative = bool(names) and bool(_NEGATIVE.search(names))
    positive = bool(names) and bool(_POSITIVE.search(names))
    state = parent
    if name in ("nav", "aside", "footer"):
        state |= _BIT["aside"]
    if name in ("article", "main"):
        state |= _BIT["landmark"]
    if negative:
        state |= _BIT["negative"]
    if positive:
        state |= _BIT["positive"]
    if negative != positive:  # the nearest element that says either decides
        state = (state | _BIT["nearest negative"]) if negative else (state & ~_BIT["nearest negative"])
    if _HIDDEN.search(token):
        state |= _HIDDEN_BIT
    if name in BLOCK_KINDS:
        state = (state & ~_BLOCK_BITS) | _BIT[BLOCK_KINDS[name]]
    return state
