"""The frames one paged call goes through: ``anet.get_activities(site_ids=[1, 2])`` from the
method call to the HTTP request and back to the first record, against the fake server.

``python -m benchmarks.hops`` prints the SDK frames on the stack when (1) the pager is built,
(2) the consumer's walk starts a fetch task, (3) that task sends the request, (4) the answer is
decoded; then the SDK functions those frames call into the paging, dispatch, HTTP and decoding
layers (leaf helpers such as records, value parsers and auth excluded). Not a timing: it makes
the path and any back-and-forth between modules visible.
"""

from __future__ import annotations

import asyncio
import os
import sys
from types import FrameType
from typing import Any

import activenet_async
from activenet_async.testing import FakeActiveNet

PKG = os.path.dirname(activenet_async.__file__)
LEAVES = ("records/", "_lenient", "_convert", "_operations/params", "_warnings", "_errors",
          "_paging/windows", "_http/auth", "_http/retry", "_operations/declare")


def chain(frame: FrameType | None) -> list[str]:
    """The SDK frames (outermost first) from ``frame`` up its stack."""
    out = []
    while frame is not None:
        f = frame.f_code.co_filename
        if f.startswith(PKG) and "/testing/" not in f:
            out.append(f"{os.path.relpath(f, PKG)}:{frame.f_code.co_qualname}")
        frame = frame.f_back
    return out[::-1]


async def trace() -> tuple[dict[str, list[str]], list[tuple[str, str]]]:
    stacks: dict[str, list[str]] = {}
    edges: list[tuple[str, str]] = []

    def prof(frame: FrameType, event: str, arg: Any) -> None:
        code = frame.f_code
        if event == "call":
            if code.co_filename.startswith(PKG) and "/testing/" not in code.co_filename:
                me = chain(frame)
                if len(me) >= 2:
                    edges.append((me[-2], me[-1]))
            if code.co_qualname == "Pager.__init__":
                stacks.setdefault("build", chain(frame))
            elif code.co_name == "create_task" and "asyncio" in code.co_filename \
                    and chain(frame):
                stacks.setdefault("spawn", chain(frame))
            elif code.co_name == "_request" and "aiohttp/client.py" in code.co_filename:
                stacks.setdefault("send", chain(frame.f_back))
        elif event == "c_call" and getattr(arg, "__qualname__", "") == "Decoder.decode" \
                and "send" in stacks:
            stacks.setdefault("decode", chain(frame))

    async with FakeActiveNet() as server, server.client() as anet:
        sys.setprofile(prof)
        try:
            records = anet.get_activities(site_ids=[1, 2]).__aiter__()
            await records.__anext__()
        finally:
            sys.setprofile(None)
        await records.aclose()  # type: ignore[attr-defined]
    return stacks, edges


def main() -> None:
    stacks, edges = asyncio.run(trace())
    path: list[str] = []
    for name in ("build", "spawn", "send", "decode"):
        print(f"{name}:")
        for f in stacks.get(name, []):
            print("   ", f)
            if f not in path:
                path.append(f)
    side: list[str] = []
    for caller, callee in edges:
        mod, _, fn = callee.partition(":")
        if caller in path and callee not in path and callee not in side \
                and not mod.startswith(LEAVES) and "<" not in fn.rsplit(".", 1)[-1]:
            side.append(callee)
    print("called from the path:")
    for f in side:
        print("   ", f)
    modules = {f.split(":")[0] for f in path + side}
    print(f"frames on the path: {len(path)}; with the calls they make: {len(path) + len(side)}"
          f" in {len(modules)} modules")


if __name__ == "__main__":
    main()
