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
        "Harbour master Kees Hanley said ships were delayed by the storm. “The port is full,” Hanley said.",
    ),
    "port-robert": (
        "Evening Ledger",
        "2024-01-09",
        "Harbour master Cornelis Hanley said the port of Amsel had reopened after the storm.",
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
        "Harbour master Cornelis Hanley said the new cranes at the port of Amsel had been repaired.",
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


# One candidate, the people who speak for her, her brother, a group and a treaty: what
# a spokesman, a campaign, an administration or an attorney says is not hers, and a
# namesake of hers is someone else. The first article names her by surname only.
RELATIONS: dict[str, tuple[str, str, str]] = {
    "ferry-lone": (
        "Harbour Post",
        "2024-04-01",
        "The ferry to Kessel will run again from May. Vasquez said the timetable had been agreed with the port.",
    ),
    "ferry-campaign": (
        "Daily Courier",
        "2024-04-03",
        "Mayoral candidate Ilona Vasquez said the ferry would carry bicycles for free. "
        "A spokesman for Ilona Vasquez said the contract with the operator had been signed. "
        "Teodor Vasquez, her brother, said the family had always used the ferry.",
    ),
    "ferry-hall": (
        "Evening Ledger",
        "2024-05-10",
        "Mayor Ilona Vasquez said the first ferry of the season had been full. "
        "The Vasquez administration said the harbour budget was balanced. "
        "The Vasquez campaign said its volunteers had knocked on four thousand doors. "
        "An attorney for Ilona Vasquez said the complaint by the operator had no merit. "
        "Fellow Liberals said the fares were still too high. "
        "The Kessel Ferry Agreement says the operator must run four crossings a day.",
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
