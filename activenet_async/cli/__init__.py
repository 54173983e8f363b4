"""The ``activenet-async`` command: export any list operation to files, list operations, run
the offline demo. ``python -m activenet_async`` is the same command."""

from __future__ import annotations

import argparse
import asyncio
import difflib
import importlib.util
import os
import shutil
import sys
import textwrap
import time
from pathlib import Path
from typing import Any

EXIT_USAGE, EXIT_FAILURE, EXIT_INTERRUPTED = 2, 1, 130

EPILOG_EXPORT = """examples:
  activenet-async export insights.get_memberships \\
      --param modified_date_from=2021-01-01 --param modified_date_to=2025-12-31 \\
      --format parquet --out memberships.parquet
  activenet-async export GetActivities --param site_ids=1,2,3,4,5,6,7 --format csv \\
      --out activities.csv
  activenet-async export get_customers --param customer_ids=1,2,3 --out - | jq .
  activenet-async export insights.get_membership_audit_log --param datestamp_from=2023-01-01 \\
      --param datestamp_to=2023-12-31 --out audit.jsonl --resume

credentials come from the environment (or --env-file FILE, KEY=VALUE lines):
  ACTIVENET_ORG, ACTIVENET_API_KEY, ACTIVENET_SHARED_SECRET,
  ACTIVENET_WRITE_API_KEY, ACTIVENET_WRITE_SHARED_SECRET, ACTIVENET_REGION (us|ca),
  ACTIVENET_BASE_URL (or --base-url), ACTIVENET_RATE_LIMIT_STORE (or --rate-limit-store);
  secrets are never taken from the command line.

exit status: 0 done, 1 failure (API, network, authentication), 2 usage error, 130 interrupted
(rerun the same command with --resume to continue)."""

EPILOG_OPS = """examples:
  activenet-async operations                    # every operation, one per line
  activenet-async operations get_activities     # parameters, types, paging and limits
  activenet-async operations insights.memberships"""

EPILOG_DEMO = """examples:
  activenet-async demo                  # writes ./activenet-demo/
  activenet-async demo --out /tmp/demo --quiet"""


def _parser() -> argparse.ArgumentParser:
    fmt = argparse.RawDescriptionHelpFormatter
    p = argparse.ArgumentParser(
        prog="activenet-async", formatter_class=fmt,
        description="Export ACTIVE Net System and Insights API data to JSON Lines, CSV or "
                    "Parquet: every page, window and ID chunk, at the key's rate limit, "
                    "resumable.",
        epilog="run `activenet-async COMMAND --help` for the options and examples of each "
               "command.\nstart with `activenet-async demo` (offline, no account needed).")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")
    d = sub.add_parser("demo", help="export a realistic job from the built-in fake server",
                       description="Start the built-in fake ACTIVE Net server in-process and "
                                   "export two years of Insights memberships and all "
                                   "activities into a folder. No account, no network.",
                       epilog=EPILOG_DEMO, formatter_class=fmt)
    d.add_argument("--out", default="activenet-demo", help="folder (default: ./activenet-demo)")
    d.add_argument("--quiet", action="store_true", help="no progress bar")
    o = sub.add_parser("operations", help="list the operations or describe one",
                       description="List every operation, or show one operation's "
                                   "parameters, types, paging and limits.",
                       epilog=EPILOG_OPS, formatter_class=fmt)
    o.add_argument("name", nargs="?", help="method or documented name")
    e = sub.add_parser("export", help="export one list operation to a file",
                       description="Export every record of one list operation. Dates are "
                                   "YYYY-MM-DD or 'YYYY-MM-DD HH:MM', lists are 1,2,3, flags "
                                   "true/false; any span and any list length (the SDK splits).",
                       epilog=EPILOG_EXPORT, formatter_class=fmt)
    e.add_argument("operation", help="get_activities, GetActivities, insights.get_memberships")
    e.add_argument("--param", action="append", default=[], metavar="NAME=VALUE",
                   help="an argument of the operation (repeatable)")
    e.add_argument("--format", choices=["jsonl", "csv", "parquet"], default="jsonl")
    e.add_argument("--out", required=True, help="output file, or - for JSON Lines on stdout")
    e.add_argument("--resume", action="store_true",
                   help="continue an interrupted export of the same job")
    e.add_argument("--raw", action="store_true",
                   help="JSON Lines: the server's records untouched (no decoding)")
    e.add_argument("--page-size", type=int, help="records per page (default: the maximum)")
    e.add_argument("--rate-limit", type=_positive_rate, metavar="R",
                   help="requests per second, more than 0 (default: 2)")
    e.add_argument("--rate-limit-store", metavar="URL",
                   help="share the key's limit with other processes through Redis "
                        "(redis://host:port/db; or ACTIVENET_RATE_LIMIT_STORE)")
    e.add_argument("--env-file", help="KEY=VALUE file with the ACTIVENET_* settings")
    e.add_argument("--base-url", help="override ACTIVENET_BASE_URL")
    e.add_argument("--quiet", action="store_true", help="no progress bar")
    from ._sync_args import add_parser as add_sync_parser

    add_sync_parser(sub, fmt)
    return p


def _positive_rate(text: str) -> float:
    """``--rate-limit``: a finite number of requests per second above 0."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not 0 < value < float("inf"):
        raise argparse.ArgumentTypeError(f"{text!r}: give a number of requests per second "
                                         "above 0, such as 2 (ACTIVE's default)")
    return value


def _fail(message: str, code: int) -> int:
    sys.stderr.write(f"activenet-async: {message}\n")
    return code


def read_env_file(path: str) -> dict[str, str]:
    """KEY=VALUE lines (``export`` prefixes, quotes and # comments allowed)."""
    out: dict[str, str] = {}
    for line in Path(path).read_text().splitlines():
        line = line.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        key, _, value = line.removeprefix("export ").partition("=")
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
            value = value[1:-1]
        out[key.strip()] = value
    return out


def credentials(args: argparse.Namespace) -> dict[str, Any]:
    """Client settings from the environment and --env-file; a missing one is named."""
    env = dict(os.environ)
    if args.env_file:
        try:
            env = {**env, **read_env_file(args.env_file)}
        except (OSError, UnicodeDecodeError) as e:
            why = e.strerror if isinstance(e, OSError) and e.strerror else "not a text file"
            raise _Usage(f"cannot read --env-file {args.env_file}: {why}") from None
    missing = [k for k in ("ACTIVENET_ORG", "ACTIVENET_API_KEY") if not env.get(k)]
    if missing:
        them = "it" if len(missing) == 1 else "them"
        raise _Usage(f"missing {' and '.join(missing)}: set {them} in the environment or in "
                     "the file given with --env-file")
    opts: dict[str, Any] = {"org": env["ACTIVENET_ORG"], "api_key": env["ACTIVENET_API_KEY"],
                            "shared_secret": env.get("ACTIVENET_SHARED_SECRET") or None,
                            "write_api_key": env.get("ACTIVENET_WRITE_API_KEY") or None,
                            "write_shared_secret": env.get("ACTIVENET_WRITE_SHARED_SECRET")
                            or None,
                            "region": env.get("ACTIVENET_REGION", "us") or "us"}
    base = args.base_url or env.get("ACTIVENET_BASE_URL")
    if base:
        opts["base_url"] = base
    if args.rate_limit is not None:
        opts["rate_limit"] = args.rate_limit
    store = getattr(args, "rate_limit_store", None) or env.get("ACTIVENET_RATE_LIMIT_STORE")
    if store:
        opts["rate_limit_store"] = store
    return opts


class _Usage(Exception):
    pass


def _unknown_operation(name: str) -> str:
    """The message for an operation name that ``find`` does not know, with the closest ones."""
    from .._operations.table import OPERATIONS

    names = {n for op in OPERATIONS.values() for n in (op.qualified, op.name)}
    close = difflib.get_close_matches(name, sorted(names), n=3, cutoff=0.6)
    if not close:  # a case slip such as getactivities: compare in lower case
        lower = {n.lower(): n for n in sorted(names)}
        close = [lower[c] for c in difflib.get_close_matches(name.lower(), lower, n=3)]
    hint = f"; did you mean {' or '.join(close)}?" if close else ""
    return f"unknown operation {name!r}{hint} (`activenet-async operations` lists them)"


def _list_operations() -> None:
    """One row per operation under a header; descriptions wrap at word boundaries, beside the
    row where the terminal is wide enough, else on indented lines below it."""
    from .._operations.table import OPERATIONS

    ops = sorted(OPERATIONS.values(), key=lambda o: (o.api, o.qualified))
    w1 = max(len("OPERATION"), *(len(o.qualified) for o in ops))
    w3 = max(len("DOCUMENTED NAME"), *(len(o.name) for o in ops))
    columns = shutil.get_terminal_size((100, 24)).columns - 1
    beside = columns - (w1 + 1 + 5 + 1 + w3 + 1)
    if beside < 40:  # too narrow: description below the row
        print(f"{'OPERATION':{w1}} {'KIND':5} DOCUMENTED NAME\n    DESCRIPTION")
    else:
        print(f"{'OPERATION':{w1}} {'KIND':5} {'DOCUMENTED NAME':{w3}} DESCRIPTION")
    for op in ops:
        row = f"{op.qualified:{w1}} {op.kind:5} {op.name:{w3}}"
        if beside < 40:
            print(row.rstrip())
            for line in textwrap.wrap(op.summary, max(columns - 4, 20), break_on_hyphens=False):
                print(f"    {line}")
            continue
        first, *more = textwrap.wrap(op.summary, beside, break_on_hyphens=False) or [""]
        print(f"{row} {first}")
        for line in more:
            print(" " * (len(row) + 1) + line)


def _operations(name: str | None) -> int:
    from .._operations.readme import limits, paging
    from .._operations.table import find

    if not name:
        _list_operations()
        return 0
    try:
        op = find(name)
    except KeyError:
        return _fail(_unknown_operation(name), EXIT_USAGE)
    print(f"{op.qualified}  ({op.name}, {op.http} /{op.path})\n  {op.summary}")
    print(f"  paging: {paging(op)}\n  splits: {limits(op)}")
    print(f"  record: {getattr(op.record, '__name__', '-')}")
    print("  parameters:")
    for p in op.params.values():
        req = "required" if p.required else "optional"
        wire = f" (sent as {p.wire})" if p.wire != p.name else ""
        print(f"    {p.name:32} {req:8} {p.wire_format}{wire}")
    if not op.params:
        print("    (none)")
    return 0


async def _run_export(args: argparse.Namespace) -> int:
    from .._errors import ActiveNetError, AuthenticationError, RequestValidationError
    from .._operations.table import find
    from ._args import parse_params
    from ._export import export
    from ._progress import Progress

    try:
        op = find(args.operation)
    except KeyError:
        return _fail(_unknown_operation(args.operation), EXIT_USAGE)
    if op.kind != "list":
        return _fail(f"{op.qualified} is not a list operation; export walks list operations",
                     EXIT_USAGE)
    if args.out == "-" and args.format != "jsonl":
        return _fail("--out - streams JSON Lines only", EXIT_USAGE)
    if args.resume and args.out == "-":
        return _fail("--resume needs a file (--out PATH)", EXIT_USAGE)
    if args.out != "-" and not Path(args.out).resolve().parent.is_dir():
        return _fail(f"--out {args.out}: the folder {Path(args.out).parent} does not exist",
                     EXIT_USAGE)
    if args.format == "parquet" and importlib.util.find_spec("pyarrow") is None:
        return _fail("--format parquet needs pyarrow: pip install 'activenet-async[parquet]'",
                     EXIT_USAGE)
    try:
        kwargs = parse_params(op, args.param)
        if args.page_size is not None:
            kwargs["page_size"] = args.page_size
        opts = credentials(args)
    except (RequestValidationError, _Usage) as e:
        return _fail(str(e), EXIT_USAGE)
    from .._client import ActiveNet

    job = {"operation": op.name, "params": sorted(args.param), "format": args.format,
           "page_size": args.page_size, "raw": args.raw}
    show = not args.quiet and args.out != "-" and sys.stderr.isatty()
    progress = Progress(total_slices=1, enabled=show, label=op.qualified)
    started = time.monotonic()
    try:
        async with ActiveNet(**opts) as anet:
            summary = await export(anet, op, kwargs, fmt=args.format, out=args.out, job=job,
                                   resume=args.resume, progress=progress, raw=args.raw)
            stats = anet.stats
    except RequestValidationError as e:
        return _fail(str(e), EXIT_USAGE)
    except AuthenticationError as e:
        return _fail(f"authentication failed: {e}\n  check ACTIVENET_API_KEY, "
                     "ACTIVENET_SHARED_SECRET, ACTIVENET_REGION / the base URL, and this "
                     "machine's clock (signatures are time-based)", EXIT_FAILURE)
    except ActiveNetError as e:
        return _fail(f"{e}{_resume_hint(args)}", EXIT_FAILURE)
    if args.out != "-" and not args.quiet:
        sys.stderr.write(
            f"{summary.records} records, {summary.pages} pages, {summary.slices} slices, "
            f"{stats.requests} requests, {stats.retries} retries, {stats.throttled} throttled, "
            f"{time.monotonic() - started:.1f}s -> {summary.output}\n")
        for line in summary.lines():  # what decoding repaired, skipped or did not know
            sys.stderr.write(f"  {line}\n")
    return 0


def _resume_hint(args: argparse.Namespace) -> str:
    """After a failed export: what is left and how to continue (``--out`` is untouched)."""
    from ._export import state_path
    from ._writers import partial_output

    if args.out == "-" or not state_path(args.out).exists():
        return ""
    return (f"\n  {args.out} is unchanged; the records so far are in "
            f"{partial_output(args.out, args.format)}: rerun the same command with --resume "
            "to continue")


def main(argv: list[str] | None = None) -> int:
    """Entry point of ``activenet-async``; returns the exit status."""
    args = _parser().parse_args(argv)
    if args.command is None:
        _parser().print_help()
        return EXIT_USAGE
    try:
        if args.command == "operations":
            return _operations(args.name)
        if args.command == "demo":
            from ._demo import demo

            return asyncio.run(demo(args.out, quiet=args.quiet))
        if args.command == "sync":
            from ._sync import run_sync

            return run_sync(args)
        return asyncio.run(_run_export(args))
    except KeyboardInterrupt:
        sys.stderr.write("\nactivenet-async: interrupted; progress is saved: rerun the same "
                         "command with --resume to continue\n")
        return EXIT_INTERRUPTED
    except BrokenPipeError:  # `--out - | head`
        return 0
