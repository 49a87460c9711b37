"""``cramp-diary datasette-metadata``: where the Datasette description of a diary is, for other tools to read it."""

from __future__ import annotations

from pathlib import Path

import click

from cramp_diary.cli.group import cli

#: Shipped with the package: hides the internal tables, describes the columns, adds facets and two queries.
METADATA = Path(__file__).resolve().parent.parent / "store" / "datasette.json"  # its SQL (canned queries) lives with the schema


@cli.command(name="datasette-metadata")
def datasette_metadata() -> None:
    """Print the path of the Datasette metadata that explains a diary.

    It describes a database named "diary": Datasette names a database after
    its file, so open a file called diary.db (your default diary is one).
    Datasette only reads; every change goes through cramp-diary.

    \b
    Example:
      datasette diary.db -m "$(cramp-diary datasette-metadata)"
    """
    click.echo(str(METADATA))
