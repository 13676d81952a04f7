"""Hand-made news for the stories tests: invented events, each told by several
outlets in their own words, and look-alike events that must stay apart."""

from __future__ import annotations

import json

from wiretrace.records import RawItem, content_id

# name: (event, outlet, published, title, text). Events are what a person would group.
ARTICLES: dict[str, tuple[str, str, str | None, str, str]] = {
    # A ferry disaster, told three ways over two days.
    "ferry-a": (
        "ferry",
        "Harbour Post",
        "2023-04-11",
        "Ferry Stella Maris capsizes off Korvane, dozens rescued",
        "The passenger ferry Stella Maris capsized in rough seas off the island of Korvane on Tuesday "
        "morning, and coastguard crews pulled 64 people from the water, the Korvane Coastguard said. "
        "Eleven passengers are still missing. Captain Ilse Brandvold, who commands the rescue, said "
        "divers would search the hull through the night. The ferry had left Port Amsel with 80 people "
        "on board and was carrying cars to the island.",
    ),
    "ferry-b": (
        "ferry",
        "Daily Courier",
        "2023-04-11",
        "Eleven missing after Stella Maris ferry overturns near Korvane",
        "Rescuers searched into the evening for eleven people missing after the Stella Maris ferry "
        "overturned near Korvane. Survivors described a sudden lurch as waves struck the vessel, which "
        "sailed from Port Amsel packed with passengers and vehicles. The Korvane Coastguard, led by "
        "Captain Ilse Brandvold, said 64 people had been saved and taken to hospital in Amsel.",
    ),
    "ferry-c": (
        "ferry",
        "Evening Ledger",
        "2023-04-12",
        "Divers search capsized Stella Maris as Korvane mourns",
        "Divers entered the upturned hull of the Stella Maris on Wednesday, a day after the ferry sank "
        "off Korvane, while families waited at the quay in Port Amsel. Captain Ilse Brandvold of the "
        "Korvane Coastguard said the search for the eleven missing passengers would go on. Officials "
        "have opened an inquiry into why the ferry sailed into the storm.",
    ),
    # A different event on the same days: an election result, other actors entirely.
    "vote-a": (
        "vote",
        "Harbour Post",
        "2023-04-11",
        "Mayor Tomas Vell re-elected in Drennick landslide",
        "Tomas Vell won a third term as mayor of Drennick on Tuesday, taking 61 percent of the vote "
        "against his challenger Rosa Ambry, the city's election office said. Vell promised to finish "
        "the tramway and cut bus fares. Turnout was the highest in twenty years.",
    ),
    "vote-b": (
        "vote",
        "Daily Courier",
        "2023-04-12",
        "Drennick hands Vell third term; Ambry concedes",
        "Rosa Ambry conceded defeat to Tomas Vell on Wednesday after the Drennick mayor won re-election "
        "by a wide margin. Ambry said her campaign for cheaper housing would continue. Vell, first "
        "elected in 2015, told supporters the tramway would open next year.",
    ),
    # Look-alikes: two singers enter the same clinic on the same day, in the same words.
    "rehab-lena": (
        "rehab-lena",
        "Star Weekly",
        "2023-06-02",
        "Singer Lena Marchetti enters rehab",
        "Pop singer Lena Marchetti has checked into a rehabilitation facility in Malibu to seek "
        "treatment, her representative confirmed on Friday. The singer asked fans to respect her "
        "privacy. Marchetti cancelled the last dates of her summer tour last month.",
    ),
    "rehab-lena-2": (
        "rehab-lena",
        "Gossip Daily",
        "2023-06-03",
        "Lena Marchetti seeks treatment at Malibu rehab centre",
        "Lena Marchetti is receiving treatment at a rehab centre in Malibu, her spokesperson said. "
        "The pop star, who called off the rest of her tour, thanked fans for their support and asked "
        "for privacy while she recovers.",
    ),
    "rehab-dario": (
        "rehab-dario",
        "Star Weekly",
        "2023-06-02",
        "Singer Dario Kessel enters rehab",
        "Pop singer Dario Kessel has checked into a rehabilitation facility in Malibu to seek "
        "treatment, his representative confirmed on Friday. The singer asked fans to respect his "
        "privacy. Kessel cancelled the last dates of his summer tour last month.",
    ),
    # Look-alikes: two earthquakes in the same region, a year apart.
    "quake-2021": (
        "quake-2021",
        "Harbour Post",
        "2021-09-14",
        "Magnitude 6.4 earthquake strikes Valmora coast",
        "A magnitude 6.4 earthquake struck the Valmora coast early on Tuesday, collapsing houses in the "
        "port town of Serrat and cutting power to thousands, the Valmora Seismic Institute said. "
        "Rescue teams were searching rubble for survivors. Aftershocks shook the region all morning.",
    ),
    "quake-2022": (
        "quake-2022",
        "Harbour Post",
        "2022-09-20",
        "Magnitude 6.1 earthquake strikes Valmora coast",
        "A magnitude 6.1 earthquake struck the Valmora coast early on Tuesday, collapsing houses in the "
        "port town of Serrat and cutting power to thousands, the Valmora Seismic Institute said. "
        "Rescue teams were searching rubble for survivors. Aftershocks shook the region all morning.",
    ),
    # The ferry storyline goes on: the inquiry reports five weeks later, and a year later.
    "ferry-inquiry": (
        "ferry-inquiry",
        "Daily Courier",
        "2023-05-02",
        "Stella Maris inquiry blames overloading for Korvane ferry disaster",
        "The inquiry into the Stella Maris disaster off Korvane found the ferry was overloaded with "
        "cars when it left Port Amsel, investigators said on Tuesday. Captain Ilse Brandvold of the "
        "Korvane Coastguard welcomed the report, which calls for new limits on ferry loads.",
    ),
    # Look-alikes in one year: the same minister in two events months apart, each told by a
    # second outlet that quotes her own words (the stories tests give those no date).
    "renfeld-resigns-a": (
        "renfeld-resigns",
        "Harbour Post",
        "2022-03-02",
        "Valsland finance minister Oda Renfeld resigns over budget",
        "Oda Renfeld resigned as finance minister of Valsland on Wednesday after the cabinet rewrote "
        "her spending plan without her. \u201cI can no longer defend a budget that I did not write,\u201d "
        "Renfeld told reporters outside the treasury. Prime Minister Anselm Kiro accepted the "
        "resignation and named his deputy to the post.",
    ),
    "renfeld-resigns-b": (
        "renfeld-resigns",
        "Daily Courier",
        "2022-03-03",
        "Renfeld quits Valsland cabinet in row with Kiro",
        "Valsland's finance minister has quit. Oda Renfeld said the cabinet of Anselm Kiro had "
        "changed her spending plan behind her back: \u201cI can no longer defend a budget that I did "
        "not write.\u201d The treasury will be run by Kiro's deputy until a successor is found.",
    ),
    "renfeld-party-a": (
        "renfeld-party",
        "Harbour Post",
        "2022-10-18",
        "Oda Renfeld launches new party in Valsland",
        "Seven months after leaving the government, Oda Renfeld launched a party of her own in Valsland "
        "on Tuesday, promising honest accounts and lower rents. \u201cPeople in this country deserve "
        "a government that keeps its word,\u201d Renfeld told a crowd of supporters in Tarrow.",
    ),
    "renfeld-party-b": (
        "renfeld-party",
        "Daily Courier",
        "2022-10-19",
        "Former minister Renfeld starts her own party",
        "Oda Renfeld has founded a new party and will lead it into next year's election. Speaking "
        "to a packed hall in Tarrow, she told supporters: \u201cPeople in this country deserve a "
        "government that keeps its word.\u201d The party wants rent controls and open public accounts.",
    ),
    "ferry-anniversary": (
        "ferry-anniversary",
        "Harbour Post",
        "2024-04-11",
        "Korvane remembers the Stella Maris, one year on",
        "Families gathered at the quay in Port Amsel on Thursday to remember the victims of the Stella "
        "Maris ferry, which capsized off Korvane a year ago. A memorial stone was unveiled by the "
        "Korvane Coastguard.",
    ),
}


def item(name: str, *, undated: bool = False) -> RawItem:
    """One hand-made article as a JSON Lines item would bring it (metadata as hints)."""
    _, outlet, published, title, text = ARTICLES[name]
    record = {"title": title, "outlet": outlet, "text": text}
    if published and not undated:
        record["published"] = published
    content = text
    hints = {key: value for key, value in record.items() if key != "text"}
    return RawItem(
        id=content_id(json.dumps(record, sort_keys=True)),
        source_path=f"{name}.jsonl",
        media_type="text/plain",
        content=content,
        hints=hints,
    )


def items(*names: str) -> list[RawItem]:
    return [item(name) for name in names]


def jsonl(*names: str) -> str:
    """The articles as a JSON Lines file's text."""
    lines = []
    for name in names:
        _, outlet, published, title, text = ARTICLES[name]
        lines.append(
            json.dumps(
                {
                    "url": f"https://news.example/{name}",
                    "title": title,
                    "outlet": outlet,
                    "published": published,
                    "text": text,
                }
            )
        )
    return "\n".join(lines) + "\n"
