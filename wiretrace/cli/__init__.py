"""The `wiretrace` command. ``main`` turns errors into one line and an exit code."""

import sys

import typer
from rich.text import Text

# Each module registers its commands on the app; one import line per module.
import wiretrace.cli.articles
import wiretrace.cli.dates
import wiretrace.cli.distributed
import wiretrace.cli.extraction
import wiretrace.cli.origins
import wiretrace.cli.people
import wiretrace.cli.quotes
import wiretrace.cli.stories
import wiretrace.cli.watch
import wiretrace.cli.web  # noqa: F401
from wiretrace import __version__
from wiretrace.cli.common import EXIT_ERROR, app, err, out
from wiretrace.errors import WiretraceError
from wiretrace.views import printable

__all__ = ["app", "main"]


def _version(value: bool) -> None:
    if value:
        out.print(f"wiretrace {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Print the version."
    ),
) -> None:
    """wiretrace: news intelligence from a pile of articles."""


# Usage errors (an unknown option, a bad value): typer 0.28 raises those of its own copy of
# click, which share a base class with nothing of click's; typer before 0.28 raises click's.
TYPER_USAGE_ERRORS = (typer.TyperException,) if hasattr(typer, "TyperException") else ()


def _click(*names: str) -> tuple[type[BaseException], ...]:
    """click's exceptions of these names once click is loaded (typer before 0.28 loads it),
    else none: nothing raises them, and importing click would cost every command 10 ms."""
    click = sys.modules.get("click")
    return tuple(getattr(click.exceptions, name) for name in names) if click else ()


def main(argv: list[str] | None = None) -> None:
    try:
        code = app(args=argv, standalone_mode=False)
    except WiretraceError as error:
        err.print(Text(f"Error: {printable(str(error))}", style="bold red"))
        sys.exit(EXIT_ERROR)
    except (typer.Exit, *_click("Exit")) as done:
        sys.exit(done.exit_code)
    except (*TYPER_USAGE_ERRORS, *_click("ClickException")) as error:
        error.show()
        sys.exit(error.exit_code)
    except (typer.Abort, KeyboardInterrupt, *_click("Abort")):
        err.print("Aborted.")
        sys.exit(130)
    sys.exit(code if isinstance(code, int) else 0)
