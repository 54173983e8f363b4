"""Figure 5: import time, time to the first request, and the CLI's start.

Each measurement runs in a fresh Python process, several times; medians are reported.

* import: ``from activenet_async import ActiveNet`` (what a program needs) timed inside the
  process, interpreter start excluded; ``import activenet_async`` alone is in the note (its
  public names may load lazily);
* first request: from before ``import activenet_async`` to the first answer of
  ``await anet.get_organization()`` from the fake server (in a process of its own): import,
  client, connection, signed request, decoded answer;
* CLI: wall time of ``activenet-async --help`` and ``activenet-async operations`` (which loads
  the whole operation table), interpreter start included, as a user sees it.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from ._common import Figure, child_env, median, server_process, spread

CLI_GOAL = 0.5

_IMPORT = """
import time
t0 = time.perf_counter()
import activenet_async
t1 = time.perf_counter()
from activenet_async import ActiveNet
print(time.perf_counter() - t0, t1 - t0)
"""

_FIRST = """
import time
t0 = time.perf_counter()
import asyncio, sys
import activenet_async

async def main():
    async with activenet_async.ActiveNet(org=sys.argv[2], api_key=sys.argv[3],
                                         shared_secret=sys.argv[4], base_url=sys.argv[1]) as a:
        t1 = time.perf_counter()
        await a.get_organization()
        return t1

t1 = asyncio.run(main())
print(time.perf_counter() - t0, time.perf_counter() - t1)
"""


def _py(code: str, *args: str) -> list[float]:
    out = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                         check=True, env=child_env())
    return [float(x) for x in out.stdout.split()]


def _cli() -> list[str]:
    script = Path(sys.executable).parent / "activenet-async"
    if script.exists():
        return [str(script)]
    found = shutil.which("activenet-async")
    return [found] if found else [sys.executable, "-m", "activenet_async"]


def _wall(cmd: list[str]) -> float:
    t0 = time.perf_counter()
    subprocess.run(cmd, capture_output=True, check=True, env=child_env())
    return time.perf_counter() - t0


def run(*, quick: bool = False, runs: int | None = None) -> tuple[list[Figure], dict[str, Any]]:
    n = runs or (3 if quick else 11)
    _py(_IMPORT)  # warm the file cache and the bytecode
    both = [_py(_IMPORT) for _ in range(n)]
    imports = [b[0] * 1000 for b in both]
    package_only = [b[1] * 1000 for b in both]
    bare = [_wall([sys.executable, "-c", "pass"]) * 1000 for _ in range(n)]
    with server_process("fake", records=1000) as srv:
        args = (srv.base_url, srv.org, srv.api_key, srv.secret)
        _py(_FIRST, *args)  # the server builds its organization record on first use
        firsts = [_py(_FIRST, *args) for _ in range(n)]
    first = [f[0] * 1000 for f in firsts]
    request_only = [f[1] * 1000 for f in firsts]
    cli = _cli()
    _wall([*cli, "--help"])
    helps = [_wall([*cli, "--help"]) for _ in range(n)]
    ops = [_wall([*cli, "operations"]) for _ in range(n)]
    figs = [
        Figure("startup.import", "Import time: `from activenet_async import ActiveNet`",
               median(imports), "ms", runs=imports, fmt="{:.0f}",
               note=f"`import activenet_async` alone {median(package_only):.0f} ms; bare "
                    f"interpreter start {median(bare):.0f} ms; runs {spread(imports, '{:.0f}')}"),
        Figure("startup.first_request",
               "Time to the first request (import + client + first answer)", median(first),
               "ms", runs=first, fmt="{:.0f}",
               note=f"of which the first request itself {median(request_only):.0f} ms"),
        Figure("startup.cli_help", "CLI start: `activenet-async --help` (wall)", median(helps),
               "s", f"< {CLI_GOAL} s", median(helps) < CLI_GOAL, helps, fmt="{:.2f}"),
        Figure("startup.cli_operations", "CLI start: `activenet-async operations` (wall)",
               median(ops), "s", f"< {CLI_GOAL} s", median(ops) < CLI_GOAL, ops,
               fmt="{:.2f}"),
    ]
    return figs, {"runs": n, "import_ms": imports, "package_import_ms": package_only,
                  "bare_python_ms": bare,
                  "first_request_ms": first, "request_only_ms": request_only,
                  "cli_help_s": helps, "cli_operations_s": ops, "cli": cli}
