"""Scoring wiretrace against annotated data sets (one module per kind of data)."""
