"""Scoring wiretrace against annotated data (``wiretrace eval ...``)."""
