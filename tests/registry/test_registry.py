"""The outlet registry: lookups by name, alias and domain, and errors that name the line."""

from __future__ import annotations

import pytest

from wiretrace.errors import RegistryError
from wiretrace.registry import Registry


@pytest.mark.parametrize(
    ("written", "name"),
    [
        ("RT", "RT"),
        ("RT.com", "RT"),
        ("rt.com", "RT"),
        ("Russia Today", "RT"),
        ("economictimes.indiatimes", "The Economic Times"),
        ("The Associated Press", "Associated Press"),
        ("AP", "Associated Press"),
        ("https://www.reuters.com/world/some-story", "Reuters"),
        ("the new york times", "The New York Times"),
    ],
)
def test_lookup(registry, written, name):
    assert registry.lookup(written).name == name


def test_from_url_walks_up_subdomains(registry):
    assert registry.from_url("https://edition.cnn.com/2024/01/01/story").name == "CNN"
    assert registry.from_url("https://unknown.example/x") is None


@pytest.mark.parametrize("written", ["http://[x", "a.b[", "[", "//", ""])
def test_malformed_urls_are_not_outlets(registry, written):
    assert registry.lookup(written) is None


def test_unknown_names_are_tidied_not_invented(registry):
    assert registry.lookup("Valley Courier") is None
    assert registry.canonical("“Valley Courier”.") == "Valley Courier"


def test_user_file_extends_and_overrides(tmp_path):
    extra = tmp_path / "mine.yaml"
    extra.write_text(
        "- name: Valley Courier\n  kind: publisher\n  country: US\n  domains: [valleycourier.example]\n"
    )
    registry = Registry.load([extra])
    assert registry.lookup("valleycourier.example").name == "Valley Courier"
    assert registry.lookup("RT").name == "RT"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("- name: X\n  kind: blog\n", "line 1: outlet 'X' has kind 'blog'"),
        ("- name: X\n  kind: wire\n- name: Y\n  kind: wire\n  colour: red\n", "line 3: unknown key 'colour'"),
        (
            "- name: X\n  kind: wire\n  aliases: [a, [b]]\n",
            "line 1: aliases of 'X' must be a list of strings",
        ),
        ("- name: X\n  kind: wire\n  country: Russia\n", "country of 'X' must be a two-letter code"),
        ("- name: X\n  kind: [wire\n", "line 3: not valid YAML"),
        ("- name: X\n  kind: wire\n- name: X\n  kind: wire\n", "line 3: outlet 'X' is listed twice"),
        ("name: X\n", "line 1: expected a list of outlets"),
    ],
)
def test_errors_name_the_file_and_line(tmp_path, text, message):
    path = tmp_path / "bad.yaml"
    path.write_text(text)
    with pytest.raises(RegistryError) as caught:
        Registry.load([path])
    assert str(caught.value).startswith(f"{path}, ")
    assert message in str(caught.value)


def test_packaged_registry_covers_the_main_wires(registry):
    for wire in (
        "AP",
        "Reuters",
        "AFP",
        "UPI",
        "TASS",
        "RIA Novosti",
        "Interfax",
        "Xinhua",
        "dpa",
        "EFE",
        "ANSA",
        "PA",
    ):
        assert registry.lookup(wire) is not None, wire
