"""The outlet registry: news organisations known by name, domain and alias.

The packaged ``outlets.yaml`` documents the format. ``Registry.load`` reads it
and any user files; a malformed file raises ``RegistryError`` naming the file,
the line and the problem.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from wiretrace.errors import RegistryError

KINDS = ("wire", "publisher", "aggregator", "state-affiliated")
_KEYS = {"name", "kind", "country", "domains", "aliases"}


@dataclass(frozen=True)
class Outlet:
    name: str
    kind: str
    country: str | None = None
    domains: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()


@lru_cache(maxsize=1 << 16)
def name_key(text: str) -> str:
    """How names are compared: case, accents, punctuation and a leading 'the' ignored.

    Cached: pages repeat the same menu words and outlet names line after line."""
    if not text.isascii():  # ASCII has no accents to take off
        text = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = _SCHEME.sub("", text.lower().strip())
    text = _LEADING_THE.sub("", text)
    return _NOT_NAME.sub(" ", text).strip(" .")


_SCHEME = re.compile(r"^(?:www\.|https?://)")
_LEADING_THE = re.compile(r"^the\s+")
_NOT_NAME = re.compile(r"[^a-z0-9.]+")


def domain_of(url: str) -> str | None:
    """The host of a URL without 'www.', or None if it has none."""
    try:
        host = urlsplit(url if "//" in url else f"//{url}").hostname
    except ValueError:  # "Invalid IPv6 URL" and the like: not a URL
        return None
    if not host:
        return None
    return host.removeprefix("www.")


class Registry:
    """Look outlets up by name, alias or domain."""

    def __init__(self, outlets: Iterable[Outlet]) -> None:
        self.outlets: dict[str, Outlet] = {}
        for outlet in outlets:
            self.outlets[outlet.name] = outlet
        self._by_key: dict[str, Outlet] = {}
        self._by_domain: dict[str, Outlet] = {}
        for outlet in self.outlets.values():
            for written in (outlet.name, *outlet.aliases):
                self._by_key.setdefault(name_key(written), outlet)
            for domain in outlet.domains:
                self._by_domain[domain.lower()] = outlet
                # "economictimes.indiatimes" stands for the .com site in credits
                self._by_key.setdefault(name_key(domain.rsplit(".", 1)[0]), outlet)
                self._by_key.setdefault(name_key(domain), outlet)

    @classmethod
    def load(cls, extra_files: Iterable[str | Path] = ()) -> Registry:
        packaged = resources.files("wiretrace.registry").joinpath("outlets.yaml")
        outlets = list(parse_registry(packaged.read_text("utf-8"), "outlets.yaml"))
        for path in extra_files:
            try:
                text = Path(path).read_text("utf-8")
            except OSError as error:
                raise RegistryError(f"{path}: cannot read outlet registry ({error.strerror})") from None
            outlets.extend(parse_registry(text, str(path)))
        return cls(outlets)

    def lookup(self, written: str) -> Outlet | None:
        """The outlet a name, alias or domain as written refers to, if known."""
        key = name_key(written)
        if not key:
            return None
        if key in self._by_key:
            return self._by_key[key]
        if "." in key or "/" in written:
            return self.from_url(written)
        return None

    def from_url(self, url: str) -> Outlet | None:
        """The outlet whose domain (or a parent domain of it) serves ``url``."""
        host = domain_of(url)
        while host and "." in host:
            if host in self._by_domain:
                return self._by_domain[host]
            host = host.split(".", 1)[1]
        return None

    def canonical(self, written: str) -> str:
        """The registry name for ``written``, or ``written`` tidied if unknown."""
        outlet = self.lookup(written)
        return outlet.name if outlet else tidy_name(written)


def tidy_name(written: str) -> str:
    """A name without the quotes, brackets and punctuation around it."""
    return written.strip(" \t\n“”\"'‘’()[].,:;")


def parse_registry(text: str, origin: str) -> Iterable[Outlet]:
    """Outlets from registry YAML; errors name ``origin`` and the line."""
    try:
        root = yaml.compose(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = f"line {mark.line + 1}" if mark else "somewhere"
        problem = getattr(error, "problem", None) or str(error)
        raise RegistryError(f"{origin}, {line}: not valid YAML ({problem})") from None
    if root is None:
        return []
    if not isinstance(root, yaml.SequenceNode):
        raise RegistryError(f"{origin}, line {root.start_mark.line + 1}: expected a list of outlets")
    seen: set[str] = set()
    outlets = []
    for node in root.value:
        outlet = _outlet_from_node(node, origin)
        if outlet.name in seen:
            raise RegistryError(
                f"{origin}, line {node.start_mark.line + 1}: outlet {outlet.name!r} is listed twice"
            )
        seen.add(outlet.name)
        outlets.append(outlet)
    return outlets


def _outlet_from_node(node: yaml.Node, origin: str) -> Outlet:
    where = f"{origin}, line {node.start_mark.line + 1}"
    if not isinstance(node, yaml.MappingNode):
        raise RegistryError(f"{where}: each outlet must be a mapping with name and kind")
    data = yaml.safe_load(yaml.serialize(node))
    unknown = set(data) - _KEYS
    if unknown:
        raise RegistryError(f"{where}: unknown key {sorted(unknown)[0]!r} (allowed: {sorted(_KEYS)})")
    name = data.get("name")
    if not isinstance(name, str) or not name.strip():
        raise RegistryError(f"{where}: outlet has no name")
    kind = data.get("kind")
    if kind not in KINDS:
        raise RegistryError(f"{where}: outlet {name!r} has kind {kind!r}; use one of {', '.join(KINDS)}")
    lists = {}
    for key in ("domains", "aliases"):
        value = data.get(key) or []
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise RegistryError(f"{where}: {key} of {name!r} must be a list of strings")
        lists[key] = tuple(value)
    country = data.get("country")
    if country is not None and not (isinstance(country, str) and re.fullmatch(r"[A-Z]{2}", country)):
        raise RegistryError(f"{where}: country of {name!r} must be a two-letter code, got {country!r}")
    return Outlet(name.strip(), kind, country, lists["domains"], lists["aliases"])
