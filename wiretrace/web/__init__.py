"""The web interface and HTTP API (FastAPI + Jinja2); see ``create_app``."""

from wiretrace.web.app import create_app

__all__ = ["create_app"]
