"""The ActiveNet client: argument validation, secrecy of its reprs, lifecycle, shared limiters,
``with_options``, limits overrides and the public surface."""

from __future__ import annotations

import ast
import importlib
import inspect
from collections.abc import Mapping
from datetime import timedelta
from typing import Any

import aiohttp
import pytest
from aioresponses import aioresponses

import activenet_async
from activenet_async import (
    LIMITS,
    ActiveNet,
    Limits,
    RequestValidationError,
    RetryPolicy,
    ServerError,
)
from activenet_async._http import limiter as _limiter
from activenet_async._http.transport import Request

from .conftest import BASE, example, sent, serve

ORG = "/api/v1/organization"
SECRETS = ("k3y", "s3cret", "wk3y", "ws3cret")


def client(**kw: Any) -> ActiveNet:
    args: dict[str, Any] = {"org": "orgtest", "api_key": "k3y", "shared_secret": "s3cret",
                            "base_url": BASE, "rate_limit": 1000}
    args.update(kw)
    return ActiveNet(**args)


# -- argument validation ---------------------------------------------------------------------

@pytest.mark.parametrize(("kwargs", "argument"), [
    ({"org": ""}, "org"),
    ({"org": "   "}, "org"),
    ({"org": None}, "org"),
    ({"org": "org/test"}, "org"),
    ({"org": "orgtest?x=1"}, "org"),
    ({"api_key": ""}, "api_key"),
    ({"api_key": "  "}, "api_key"),
    ({"api_key": None}, "api_key"),
    ({"region": "eu"}, "region"),
    ({"region": "US "}, "region"),
    ({"rate_limit": 0}, "rate_limit"),
    ({"rate_limit": -2}, "rate_limit"),
    ({"rate_limit": True}, "rate_limit"),
    ({"rate_limit": float("inf")}, "rate_limit"),
    ({"rate_limit": float("nan")}, "rate_limit"),
    ({"rate_limit": "2"}, "rate_limit"),
    ({"concurrency": 0}, "concurrency"),
    ({"concurrency": -1}, "concurrency"),
    ({"concurrency": True}, "concurrency"),
    ({"concurrency": 2.5}, "concurrency"),
    ({"base_url": "http://api.amp.active.com"}, "base_url"),
    ({"base_url": "ftp://api.amp.active.com"}, "base_url"),
    ({"write_api_key": "   "}, "write_api_key"),
])
def test_constructor_rejects_bad_arguments(kwargs: dict[str, Any], argument: str) -> None:
    """Catches a bad constructor argument being accepted (and failing later, mid-walk, or
    sending the key in clear) or an error that does not name the argument."""
    with pytest.raises(RequestValidationError) as info:
        client(**kwargs)
    assert info.value.argument == argument
    assert argument in str(info.value)


def test_constructor_accepts_documented_arguments() -> None:
    """Catches valid arguments being refused (ca region, fractional rate, https base_url)."""
    anet = ActiveNet(org=" orgtest ", api_key="k3y", region="ca", rate_limit=0.5,
                     base_url="https://api.amp.active.com", concurrency=1)
    assert anet.org == "orgtest" and anet.region == "ca" and anet.rate_limit == 0.5


# -- no secrets in reprs ---------------------------------------------------------------------

async def test_reprs_hide_credentials(mocked: aioresponses) -> None:
    """Catches the key or secret showing in the repr/str of any public object a user might
    print or log: the client, its namespaces, stats, policy, credentials, limiter, pager,
    requests and errors."""
    async with client(write_api_key="wk3y", write_shared_secret="ws3cret") as anet:
        serve(mocked, ORG, b"", status=500)
        with pytest.raises(ServerError) as info:
            await anet.with_options(retry=RetryPolicy(attempts=1)).get_organization()
        err = info.value
        objects: list[Any] = [
            anet, anet.insights, anet.stats, anet._retry, anet._credentials,
            anet._write_credentials, anet._endpoints, anet._transport,
            anet._limiters.get(anet._credentials), anet._limiters.get(anet._write_credentials),
            anet.get_sites(), anet.insights.get_package_categories(), anet.with_options(),
            Request("GET", BASE, "GetSites", anet._credentials), err, anet.session,
            _limiter._registry,
        ]
        for obj in objects:
            for text in (repr(obj), str(obj)):
                for secret in SECRETS:
                    assert secret not in text, f"{secret!r} in {text!r}"
        assert "orgtest" in repr(anet)


# -- lifecycle -------------------------------------------------------------------------------

async def test_session_is_lazy_and_closed_by_async_with(mocked: aioresponses) -> None:
    """Catches a session created at construction (outside a loop, leaked when unused) or left
    open after ``async with`` (unclosed-connector warnings, leaked sockets)."""
    async with client() as anet:
        assert anet.session is None
        serve(mocked, ORG, example("GetOrganization"))
        await anet.get_organization()
        session = anet.session
        assert session is not None and not session.closed
        await anet.get_organization()
        assert anet.session is session  # one session for the client's life
    assert session.closed
    assert anet.session is None or anet.session.closed


async def test_close_is_idempotent_and_unused_client_closes(mocked: aioresponses) -> None:
    """Catches close() failing on a client that never sent anything, or when called twice."""
    anet = client()
    await anet.close()
    await anet.close()
    assert anet.session is None


async def test_caller_session_is_used_and_not_closed(mocked: aioresponses) -> None:
    """Catches the client closing a session it was given (the caller owns it)."""
    async with aiohttp.ClientSession() as own:
        async with client(session=own) as anet:
            serve(mocked, ORG, example("GetOrganization"))
            await anet.get_organization()
            assert anet.session is own
        assert not own.closed


# -- limiters --------------------------------------------------------------------------------

async def test_clients_on_one_key_share_a_limiter() -> None:
    """Catches each client getting its own limiter: two clients on one key would together
    send twice the key's rate and be throttled."""
    a, b = client(), client(org="other", rate_limit=1000)
    c = client(api_key="another-key")
    lim_a = a._limiters.get(a._credentials)
    assert lim_a is b._limiters.get(b._credentials)
    assert lim_a is a._limiters.get(a._credentials)
    assert c._limiters.get(c._credentials) is not lim_a


async def test_read_and_write_keys_have_separate_limiters() -> None:
    """Catches writes consuming the read key's budget (each key has its own rate limit)."""
    anet = client(write_api_key="wk3y", write_shared_secret="ws3cret")
    assert anet._write_credentials is not None
    assert anet._limiters.get(anet._credentials) is not anet._limiters.get(
        anet._write_credentials)


async def test_shared_limiter_takes_the_lowest_rate() -> None:
    """Catches a second client on the same key raising the shared rate above the first's."""
    a = client(api_key="rate-key", rate_limit=5)
    b = client(api_key="rate-key", rate_limit=50)
    assert b._limiters.get(b._credentials) is a._limiters.get(a._credentials)
    assert a._limiters.get(a._credentials).rate == 5


# -- with_options ----------------------------------------------------------------------------

async def test_with_options_shares_transport_and_changes_retry(anet: ActiveNet,
                                                               mocked: aioresponses) -> None:
    """Catches with_options copying the transport/stats (a second session, split counters) or
    leaking its retry policy back into the original client."""
    one = RetryPolicy(attempts=1)
    view = anet.with_options(retry=one, concurrency=2)
    assert view._transport is anet._transport and view.stats is anet.stats
    assert view._retry is one and anet._retry is not one
    assert view.concurrency == 2 and anet.concurrency != 2
    assert view._limiters.get(view._credentials) is anet._limiters.get(anet._credentials)

    serve(mocked, ORG, b"", status=503)
    with pytest.raises(ServerError):
        await view.get_organization()
    assert len(sent(mocked)) == 1
    with pytest.raises(ServerError):
        await anet.get_organization()
    assert len(sent(mocked)) == 1 + anet._retry.attempts
    assert anet.stats.requests == 1 + anet._retry.attempts
    assert view.session is anet.session


async def test_with_options_insights_uses_the_view(anet: ActiveNet,
                                                   mocked: aioresponses) -> None:
    """Catches ``view.insights`` still bound to the original client's settings."""
    serve(mocked, "/packagecategories", b"", status=503)
    with pytest.raises(ServerError):
        await anet.with_options(retry=RetryPolicy(attempts=1)).insights \
            .get_package_categories().collect()
    assert len(sent(mocked)) == 1


# -- limits overrides ------------------------------------------------------------------------

async def test_limits_override_page_size(mocked: aioresponses) -> None:
    """Catches the per-client limits table being ignored when checking page_size."""
    async with client(limits={"GetSkipDates": {"page_size": 100}}) as anet:
        assert anet.limits["GetSkipDates"].page_size == 100
        with pytest.raises(RequestValidationError) as info:
            anet.get_skip_dates(facility_id=7, page_size=200)
        assert info.value.argument == "page_size"
        assert anet.get_skip_dates(facility_id=7).page_size == 100
        assert anet.get_skip_dates(facility_id=7, page_size=100).page_size == 100
    assert sent(mocked) == []


async def test_limits_override_does_not_leak_into_other_clients() -> None:
    """Catches an override mutating the shared default table (LIMITS) or another client."""
    default = LIMITS["GetSkipDates"]
    client(limits={"GetSkipDates": {"page_size": 100}})
    other = client()
    assert LIMITS["GetSkipDates"] == default
    assert other.limits["GetSkipDates"] == default
    assert other.get_skip_dates(facility_id=7, page_size=200).page_size == 200


def test_limits_override_accepts_limits_and_method_names() -> None:
    """Catches overrides keyed by method name, or given as a Limits object, being refused."""
    anet = client(limits={"get_skip_dates": Limits(page_size=50)})
    assert anet.limits["GetSkipDates"].page_size == 50


@pytest.mark.parametrize("name", ["GetNothing", "get_nothing", "", "insights.nothing"])
def test_limits_unknown_operation_is_refused(name: str) -> None:
    """Catches a misspelt operation name in ``limits`` being silently ignored."""
    with pytest.raises(RequestValidationError) as info:
        client(limits={name: {"page_size": 10}})
    assert info.value.argument == "limits"


@pytest.mark.parametrize("override", [
    {"page_size": -5}, {"page_size": 0}, {"page_size": True}, {"lists": {"facility_ids": 0}},
    {"window": timedelta(days=-1)},
], ids=["page-size-negative", "page-size-zero", "page-size-bool", "list-cap-zero",
        "window-negative"])
def test_limits_nonsense_override_is_refused(override: dict[str, Any]) -> None:
    """Catches a nonsensical limits override being accepted (the pager would then ask for
    total_records_per_page=-5, or split lists into empty chunks) or a zero page size being
    silently replaced by the default."""
    with pytest.raises(RequestValidationError) as info:
        client(limits={"GetSkipDates": override})
    assert info.value.argument == "limits"


# -- public surface --------------------------------------------------------------------------

# What users may rely on: CONTRACT.md's names, the client and the types of its options and
# results, every error and warning. Changing this set is changing the public API.
PUBLIC = {
    "ActiveNet", "Insights",
    "RetryPolicy", "Limits", "LIMITS", "Limiter", "Permit", "SlidingWindowLimiter",
    "Pager", "Page", "PageWalk", "Slice", "Stats", "CustomerPhoto", "Record",
    "ActiveNetError", "HTTPStatusError", "APIError", "AuthenticationError", "ClockSkewError",
    "DecodeError", "MissingArgumentError", "NotFoundError", "QuotaExceededError",
    "RateLimitError", "RateLimitStoreError", "RequestValidationError", "ServerError",
    "TransportError", "WalkError",
    "ActiveNetWarning", "LenientValueWarning", "SkippedRecordWarning", "UnknownFieldWarning",
    "DecodeReport",
    "__version__",
}


def test_public_names_are_exactly_the_promised_ones() -> None:
    """Catches an internal (the operation table, ``Operation``, ``signature``) leaking into
    ``__all__``, a promised name (``HTTPStatusError``) missing from it, or a name listed twice."""
    assert sorted(activenet_async.__all__) == sorted(PUBLIC)
    assert len(set(activenet_async.__all__)) == len(activenet_async.__all__)
    assert dir(activenet_async) == sorted(PUBLIC)


def test_every_public_name_loads() -> None:
    """Catches a name in ``__all__`` that the package does not define (``import *`` fails)."""
    namespace: dict[str, Any] = {}
    exec("from activenet_async import *", namespace)
    assert set(namespace) - {"__builtins__"} == PUBLIC


@pytest.mark.parametrize("name", ["OPERATIONS", "Operation", "signature", "ActivNet"])
def test_internals_are_not_attributes(name: str) -> None:
    """Catches a removed internal still reachable from the package root (users would come to
    rely on it), or the lazy loader answering a name it does not promise."""
    with pytest.raises(AttributeError, match=name):
        getattr(activenet_async, name)


def _type_checking_names() -> set[str]:
    """The names that ``activenet_async/__init__.py`` imports or declares for type checkers."""
    tree = ast.parse(inspect.getsource(activenet_async))
    block = next(node for node in tree.body if isinstance(node, ast.If)
                 and isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING")
    names = set()
    for node in block.body:
        if isinstance(node, ast.ImportFrom) and node.level:  # the package's own modules
            names |= {alias.asname or alias.name for alias in node.names}
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names.add(node.target.id)
    return names


def test_type_checkers_and_the_run_time_see_the_same_names() -> None:
    """Catches a public name added to one of its three places only: type checkers would call it
    unknown (no import under TYPE_CHECKING), or the run time could not load it (not in
    ``_WHERE``), or ``import *`` would miss it (not in ``__all__``)."""
    public = PUBLIC - {"__version__"}
    assert _type_checking_names() == public
    assert set(activenet_async._WHERE) == public
    for name, where in activenet_async._WHERE.items():
        module = importlib.import_module(where, "activenet_async")
        assert getattr(module, name) is getattr(activenet_async, name), name


def test_http_status_error_is_the_base_of_status_errors() -> None:
    """Catches ``HTTPStatusError`` missing or not the base of the errors that carry an HTTP
    status, so that ``except HTTPStatusError as e: e.status`` misses some."""
    base = activenet_async.HTTPStatusError
    assert issubclass(base, activenet_async.ActiveNetError)
    for name in ("AuthenticationError", "ClockSkewError", "RateLimitError", "QuotaExceededError",
                 "NotFoundError", "ServerError", "APIError", "DecodeError"):
        assert issubclass(getattr(activenet_async, name), base), name
    assert base("gone", status=404).status == 404
    assert activenet_async.NotFoundError("gone", status=596).status == 596


def test_limits_table_is_a_mapping_of_limits() -> None:
    """Catches ``LIMITS`` loaded before the operation modules filled it (an empty table)."""
    assert isinstance(activenet_async.LIMITS, Mapping)
    assert LIMITS["GetActivities"].lists["site_ids"] == 5
    assert all(isinstance(v, Limits) for v in LIMITS.values())


def _own_doc(obj: Any) -> str:
    doc = obj.__dict__.get("__doc__") if inspect.isclass(obj) else obj.__doc__
    doc = (doc or "").strip()
    if inspect.isclass(obj) and doc.startswith(f"{obj.__name__}("):
        return ""  # the signature dataclasses write when there is no docstring
    return doc


def test_public_objects_have_docstrings() -> None:
    """Catches a public class or function of ``__all__`` (or a public method of the client)
    without a docstring of its own."""
    missing = [name for name in activenet_async.__all__
               if (inspect.isclass(obj := getattr(activenet_async, name))
                   or inspect.isfunction(obj)) and not _own_doc(obj)]
    for cls in (activenet_async.ActiveNet, activenet_async.Insights):
        for name, member in inspect.getmembers(cls):
            if name.startswith("_"):
                continue
            if (inspect.isfunction(member) or isinstance(member, property)) and not (
                    inspect.getdoc(member) or "").strip():
                missing.append(f"{cls.__name__}.{name}")
    assert not missing, missing
