"""Charts as SVG, drawn on the server: Vega-Lite specs (altair) rendered by vl-convert.

Pages load them as images (<img src=...svg>), so nothing in a chart can run
in the page, whatever outlet or speaker names it shows.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import date

import altair as alt
import vl_convert

WIDTH = 640
KINDS = ["direct", "indirect", "mixed"]
KIND_COLOURS = ["#d9a400", "#3b82c4", "#4d9a3a"]


# Up to this many days between the first and last mark, a day is a column of its own;
# beyond, the axis is a true time scale labelled by month.
MAX_DAY_COLUMNS_SPAN = 60


def _svg(chart: alt.Chart) -> str:
    return vl_convert.vegalite_to_svg(chart.to_json())


def _day_axis(values: list[dict], title: str) -> tuple[alt.Data, alt.X]:
    """Few days: one column per day (a time scale would label hours); many: months on a time scale.

    Returns the data with its days parsed to match: as text for columns (Vega
    would otherwise read them as timestamps), as dates for the time scale.
    """
    days = sorted(value["day"] for value in values)
    if days and (date.fromisoformat(days[-1]) - date.fromisoformat(days[0])).days <= MAX_DAY_COLUMNS_SPAN:
        data = alt.Data(values=values, format=alt.DataFormat(parse={"day": "string"}))
        return data, alt.X("day:O", title=title, sort="ascending", axis=alt.Axis(labelAngle=-30))
    data = alt.Data(values=values, format=alt.DataFormat(parse={"day": "date"}))
    return data, alt.X("day:T", title=title, axis=alt.Axis(format="%Y-%m"))


def statements_over_time(rows: Iterable[tuple[str, str, str]]) -> str:
    """A timeline of statements: one mark per (day, kind, outlet), sized by how many."""
    counts = Counter((day[:10], kind, outlet or "unknown") for day, kind, outlet in rows if day)
    values = [
        {"day": day, "kind": kind, "outlet": outlet, "statements": n}
        for (day, kind, outlet), n in counts.items()
    ]
    data, x = _day_axis(values, "statement date")
    chart = (
        alt.Chart(data)
        .mark_circle(opacity=0.75)
        .encode(
            x=x,
            y=alt.Y("outlet:N", title=None),
            size=alt.Size("statements:Q", title="statements", scale=alt.Scale(range=[60, 400])),
            color=alt.Color("kind:N", scale=alt.Scale(domain=KINDS, range=KIND_COLOURS), title="kind"),
            tooltip=["day:T", "outlet:N", "kind:N", "statements:Q"],
        )
        .properties(
            width=WIDTH, height=max(60, 28 * len({v["outlet"] for v in values})), title="Statements by date"
        )
    )
    return _svg(chart)


def coverage(rows: Iterable[tuple[str | None, str | None]]) -> str:
    """Articles per day, stacked by outlet."""
    counts = Counter((day[:10], outlet or "unknown") for day, outlet in rows if day)
    values = [{"day": day, "outlet": outlet, "articles": n} for (day, outlet), n in counts.items()]
    data, x = _day_axis(values, "publication day")
    chart = (
        alt.Chart(data)
        .mark_bar()
        .encode(
            x=x,
            y=alt.Y("sum(articles):Q", title="articles"),
            color=alt.Color("outlet:N", title="outlet"),
            tooltip=["day:T", "outlet:N", "articles:Q"],
        )
        .properties(width=WIDTH, height=180, title="Coverage by outlet and day")
    )
    return _svg(chart)
