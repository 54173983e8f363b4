"""``python -m activenet_async.testing [--port N] [--rate-limit R]``: serve the fake ACTIVE Net
on 127.0.0.1 until interrupted, for trying the command line (or any client) without an account.

The first line of standard output is one JSON object with ``base_url``, ``org``, ``api_key`` and
``shared_secret``, flushed at once, so that a script can read it and point a client there.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import signal
import sys

from ._server import FakeActiveNet

EPILOG = """example (a second shell):
  export ACTIVENET_ORG=orgtest ACTIVENET_API_KEY=fake-key ACTIVENET_SHARED_SECRET=fake-secret
  export ACTIVENET_BASE_URL=http://127.0.0.1:8765
  activenet-async export get_activities --format csv --out activities.csv"""


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m activenet_async.testing", epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Serve the fake ACTIVE Net (System and Insights API, synthetic data) on "
                    "127.0.0.1 until interrupted. The first line of output is JSON with "
                    "base_url, org, api_key and shared_secret.")
    p.add_argument("--port", type=int, default=0,
                   help="port on 127.0.0.1 (default: a free one, see base_url)")
    p.add_argument("--rate-limit", type=float, default=2.0, metavar="R",
                   help="requests per second per key before the server answers 403 like "
                        "ACTIVE's gateway (default: 2, ACTIVE's default; 0: no limit)")
    return p


async def serve(port: int, rate_limit: float | None) -> None:
    """Serve until SIGINT or SIGTERM; announce the connection settings on stdout."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        # Windows has no signal handlers on the loop: Ctrl-C raises KeyboardInterrupt instead.
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.add_signal_handler(sig, stop.set)
    async with FakeActiveNet(port=port, rate_limit=rate_limit, threaded=False) as fake:
        print(json.dumps({"base_url": fake.base_url, "org": fake.org, "api_key": fake.api_key,
                          "shared_secret": fake.shared_secret}), flush=True)
        sys.stderr.write(f"fake ACTIVE Net on {fake.base_url} (Ctrl-C stops it)\n")
        await stop.wait()


def main(argv: list[str] | None = None) -> int:
    """Entry point; returns the exit status (2 for bad options, as argparse does)."""
    args = _parser().parse_args(argv)
    if not 0 <= args.port <= 65535:
        _parser().error(f"--port {args.port}: give 0 to 65535")
    if not args.rate_limit >= 0:
        _parser().error("--rate-limit: give 0 (no limit) or more")
    try:
        asyncio.run(serve(args.port, args.rate_limit or None))
    except KeyboardInterrupt:
        pass
    except OSError as e:  # the port is taken
        sys.stderr.write(f"python -m activenet_async.testing: cannot listen on 127.0.0.1:"
                         f"{args.port}: {e.strerror or e}\n")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
