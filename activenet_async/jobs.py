"""Many organizations as jobs on arq: one job exports one operation of one organization.

Run workers on any number of machines, all naming one Redis::

    export ACTIVENET_JOBS_REDIS=redis://queue-host:6379/0
    export ACTIVENET_PROFILES=/etc/activenet/profiles.toml
    arq activenet_async.jobs.WorkerSettings

and enqueue from anywhere::

    pool = await arq.create_pool(jobs.redis_settings())
    await jobs.enqueue_export(pool, "springfield", "get_activities", "springfield/activities.jsonl")

Credentials never travel through the queue: a job names a *profile*, and the worker reads that
profile's organization, key and secret from its own profiles file (``ACTIVENET_PROFILES``, TOML,
one table per profile: ``org``, ``api_key``, ``shared_secret``, ``base_url``, ``rate_limit``,
``region``) or from its environment (``ACTIVENET_<PROFILE>_ORG``, ``..._API_KEY``,
``..._SHARED_SECRET``, ``..._BASE_URL``, ``..._RATE_LIMIT``, ``..._REGION``).

Every job runs under the Redis rate limiter (``ACTIVENET_RATE_LIMIT_STORE``, by default the
queue's Redis), so each key's limit holds across all workers. A job is resumable: it writes
through the command line's exporter, whose progress file beside the output lets a retry
continue where the killed or failed try stopped, every record exactly once. A worker stopped
with SIGTERM hands its job back at once; one killed with SIGKILL leaves it to be retried when
arq's in-progress lease (``job_timeout`` + 10 s) runs out.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, ClassVar

from arq import Retry
from arq.connections import ArqRedis, RedisSettings
from arq.jobs import Job

from ._client import ActiveNet
from ._errors import RateLimitError, RequestValidationError, ServerError, TransportError
from ._http.redis_limiter import RateLimitStoreError
from ._operations.table import find
from .cli._args import parse_params
from .cli._export import export

__all__ = ["WorkerSettings", "enqueue_export", "export_operation", "load_profile",
           "redis_settings"]

_FIELDS = ("org", "api_key", "shared_secret", "base_url", "rate_limit", "region")


def redis_url() -> str:
    """The queue's Redis: ``ACTIVENET_JOBS_REDIS`` (default ``redis://127.0.0.1:6379/0``)."""
    return os.environ.get("ACTIVENET_JOBS_REDIS", "redis://127.0.0.1:6379/0")


def redis_settings() -> RedisSettings:
    """arq's connection settings for the queue's Redis."""
    return RedisSettings.from_dsn(redis_url())


def load_profile(name: str, env: Mapping[str, str] | None = None) -> dict[str, Any]:
    """The client settings of profile ``name``: its table in the ``ACTIVENET_PROFILES`` TOML
    file, else the ``ACTIVENET_<NAME>_*`` environment variables. Never logged, never queued."""
    env = os.environ if env is None else env
    if not name or not name.replace("-", "_").replace("_", "a").isalnum():
        raise RequestValidationError("must be letters, digits, '-' or '_'", argument="profile")
    table: dict[str, Any] = {}
    path = env.get("ACTIVENET_PROFILES")
    if path:
        with open(path, "rb") as f:
            profiles = tomllib.load(f)
        table = dict(profiles.get(name, {}))
    if not table:
        prefix = f"ACTIVENET_{name.upper().replace('-', '_')}_"
        table = {k: env[prefix + k.upper()] for k in _FIELDS if env.get(prefix + k.upper())}
    unknown = set(table) - set(_FIELDS)
    if unknown:
        raise RequestValidationError(f"profile {name!r} has unknown settings {sorted(unknown)}",
                                     argument="profile")
    missing = [k for k in ("org", "api_key") if not table.get(k)]
    if missing:
        raise RequestValidationError(
            f"profile {name!r} lacks {' and '.join(missing)} (in ACTIVENET_PROFILES or "
            f"ACTIVENET_{name.upper()}_*)", argument="profile")
    if "rate_limit" in table:
        table["rate_limit"] = float(table["rate_limit"])
    return table


def _resolve(out: str, env: Mapping[str, str]) -> str:
    path = Path(out)
    if not path.is_absolute():
        path = Path(env.get("ACTIVENET_JOBS_DIR", ".")) / path
    path.parent.mkdir(parents=True, exist_ok=True)
    return str(path)


async def export_operation(ctx: dict[str, Any], profile: str, operation: str, out: str, *,
                           params: Sequence[str] = (), fmt: str = "jsonl",
                           page_size: int | None = None) -> dict[str, Any]:
    """arq job: export ``operation`` of ``profile`` to ``out`` (relative paths land under
    ``ACTIVENET_JOBS_DIR``), continuing a previous try's partial output when there is one.

    ``params`` are ``NAME=VALUE`` strings as on the command line. Returns a summary (records,
    pages, requests, throttled answers, output path). Transient failures (network, 5xx,
    throttling, the rate-limit store) are retried by arq from the checkpoint; bad input fails
    the job at once.
    """
    env = os.environ
    op = find(operation)
    if op.kind != "list":
        raise RequestValidationError(f"{op.qualified} is not a list operation",
                                     argument="operation")
    kwargs = parse_params(op, params)
    if page_size is not None:
        kwargs["page_size"] = page_size
    settings = load_profile(profile, env)
    store = env.get("ACTIVENET_RATE_LIMIT_STORE") or redis_url()
    path = _resolve(out, env)
    job = {"profile": profile, "operation": op.name, "params": sorted(params), "format": fmt,
           "page_size": page_size, "raw": False}
    try:
        async with ActiveNet(**settings, rate_limit_store=store) as anet:
            summary = await export(anet, op, kwargs, fmt=fmt, out=path, job=job, resume=True,
                                   progress=None)
            stats = anet.stats
    except (TransportError, ServerError, RateLimitError, RateLimitStoreError) as exc:
        tries = int(ctx.get("job_try", 1))
        raise Retry(defer=min(60, 5 * tries)) from exc
    return {"records": summary.records, "pages": summary.pages, "output": summary.output,
            "requests": stats.requests, "throttled": stats.throttled}


async def enqueue_export(pool: ArqRedis, profile: str, operation: str, out: str, *,
                         params: Sequence[str] = (), fmt: str = "jsonl",
                         page_size: int | None = None) -> Job | None:
    """Queue one export; the job id is derived from the arguments, so queueing the same
    export twice runs it once (arq returns None for the duplicate)."""
    job_id = "activenet:export:" + "|".join([profile, operation, out, fmt, str(page_size),
                                             *sorted(params)])
    job: Job | None = await pool.enqueue_job("export_operation", profile, operation, out,
                                             params=list(params), fmt=fmt, page_size=page_size,
                                             _job_id=job_id)
    return job


class WorkerSettings:
    """``arq activenet_async.jobs.WorkerSettings``: the worker of activenet jobs.

    ``ACTIVENET_JOB_TIMEOUT`` (seconds, default 3600) bounds one try; ``ACTIVENET_JOB_TRIES``
    (default 5) the tries of a job; ``ACTIVENET_JOBS_CONCURRENCY`` (default 10) the jobs one
    worker runs at once."""

    functions: ClassVar[list[Any]] = [export_operation]
    redis_settings = redis_settings()
    job_timeout = int(os.environ.get("ACTIVENET_JOB_TIMEOUT", "3600"))
    max_tries = int(os.environ.get("ACTIVENET_JOB_TRIES", "5"))
    max_jobs = int(os.environ.get("ACTIVENET_JOBS_CONCURRENCY", "10"))
    retry_jobs = True
