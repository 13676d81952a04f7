"""Request dependencies and parameter types shared by pages and API routes."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Query, Request

from wiretrace.store import Store

MAX_LIMIT = 200


def get_store(request: Request) -> Store:
    """This server thread's read-only store."""
    return request.app.state.stores.reader()


StoreDep = Annotated[Store, Depends(get_store)]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"Page size, at most {MAX_LIMIT}.")]
ExportLimit = Annotated[
    int | None, Query(ge=1, description=f"Page size: default 50, at most {MAX_LIMIT}; exports: everything")
]
Offset = Annotated[int, Query(ge=0, le=10_000_000)]
Day = Annotated[str | None, Query(pattern=r"^(\d{4}-\d{2}-\d{2})?$", description="YYYY-MM-DD")]
Name = Annotated[str | None, Query(max_length=200)]
