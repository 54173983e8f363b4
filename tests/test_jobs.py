"""Many organizations as arq jobs (the README recipe), end to end: a real redis-server, two
fake gateways with their own keys, worker processes started with arq's own command line, one
of them stopped mid-job; every output exactly once, each key within its limit."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
from collections import Counter
from datetime import date
from pathlib import Path

import pytest
from arq import create_pool
from arq.connections import RedisSettings

from activenet_async import RequestValidationError
from activenet_async.jobs import enqueue_export, load_profile
from activenet_async.testing import FakeActiveNet
from tests._servers import RedisServer, redis_server

__all__ = ["redis_server"]

ROOT = Path(__file__).parent.parent
MONTHS = (1, 2)


def params(month: int) -> list[str]:
    return [f"modified_date_from=2024-{month:02d}-01", f"modified_date_to=2024-{month:02d}-28"]


def ident(rec: dict[str, object]) -> tuple[object, ...]:
    return rec["customer_id"], rec["membership_id"], rec["package_id"]


async def reference(month: int) -> list[tuple[object, ...]]:
    """The month's records (their identities), walked without any limit on a fake of its
    own."""
    async with FakeActiveNet() as fake, fake.client() as anet:
        pager = anet.insights.get_memberships(modified_date_from=date(2024, month, 1),
                                              modified_date_to=date(2024, month, 28),
                                              page_size=18)
        return [ident(r) async for r in pager.raw()]


async def files_in_progress(out_dir: Path, n: int) -> None:
    """Wait until ``n`` exports are under way (their progress files exist)."""
    for _ in range(1200):
        if len(list(out_dir.glob("*/*.progress.json"))) >= n:
            return
        await asyncio.sleep(0.05)
    pytest.fail(f"never saw {n} exports under way at once")


def worker(env: dict[str, str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-m", "arq", "activenet_async.jobs.WorkerSettings"],
                            env=env, cwd=ROOT, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)


async def test_two_workers_two_organizations_four_jobs(redis_server: RedisServer,
                                                       tmp_path: Path) -> None:
    """Catches: credentials sent through the queue, a retried job that starts over (duplicate
    records) or skips (lost records), and workers that each keep their own budget for a key
    (the gateway would see more than 2 requests in a second and throttle)."""
    async with FakeActiveNet(org="springfield", api_key="key-springfield",
                             shared_secret="secret-s", rate_limit=2) as fa, \
            FakeActiveNet(org="shelbyville", api_key="key-shelbyville",
                          shared_secret="secret-b", rate_limit=2) as fb:
        profiles = tmp_path / "profiles.toml"
        profiles.write_text("".join(
            f'[{f.org}]\norg = "{f.org}"\napi_key = "{f.api_key}"\n'
            f'shared_secret = "{f.shared_secret}"\nbase_url = "{f.base_url}"\nrate_limit = 2\n\n'
            for f in (fa, fb)))
        out_dir = tmp_path / "out"
        env = {**{k: v for k, v in os.environ.items() if not k.startswith("ACTIVENET_")},
               "ACTIVENET_JOBS_REDIS": redis_server.url, "ACTIVENET_PROFILES": str(profiles),
               "ACTIVENET_JOBS_DIR": str(out_dir), "ACTIVENET_JOBS_CONCURRENCY": "1"}
        pool = await create_pool(RedisSettings.from_dsn(redis_server.url))
        workers: list[subprocess.Popen[bytes]] = []
        try:
            jobs = [await enqueue_export(pool, f.org, "insights.get_memberships",
                                         f"{f.org}/m{m}.jsonl", params=params(m), page_size=18)
                    for f in (fa, fb) for m in MONTHS]
            assert all(jobs)
            dup = await enqueue_export(pool, fa.org, "insights.get_memberships",
                                       f"{fa.org}/m1.jsonl", params=params(1), page_size=18)
            assert dup is None  # the same export queued twice runs once
            async for k in pool.scan_iter("*"):  # nothing secret went through the queue
                value = await pool.get(k) if (await pool.type(k)) == b"string" else b""
                for secret in (fa.api_key, fb.api_key, "secret-s", "secret-b"):
                    assert secret.encode() not in k + (value or b"")
            # One job at a time per worker, queued organization by organization: the first two
            # workers walk the same key at once, as does the replacement of the stopped one.
            workers.append(worker(env))
            await files_in_progress(out_dir, 1)
            workers.append(worker(env))
            await files_in_progress(out_dir, 2)  # so the first worker is mid-job now
            workers[0].send_signal(signal.SIGTERM)  # stopped mid-job: its job goes back
            await asyncio.to_thread(workers[0].wait, 30)
            workers.append(worker(env))
            results = [await j.result(timeout=120) for j in jobs if j is not None]
            infos = [await j.result_info() for j in jobs if j is not None]
        finally:
            for w in workers:
                if w.poll() is None:
                    w.send_signal(signal.SIGTERM)
            for w in workers:
                await asyncio.to_thread(w.wait, 30)
            await pool.aclose()
        assert max(i.job_try for i in infos if i) >= 2, "no job was interrupted and retried"
        for f in (fa, fb):
            for m in MONTHS:
                lines = (out_dir / f.org / f"m{m}.jsonl").read_text().splitlines()
                got = Counter(ident(json.loads(x)) for x in lines)
                want = Counter(await reference(m))
                assert got == want, f"{f.org} month {m}: not every record exactly once"
                assert not (out_dir / f.org / f"m{m}.jsonl.progress.json").exists()
            assert f.max_in_window(1.0) <= 2, f.org
            assert len([e for e in f.log if e.status == 403]) <= 1
            assert {e.key for e in f.log} == {f.api_key}
        assert all(r["records"] for r in results)


def test_profiles_come_from_the_file_or_the_environment(tmp_path: Path) -> None:
    """Catches: a profile looked up in the wrong place, or one missing its key accepted."""
    toml = tmp_path / "p.toml"
    toml.write_text('[a]\norg = "oa"\napi_key = "ka"\nrate_limit = 3\n')
    assert load_profile("a", {"ACTIVENET_PROFILES": str(toml)}) == {
        "org": "oa", "api_key": "ka", "rate_limit": 3.0}
    env = {"ACTIVENET_CITY_B_ORG": "ob", "ACTIVENET_CITY_B_API_KEY": "kb"}
    assert load_profile("city-b", env) == {"org": "ob", "api_key": "kb"}
    with pytest.raises(RequestValidationError, match="lacks"):
        load_profile("nobody", {"ACTIVENET_PROFILES": str(toml)})
    with pytest.raises(RequestValidationError):
        load_profile("../etc", {})
