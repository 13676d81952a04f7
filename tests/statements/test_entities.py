"""The in-article catalogue of names and roles."""

from __future__ import annotations

import pytest

from wiretrace.statements.entities import Catalogue, _role_before


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        ("We met Port spokesman Piotr Nowak.", "Piotr Nowak", ["Port", "spokesman"]),
        ("The vote went to Piotr Nowak on Friday.", "Piotr Nowak", []),
        ("A deputy minister\tPiotr Nowak left.", "Piotr Nowak", ["deputy", "minister"]),
        ("Said the spokesman\nPiotr Nowak", "Piotr Nowak", []),  # no space before the break
        ("Said the spokesman \nPiotr Nowak", "Piotr Nowak", ["spokesman"]),
        ("presidential Piotr Nowak", "Piotr Nowak", []),  # a title word only as a whole word
    ],
)
def test_role_written_before_a_name(text: str, name: str, role: list[str]) -> None:
    assert _role_before(text, text.index(name)) == role


def test_surname_resolves_to_the_full_name() -> None:
    body = (
        "Lavrov spoke first. Russian Foreign Minister Sergey Lavrov met Anna Lavrov. "
        "Sergey Lavrov said so, and Lavrov Bank agreed."
    )
    catalogue = Catalogue(body)
    assert catalogue.lookup_name("Lavrov").name == "Sergey Lavrov"  # named twice in full, Anna once
    assert catalogue.lookup_name("Lavrov Bank").kind == "ORG"
    assert catalogue.lookup_name("Nowak") is None
    catalogue.ensure("Piotr Nowak", "PERSON", 0, 5)
    assert catalogue.lookup_name("Nowak").name == "Piotr Nowak"  # entries added later are found too
