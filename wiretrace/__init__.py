"""wiretrace: a self-hosted news intelligence engine."""

__version__ = "0.1.0"
