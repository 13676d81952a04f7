"""Hand-made articles and the pages that copy them (none taken from the seeds)."""

from __future__ import annotations

HARBOUR = """Harbour authority approves dredging plan for the northern channel

The Kestrel Bay harbour authority on Tuesday approved a plan to dredge the northern shipping channel, ending two years of dispute with fishing crews who feared the work would drive away the autumn catch.

The board voted five to two for the scheme, which will deepen the channel by three metres so that container ships can reach the new terminal without waiting for the tide.

“We have listened to the fishing community and we have changed the timetable so that no dredging happens during the spawning months,” said Mara Quill, who chairs the authority.

Fishing crews said they would watch the work closely. Tomas Brede, who speaks for the local cooperative, said the compromise was better than the first plan but warned that silt could still cloud the bay for months.

Work is due to start in February and to last about eleven weeks, at a cost the authority puts at forty million euros, most of it paid by the terminal's operator.
"""

# The same meeting reported in other words, sharing one quotation.
HARBOUR_OTHER_REPORT = """Fishing crews wary as Kestrel Bay votes to deepen channel

Fishing families in Kestrel Bay reacted with caution after the harbour board backed deeper access for cargo ships in a split vote at its monthly meeting.

Board chair Mara Quill told reporters: “We have listened to the fishing community and we have changed the timetable so that no dredging happens during the spawning months.”

Several skippers at the quayside said they remained unconvinced. One, who has fished the bay for thirty years, said the last dredging in the nineties had emptied the mussel beds for a whole season.

The terminal's operator welcomed the decision and said it expected the first larger vessels to call next summer, bringing about two hundred jobs to the port.
"""

FURNITURE_BEFORE = """Menu
Home | News | Sport | Weather | Contact
Sign up for our free morning newsletter and never miss a local story.
Trending now
Library extends opening hours for exam season after student petition
Cyclists welcome new lane on the riverside road after years of campaigning
Bakery wins regional prize for its rye loaf for the second year running
Advertisement
Valley council confirms bin collections will move to Thursdays from next month
Choir from the old mill town to perform at the cathedral for charity
"""

FURNITURE_AFTER = """Share this article
Related stories
Ferry timetable changes for the winter season announced by operators on Monday
New playground opens in the west park after a year of fundraising by parents
Local museum receives collection of ship models donated by former harbour pilot
School football team reaches county final for the first time in two decades
Comments are closed.
Copyright 2026 Coastline Courier. All rights reserved.
We use cookies to improve your experience. By continuing to browse you agree to our policy.
Subscribe now to keep reading and get access to the full archive of the Coastline Courier.
Police appeal for witnesses after a van struck a lamp post on the harbour road late on Friday
Weather: rain clearing from the west by the afternoon with highs of twelve degrees and light winds
"""


_WHO = ["Library", "Ferry operator", "Bakery", "Valley council", "Choir", "Museum", "School team", "Police"]
_DID = ["extends", "changes", "wins", "confirms", "plans", "opens", "reaches", "appeals for"]
_WHAT = [
    "opening hours",
    "winter timetable",
    "regional prize",
    "bin collections",
    "charity concert",
    "ship model show",
    "county final",
    "witness statements",
]
_WHEN = [
    "after petition",
    "from Monday",
    "second year running",
    "next month",
    "at the cathedral",
    "this weekend",
    "in two decades",
    "on harbour road",
]


def teasers(count: int, start: int = 0) -> str:
    """``count`` distinct headline lines of other stories (no two share a long run of words)."""
    lines = []
    for n in range(start, start + count):
        who, did, what, when = (
            _WHO[n % 8],
            _DID[(n // 8) % 8],
            _WHAT[(n * 3 + n // 8) % 8],
            _WHEN[(n * 5) % 8],
        )
        lines.append(f"{who} {did} {what} {when} says spokesperson number {n}")
    return "\n".join(lines)


def page_with_furniture(article: str, times: int = 3) -> str:
    """The article inside a page about ``times`` its size: furniture before and after it."""
    words = len(article.split())
    fixed = len(FURNITURE_BEFORE.split()) + len(FURNITURE_AFTER.split())
    furniture_lines = max(((times - 1) * words - fixed) // 11, 0)  # about eleven words a teaser line
    half = furniture_lines // 2
    before = FURNITURE_BEFORE + teasers(half)
    after = teasers(furniture_lines - half, start=half) + "\n" + FURNITURE_AFTER
    return f"{before}\n\n{article}\n\n{after}"


def trimmed_retitled(article: str) -> str:
    """The article without its last paragraph, under another title, quotes straightened."""
    title, *paragraphs = [p for p in article.split("\n\n") if p.strip()]
    body = "\n\n".join(paragraphs[:-1]).replace("“", '"').replace("”", '"')
    return f"Kestrel Bay dredging gets the green light\n\n{body}\n"
