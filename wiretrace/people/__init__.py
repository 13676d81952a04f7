"""People and organisations across articles: linking, timelines, echoes.

``PeopleStage`` (store-level, after stories) links each article's entities and
speakers to people kept in the store; ``timeline`` lists a person's statements
in the order they were made; ``echoes`` finds earlier statements by the same
speaker that say nearly the same thing.
"""

from wiretrace.people.stage import PeopleStage

__all__ = ["PeopleStage"]
