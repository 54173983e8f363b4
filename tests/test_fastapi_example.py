"""examples/fastapi_app.py under uvicorn with two workers (processes) sharing the key's limit
through a real redis-server; 50 concurrent requests; a clean shutdown. uvicorn serves it through
tests/_fastapi_probe.py, which reports whether each worker's client was closed."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
from pathlib import Path

import aiohttp
import pytest

from activenet_async.testing import FakeActiveNet
from tests._servers import RedisServer, free_port, redis_server

__all__ = ["redis_server"]

ROOT = Path(__file__).parent.parent
RATE = 5


async def test_two_uvicorn_workers_share_the_limit_and_shut_down_cleanly(
        redis_server: RedisServer) -> None:
    """Catches: workers that each spend the key's whole rate (the gateway would see twice the
    limit), a client built per request instead of per app, calls that fail under load, and a
    shutdown that leaks connections (to the gateway or to Redis) or tracebacks."""
    port = free_port()
    async with FakeActiveNet(rate_limit=RATE) as fake:
        env = {**{k: v for k, v in os.environ.items() if not k.startswith("ACTIVENET_")},
               "ACTIVENET_ORG": fake.org, "ACTIVENET_API_KEY": fake.api_key,
               "ACTIVENET_SHARED_SECRET": fake.shared_secret or "",
               "ACTIVENET_BASE_URL": fake.base_url, "ACTIVENET_RATE_LIMIT": str(RATE),
               "ACTIVENET_RATE_LIMIT_STORE": redis_server.url, "ACTIVENET_CALL_TIMEOUT": "60",
               "PYTHONWARNINGS": "always::ResourceWarning"}
        proc = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "uvicorn", "--app-dir", str(ROOT / "examples"),
            "tests._fastapi_probe:app", "--workers", "2", "--host", "127.0.0.1",
            "--port", str(port), "--no-access-log", env=env, cwd=ROOT, stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT)
        base = f"http://127.0.0.1:{port}"
        try:
            async with aiohttp.ClientSession(
                    connector=aiohttp.TCPConnector(limit=0, force_close=True)) as http:
                up: set[int] = set()
                for _ in range(600):  # until both workers answer
                    try:
                        async with http.get(f"{base}/health") as r:
                            up.add((await r.json())["pid"])
                    except aiohttp.ClientError:
                        pass
                    if len(up) == 2:
                        break
                    await asyncio.sleep(0.05)
                else:
                    pytest.fail(f"uvicorn did not bring up two workers ({len(up)})")

                async def one(i: int) -> tuple[int, dict[str, object]]:
                    # 20 ms apart: one worker's accept loop would otherwise take a burst of
                    # 50 connections alone; every request is still in flight at once (each
                    # waits for its turn under the key's limit for seconds).
                    await asyncio.sleep(0.02 * i)
                    async with http.get(f"{base}/organization") as r:
                        return r.status, await r.json()

                answers = await asyncio.gather(*(one(i) for i in range(50)))
        finally:
            proc.send_signal(signal.SIGINT)
            out, _ = await asyncio.wait_for(proc.communicate(), 60)
        log = out.decode(errors="replace")
        assert [s for s, _ in answers] == [200] * 50, answers[:3]
        pids = {a["pid"] for _, a in answers}
        assert len(pids) == 2, "both workers should have served requests"
        calls = [e for e in fake.log if e.operation]
        assert len(calls) >= 50
        assert fake.max_in_window(1.0) <= RATE
        assert len([e for e in fake.log if e.status == 403]) <= 1
        assert proc.returncode == 0, log
        assert log.count("client closed") == 2, log  # each worker closed its client
        # aiohttp reports an unclosed session or connector, asyncio a pending task, Python an
        # unclosed socket (uvicorn's parent leaves its listening socket: not ours to judge).
        for bad in ("Traceback", "Unclosed", "Task was destroyed", "Error",
                    f"'127.0.0.1', {fake.base_url.rsplit(':', 1)[1]})",
                    f"'127.0.0.1', {redis_server.port})"):
            assert bad not in log, log
