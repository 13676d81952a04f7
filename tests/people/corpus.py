"""Hand-made articles for the people tests: invented people, spelling variants, two
people a linker must keep apart, and a surname that a user says is someone else."""

from __future__ import annotations

import json

# name: (outlet, published, text)
ARTICLES: dict[str, tuple[str, str, str]] = {
    "bridge-2021": (
        "Harbour Post",
        "2021-03-01",
        "Mayor Ilse Brandvold said on Monday that the new bridge over the Amsel would open in May. "
        "“We will not wait any longer for the ministry,” Brandvold said.",
    ),
    "bridge-2023": (
        "Daily Courier",
        "2023-06-10",
        "Former mayor Ilse Brandvoldt told reporters that the bridge over the Amsel had cost far too much. "
        "The council has not answered.",
    ),
    "port-bob": (
        "Harbour Post",
        "2024-01-05",
        "Harbour master Bob Hanley said ships were delayed by the storm. “The port is full,” Hanley said.",
    ),
    "port-robert": (
        "Evening Ledger",
        "2024-01-09",
        "Harbour master Robert Hanley said the port of Amsel had reopened after the storm.",
    ),
    "budget-mark": (
        "Harbour Post",
        "2024-02-01",
        "Councillor Mark Tessen said the harbour budget had been approved by a wide margin.",
    ),
    "budget-lone": (
        "Daily Courier",
        "2024-02-03",
        "The vote on the school budget was close. Tessen said the teachers would be paid in March.",
    ),
}

LATER: dict[str, tuple[str, str, str]] = {
    "port-later": (
        "Daily Courier",
        "2024-03-02",
        "Harbour master Robert Hanley said the new cranes at the port of Amsel had been repaired.",
    ),
    "school-later": (
        "Harbour Post",
        "2024-03-05",
        "Parents gathered outside the school on Friday. Tessen said the new classrooms would open in April.",
    ),
}

# One speaker over five years: a paraphrase of the last statement among statements on
# other matters that share its words, and the same stance from someone else.
ECHOES: dict[str, tuple[str, str, str]] = {
    "dorn-2019": (
        "Harbour Post",
        "2019-05-02",
        "Foreign Minister Karla Dorn spoke in Amsel on Thursday. “We will never give up our claim to the islands,” "
        "Dorn said.",
    ),
    "dorn-2020": (
        "Daily Courier",
        "2020-07-14",
        "Foreign Minister Karla Dorn opened the new harbour office. “The islands budget will rise next year "
        "and the ferry to the islands will run daily,” Dorn said.",
    ),
    "dorn-2021": (
        "Evening Ledger",
        "2021-09-20",
        "Foreign Minister Karla Dorn visited the fishing port. “Our fishing fleet is growing fast,” Dorn said.",
    ),
    "other-2022": (
        "Evening Ledger",
        "2022-02-11",
        "Opposition leader Piet Valk said: “We will never give up our claim to the islands.”",
    ),
    "dorn-2024": (
        "Harbour Post",
        "2024-04-08",
        "Foreign Minister Karla Dorn met her counterparts in Amsel. “We are not going to abandon our right "
        "to the islands,” Dorn said.",
    ),
    "dorn-2025": (
        "Daily Courier",
        "2025-01-15",
        "Foreign Minister Karla Dorn spoke again. “We shall not surrender our claim to the islands,” Dorn said.",
    ),
}


def jsonl(articles: dict[str, tuple[str, str, str]]) -> str:
    return "".join(
        json.dumps(
            {"url": f"https://news.example/{name}", "outlet": outlet, "published": published, "text": text}
        )
        + "\n"
        for name, (outlet, published, text) in articles.items()
    )
