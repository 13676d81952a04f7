"""`wiretrace ingest --engine ray` and `wiretrace load`: analysis on Ray, storing from Parquet."""

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from wiretrace.cli.common import DbOption, OutletsOption, app, err, finish, load_registry, open_db
from wiretrace.errors import UsageError


class Engine(StrEnum):
    local = "local"
    ray = "ray"


EngineOption = Annotated[
    Engine,
    typer.Option(
        "--engine",
        help="local: analyse and store here. ray: analyse on Ray and write Parquet to --out (then `wiretrace load`).",
    ),
]
OutOption = Annotated[
    Path | None, typer.Option("--out", "-o", help="With --engine ray: the directory to write Parquet to.")
]
AddressOption = Annotated[
    str | None,
    typer.Option(
        "--address",
        help="With --engine ray: the Ray cluster to join (ray://host:10001, or auto); default: a local Ray.",
    ),
]


def ingest_with_ray(
    paths: list[str],
    *,
    out: Path | None,
    address: str | None,
    workers: int | None,
    batch_size: int,
    max_bytes: int,
    outlets: OutletsOption,
    quiet: bool,
) -> None:
    """Analyse on Ray and write Parquet; nothing is stored until `wiretrace load`."""
    if out is None:
        raise UsageError("--engine ray writes Parquet: give the directory with --out DIR")
    from wiretrace import ray_engine  # the one module that imports Ray
    from wiretrace.workers import default_workers

    workers = workers or default_workers()
    # A local Ray gets one CPU per analysis actor; a cluster brings its own.
    ray_engine.connect(address, None if address else workers, quiet=quiet)
    run = ray_engine.run(
        paths,
        out,
        registry=load_registry(outlets),
        workers=workers,
        batch_size=batch_size,
        max_bytes=max_bytes,
        progress_bars=not quiet and err.is_terminal,
    )
    err.print(f"{run.parts:,} parts written to {out}; store them with: wiretrace load {out}")
    finish(run.summary, verb="analysed")


@app.command()
def load(
    directory: Annotated[
        Path, typer.Argument(help="A directory written by `wiretrace ingest --engine ray`.")
    ],
    db: DbOption = None,
    batch_size: Annotated[int, typer.Option("--batch-size", min=1, help="Items per transaction.")] = 64,
) -> None:
    """Store what `ingest --engine ray` wrote (skipping what is stored) and run the store stages."""
    from wiretrace.parquet import is_output, read_parts
    from wiretrace.pipeline import STORE_SPECS, Pipeline

    if not is_output(directory):
        raise UsageError(f"{directory}: not an output of `wiretrace ingest --engine ray` (no tables found)")
    with open_db(db) as store:
        pipeline = Pipeline(store, store_stages=STORE_SPECS, batch_size=batch_size)
        summary = pipeline.load(read_parts(directory))
    finish(summary, verb="loaded")
