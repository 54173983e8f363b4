"""The ``sync`` subcommand's arguments, kept apart from its implementation so that building the
command line (``--help``) imports neither aiohttp, msgspec nor dlt."""

from __future__ import annotations

import argparse
from typing import Any

__all__ = ["EXIT_FAILURE", "EXIT_INTERRUPTED", "EXIT_USAGE", "add_parser"]

EXIT_USAGE, EXIT_FAILURE, EXIT_INTERRUPTED = 2, 1, 130

EPILOG = """examples:
  activenet-async sync get_activities insights.get_memberships \\
      --param modified_date_from=2024-01-01
  duckdb activenet.duckdb "select count(*) from activenet_data.insights_memberships"
  activenet-async sync get_customers --param modified_date_from=2024-01-01 \\
      --to postgresql://loader@db.example.org:5432/warehouse --dataset activenet
  activenet-async sync get_sites get_centers --full-refresh

tables: get_activities -> activities, insights.get_memberships -> insights_memberships; nested
lists become child tables (activities__<field>). Rows are merged on the record's primary key.
Operations with a modified-date filter load incrementally: a rerun asks only for what changed
since the previous successful run (less an hour); --full-refresh drops their tables and state.
The password of --to comes from the URL or PGPASSWORD and is never printed.

exit status: 0 done, 1 failure (API, network, database), 2 usage error, 130 interrupted (rerun
the same command: a run that did not finish never advances the saved state)."""


def add_parser(sub: Any, fmt: type[argparse.HelpFormatter]) -> None:
    """Register ``sync`` on the command line's subparsers."""
    s = sub.add_parser("sync", help="load list operations into DuckDB or PostgreSQL (dlt)",
                       description="Load one or more list operations into a database through "
                                   "dlt: typed tables, merged on each record's primary key, "
                                   "incremental where the API filters by modification date.",
                       epilog=EPILOG, formatter_class=fmt)
    s.add_argument("operations", nargs="+", metavar="OPERATION",
                   help="get_activities, GetActivities, insights.get_memberships")
    s.add_argument("--param", action="append", default=[], metavar="NAME=VALUE",
                   help="an argument of every named operation that takes NAME (repeatable)")
    s.add_argument("--to", default="duckdb:///activenet.duckdb", metavar="URL",
                   help="duckdb:///PATH (default: duckdb:///activenet.duckdb) or "
                        "postgresql://USER@HOST:PORT/DB")
    # Not "activenet": DuckDB names the catalog of activenet.duckdb "activenet" too.
    s.add_argument("--dataset", default="activenet_data",
                   help="schema the tables go to (default: activenet_data)")
    s.add_argument("--full-refresh", action="store_true",
                   help="drop the operations' tables and saved state, load from scratch")
    s.add_argument("--rate-limit", type=float, help="requests per second (default: 2)")
    s.add_argument("--env-file", help="KEY=VALUE file with the ACTIVENET_* settings")
    s.add_argument("--base-url", help="override ACTIVENET_BASE_URL")
    s.add_argument("--quiet", action="store_true", help="no progress display")


# ---- destinations ------------------------------------------------------------------------
