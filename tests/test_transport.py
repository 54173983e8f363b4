"""The transport: retries, throttling, error mapping, secrecy of credentials, logging and the
no-retry rule for writes."""

from __future__ import annotations

import asyncio
import logging
import random
import re
import time
import traceback
from collections.abc import Awaitable, Callable
from email.utils import formatdate
from types import SimpleNamespace
from typing import Any
from urllib.parse import parse_qs, urlsplit

import aiohttp
import pytest
from aioresponses import CallbackResult, aioresponses

from activenet_async import (
    ActiveNet,
    ActiveNetError,
    APIError,
    AuthenticationError,
    ClockSkewError,
    DecodeError,
    NotFoundError,
    QuotaExceededError,
    RateLimitError,
    RetryPolicy,
    ServerError,
    TransportError,
)
from activenet_async._http import transport as _transport
from activenet_async._http.retry import retry_after_seconds
from activenet_async._http.transport import Request

from .conftest import BASE, _Response, example, sent

ORG = "/api/v1/organization"
SITES = "/api/v1/sites"
CATS = "/anet-insightsapi/packagecategories"
LOGIN = "/api/v1/validatelogin"
SECRETS = ("k3y", "s3cret", "wk3y", "ws3cret")

Step = Any  # a BaseException, a dict of CallbackResult arguments, or a callable(url) -> either


def script(mocked: aioresponses, path: str, *steps: Step, method: str = "GET") -> None:
    """Answer successive ``method`` requests to ``path`` with ``steps`` in order; the last
    step repeats. A step may be an exception (raised as aiohttp would), a dict of
    CallbackResult arguments, or a function of the request URL returning either."""
    pattern = re.compile(re.escape(BASE) + r"/[^?]*" + re.escape(path) + r"(\?.*)?$")
    count = [0]

    def answer(url: Any, **_: Any) -> CallbackResult:
        step = steps[min(count[0], len(steps) - 1)]
        count[0] += 1
        if callable(step) and not isinstance(step, BaseException):
            step = step(str(url))
        if isinstance(step, BaseException):
            raise step
        kw = dict(step)
        ctype = kw.pop("content_type", "application/json;charset=UTF-8")
        headers = {"Content-Type": ctype, **kw.pop("headers", {})}
        return CallbackResult(method=method, content_type=ctype.split(";")[0], headers=headers,
                              response_class=_Response, **kw)

    mocked.add(pattern, method=method, callback=answer, repeat=True, response_class=_Response)


def ok(name: str) -> dict[str, Any]:
    return {"status": 200, "body": example(name)}


def status(code: int, body: bytes = b"", **kw: Any) -> dict[str, Any]:
    return {"status": code, "body": body, **kw}


THROTTLE_403 = status(403, b"<h1>Developer Over Qps</h1>", content_type="text/xml",
                      headers={"X-Mashery-Error-Code": "ERR_403_DEVELOPER_OVER_QPS",
                               "Retry-After": "0"})
THROTTLE_429 = status(429, b"", headers={"Retry-After": "0"})
HTML_200 = status(200, b"<html><body><h1>504 Gateway Time-out</h1></body></html>",
                  content_type="text/html")
EMPTY_200 = status(200, b"")
TRUNCATED_200 = status(200, example("GetOrganization")[:120])


def fast(anet: ActiveNet, **kw: Any) -> ActiveNet:
    return anet.with_options(retry=RetryPolicy(backoff=0.001, backoff_max=0.002, **kw))


def sigs(mocked: aioresponses) -> set[str]:
    out = set()
    for _, url, _ in sent(mocked):
        out.update(parse_qs(urlsplit(url).query).get("sig", []))
    return out


def assert_no_secrets(err: BaseException, mocked: aioresponses) -> None:
    texts = [str(err), repr(err), "".join(traceback.format_exception(err)),
             repr(err.args)]
    leaked = [s for s in (*SECRETS, *sigs(mocked)) for t in texts if s in t]
    assert not leaked, f"{leaked} in {texts}"


# -- retries on faults -----------------------------------------------------------------------

@pytest.mark.parametrize("code", [500, 502, 503, 504])
async def test_get_retries_5xx_then_succeeds(anet: ActiveNet, mocked: aioresponses,
                                              code: int) -> None:
    """Catches a 5xx answer failing a GET at once instead of being retried."""
    script(mocked, ORG, status(code, b"oops"), status(code, b"oops"), ok("GetOrganization"))
    org = await anet.get_organization()
    assert org.organization_id == 100
    assert len(sent(mocked)) == 3
    assert anet.stats.retries == 2 and anet.stats.requests == 3


@pytest.mark.parametrize("bad", [HTML_200, EMPTY_200, TRUNCATED_200],
                         ids=["html-gateway-page", "empty-body", "truncated-json"])
async def test_get_retries_bad_200_bodies(anet: ActiveNet, mocked: aioresponses,
                                          bad: dict[str, Any]) -> None:
    """Catches an HTML gateway page, an empty body or a truncated JSON body on HTTP 200
    being returned as a result (or failing) instead of retried."""
    script(mocked, ORG, bad, ok("GetOrganization"))
    org = await anet.get_organization()
    assert org.organization_id == 100
    assert len(sent(mocked)) == 2


async def test_pager_retries_truncated_page(anet: ActiveNet, mocked: aioresponses) -> None:
    """Catches the DecodeError retry being wired only into single calls, not into pages."""
    script(mocked, SITES, status(200, example("GetSites")[:50]), ok("GetSites"))
    assert len(await anet.get_sites().collect()) == 1
    assert len(sent(mocked)) == 2


async def test_truncated_body_needing_repair_is_retried(anet: ActiveNet,
                                                        mocked: aioresponses) -> None:
    """Catches a truncated body escaping as a raw msgspec error when its first record needs
    the lenient slow path (a placeholder value, as the reference's own examples hold)."""
    truncated = (b'{"headers":{"response_code":"0000","response_message":"Successful"},'
                 b'"body":[{"organization_id":"mock organization_id data","name":"Or')
    script(mocked, ORG, status(200, truncated), ok("GetOrganization"))
    org = await anet.get_organization()
    assert org.organization_id == 100
    assert len(sent(mocked)) == 2


@pytest.mark.parametrize("exc", [
    aiohttp.ClientConnectionError("Connection reset by peer"),
    aiohttp.ServerDisconnectedError(),
    TimeoutError(),
], ids=["connection-error", "server-disconnected", "timeout"])
async def test_get_retries_connection_faults(anet: ActiveNet, mocked: aioresponses,
                                             exc: BaseException) -> None:
    """Catches a dropped connection or a timeout failing a GET at once."""
    script(mocked, ORG, exc, exc, ok("GetOrganization"))
    assert (await anet.get_organization()).organization_id == 100
    assert len(sent(mocked)) == 3


async def test_insights_retries_too(anet: ActiveNet, mocked: aioresponses) -> None:
    """Catches the Insights API bypassing the retry loop."""
    script(mocked, CATS, status(502), aiohttp.ServerDisconnectedError(),
           ok("insights_packagecategories"))
    cats = await anet.insights.get_package_categories().collect()
    assert len(cats) == 2 and len(sent(mocked)) == 3


@pytest.mark.parametrize(("fault", "error"), [
    (status(500, b"Internal Server Error"), ServerError),
    (status(503, b"busy"), ServerError),
    (HTML_200, ServerError),
    (EMPTY_200, ServerError),
    (aiohttp.ClientConnectionError("Connection reset by peer"), TransportError),
    (aiohttp.ServerDisconnectedError(), TransportError),
    (TimeoutError(), TransportError),
    (TRUNCATED_200, DecodeError),
], ids=["500", "503", "html", "empty", "conn", "disconnect", "timeout", "truncated"])
async def test_get_gives_up_after_attempts(anet: ActiveNet, mocked: aioresponses,
                                           fault: Step, error: type[ActiveNetError]) -> None:
    """Catches retrying forever / the wrong number of times, and a give-up error that does not
    name the operation or has the wrong type."""
    script(mocked, ORG, fault)
    with pytest.raises(error) as info:
        await fast(anet, attempts=3).get_organization()
    assert len(sent(mocked)) == 3
    assert info.value.operation == "GetOrganization"
    assert "GetOrganization" in str(info.value)
    if error is not TransportError:
        assert getattr(info.value, "status", None) == fault["status"]


async def test_get_gives_up_after_attempts_insights(anet: ActiveNet,
                                                    mocked: aioresponses) -> None:
    """Catches the Insights give-up error not naming its operation."""
    script(mocked, CATS, status(503))
    with pytest.raises(ServerError) as info:
        await fast(anet, attempts=2).insights.get_package_categories().collect()
    assert len(sent(mocked)) == 2
    assert info.value.operation == "insights.packagecategories"
    assert "insights.packagecategories" in str(info.value)


# -- throttling ------------------------------------------------------------------------------

@pytest.mark.parametrize("throttle", [THROTTLE_403, THROTTLE_429], ids=["403-qps", "429"])
async def test_throttle_is_retried_and_counted(anet: ActiveNet, mocked: aioresponses,
                                               throttle: dict[str, Any]) -> None:
    """Catches a throttled answer surfacing as an error (or AuthenticationError for 403)
    instead of being waited out, and a throttle that is not counted in stats."""
    script(mocked, ORG, throttle, throttle, ok("GetOrganization"))
    assert (await anet.get_organization()).organization_id == 100
    assert len(sent(mocked)) == 3
    assert anet.stats.throttled == 2


async def test_throttle_detected_from_body_without_header(anet: ActiveNet,
                                                          mocked: aioresponses) -> None:
    """Catches a gateway that names the throttle only in its text/xml body being taken for an
    authentication failure."""
    body = b"<error><code>ERR_403_DEVELOPER_OVER_QPS</code></error>"
    script(mocked, ORG, status(403, body, content_type="text/xml",
                               headers={"Retry-After": "0"}), ok("GetOrganization"))
    await anet.get_organization()
    assert anet.stats.throttled == 1 and len(sent(mocked)) == 2


@pytest.mark.parametrize("throttle", [THROTTLE_403, THROTTLE_429], ids=["403-qps", "429"])
async def test_rate_limit_error_after_throttle_attempts(anet: ActiveNet, mocked: aioresponses,
                                                        throttle: dict[str, Any]) -> None:
    """Catches throttling retried without bound, or raised as anything but RateLimitError."""
    script(mocked, ORG, throttle)
    client = anet.with_options(retry=RetryPolicy(throttle_attempts=2, backoff=0.001))
    with pytest.raises(RateLimitError) as info:
        await client.get_organization()
    assert len(sent(mocked)) == 2
    assert anet.stats.throttled == 2
    assert info.value.operation == "GetOrganization"
    assert info.value.status == throttle["status"]


async def test_throttles_have_their_own_budget(anet: ActiveNet, mocked: aioresponses) -> None:
    """Catches throttled answers eating the fault budget (``attempts``): working at the rate
    limit is normal and must not fail a request that had no fault."""
    script(mocked, ORG, THROTTLE_429, THROTTLE_403, THROTTLE_429, ok("GetOrganization"))
    await fast(anet, attempts=1).get_organization()
    assert len(sent(mocked)) == 4


async def test_throttle_penalizes_the_keys_limiter(anet: ActiveNet,
                                                   mocked: aioresponses) -> None:
    """Catches a throttled answer that does not slow the whole key down (other tasks would keep
    hammering the gateway)."""
    limiter = anet._limiters.get(anet._credentials)
    before = limiter.throttled  # type: ignore[attr-defined]
    script(mocked, ORG, THROTTLE_403, THROTTLE_429, ok("GetOrganization"))
    await anet.get_organization()
    assert limiter.throttled == before + 2  # type: ignore[attr-defined]


async def test_throttle_penalty_honours_retry_after_date(anet: ActiveNet, mocked: aioresponses,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """Catches Retry-After given as an HTTP date being ignored (penalty of the default 1 s)."""
    limiter = anet._limiters.get(anet._credentials)
    penalties: list[float] = []
    monkeypatch.setattr(limiter, "penalize", penalties.append)
    later = formatdate(time.time() + 600, usegmt=True)
    script(mocked, ORG, status(429, headers={"Retry-After": later}), ok("GetOrganization"))
    await anet.get_organization()
    assert len(penalties) == 1 and 500 < penalties[0] <= 601


async def test_quota_exceeded_is_not_retried(anet: ActiveNet, mocked: aioresponses) -> None:
    """Catches the monthly quota error being retried (it cannot succeed for days) or taken for
    a throttle / auth error."""
    script(mocked, ORG, status(403, b"<h1>Developer Over Rate</h1>", content_type="text/xml",
                               headers={"X-Mashery-Error-Code": "ERR_403_DEVELOPER_OVER_RATE"}))
    with pytest.raises(QuotaExceededError) as info:
        await anet.get_organization()
    assert not isinstance(info.value, RateLimitError | AuthenticationError)
    assert len(sent(mocked)) == 1
    assert info.value.operation == "GetOrganization"


# -- authentication --------------------------------------------------------------------------

@pytest.mark.parametrize("answer", [
    status(401, b"<h1>Not Authorized</h1>", content_type="text/html"),
    status(403, b"<h1>Developer Inactive</h1>", content_type="text/xml",
           headers={"X-Mashery-Error-Code": "ERR_403_DEVELOPER_INACTIVE"}),
    status(403, b"<h1>Forbidden</h1>", content_type="text/html"),
], ids=["401", "403-inactive", "403-plain"])
async def test_auth_failure_is_not_retried(anet: ActiveNet, mocked: aioresponses,
                                           answer: dict[str, Any]) -> None:
    """Catches auth failures being retried (they burn quota and cannot succeed) and messages
    that do not tell the user what to check."""
    script(mocked, ORG, answer)
    with pytest.raises(AuthenticationError) as info:
        await anet.get_organization()
    assert type(info.value) is AuthenticationError
    assert len(sent(mocked)) == 1
    msg = str(info.value).lower()
    for word in ("key", "secret", "region", "clock"):
        assert word in msg
    assert info.value.status == answer["status"]


@pytest.mark.parametrize("offset", [600, -600], ids=["server-ahead", "server-behind"])
@pytest.mark.parametrize("code", [401, 403])
async def test_clock_skew_is_diagnosed(anet: ActiveNet, mocked: aioresponses, offset: int,
                                       code: int) -> None:
    """Catches a signature refused because of a wrong local clock being reported as a bad
    key instead of ClockSkewError."""
    date = formatdate(time.time() + offset, usegmt=True)
    script(mocked, ORG, status(code, b"<h1>Not Authorized</h1>", content_type="text/html",
                               headers={"Date": date}))
    with pytest.raises(ClockSkewError) as info:
        await anet.get_organization()
    assert isinstance(info.value, AuthenticationError)
    assert "clock" in str(info.value)
    assert len(sent(mocked)) == 1


async def test_small_clock_difference_is_plain_auth_error(anet: ActiveNet,
                                                          mocked: aioresponses) -> None:
    """Catches every auth failure being blamed on the clock."""
    script(mocked, ORG, status(401, headers={"Date": formatdate(time.time(), usegmt=True)}))
    with pytest.raises(AuthenticationError) as info:
        await anet.get_organization()
    assert not isinstance(info.value, ClockSkewError)


# -- not found and API errors ----------------------------------------------------------------

async def test_404_is_not_found(anet: ActiveNet, mocked: aioresponses) -> None:
    """Catches 404 being retried or mapped to a generic error."""
    script(mocked, ORG, status(404, b"<h1>Not Found</h1>", content_type="text/html"))
    with pytest.raises(NotFoundError) as info:
        await anet.get_organization()
    assert len(sent(mocked)) == 1 and info.value.status == 404


async def test_insights_596_is_not_found_not_server_error(anet: ActiveNet,
                                                          mocked: aioresponses) -> None:
    """Catches the Insights gateway's 596 (unknown service) being treated as a 5xx and
    retried."""
    script(mocked, CATS, status(596, b"<h1>Service Not Found</h1>", content_type="text/html"))
    with pytest.raises(NotFoundError) as info:
        await anet.insights.get_package_categories().collect()
    assert len(sent(mocked)) == 1 and info.value.status == 596


async def test_insights_error_msg_is_api_error(anet: ActiveNet, mocked: aioresponses) -> None:
    """Catches an Insights ``{"errorMsg": ...}`` 400 losing its message or being retried."""
    script(mocked, CATS, status(400, b'{"errorMsg": "Unknown parameters: [x]"}'))
    with pytest.raises(APIError) as info:
        await anet.insights.get_package_categories().collect()
    assert "Unknown parameters: [x]" in str(info.value)
    assert info.value.status == 400
    assert len(sent(mocked)) == 1


async def test_system_error_code_on_http_200(anet: ActiveNet, mocked: aioresponses) -> None:
    """Catches a System ``response_code`` error on HTTP 200 decoding as an empty/normal result,
    or losing its code."""
    body = (b'{"headers":{"response_code":"0016","response_message":"Invalid parameter"},'
            b'"body":[]}')
    script(mocked, SITES, status(200, body))
    with pytest.raises(APIError) as info:
        await anet.get_sites().collect()
    assert info.value.code == "0016"
    assert "Invalid parameter" in str(info.value)
    assert len(sent(mocked)) == 1


async def test_no_results_code_is_empty(anet: ActiveNet, mocked: aioresponses) -> None:
    """Catches "0001 No Results Found" being raised as an APIError."""
    body = b'{"headers":{"response_code":"0001","response_message":"No Results Found"},"body":[]}'
    script(mocked, SITES, status(200, body))
    assert await anet.get_sites().collect() == []


# -- no secrets in errors --------------------------------------------------------------------

def _url_echo() -> Callable[[str], BaseException]:
    def fail(url: str) -> BaseException:
        return aiohttp.ClientConnectionError(f"Connection reset while requesting GET {url}")
    return fail


SECRET_CASES: dict[str, tuple[str, list[Step], type[ActiveNetError]]] = {
    "server": (ORG, [status(500, b"Internal Server Error")], ServerError),
    "gateway-page": (ORG, [HTML_200], ServerError),
    "decode": (ORG, [TRUNCATED_200], DecodeError),
    "transport-url": (ORG, [_url_echo()], TransportError),
    "timeout": (ORG, [TimeoutError()], TransportError),
    "rate-limit": (ORG, [THROTTLE_403], RateLimitError),
    "quota": (ORG, [status(403, headers={
        "X-Mashery-Error-Code": "ERR_403_DEVELOPER_OVER_RATE"})], QuotaExceededError),
    "auth": (ORG, [status(401, b"<h1>Not Authorized</h1>")], AuthenticationError),
    "clock": (ORG, [status(403, headers={"Date": formatdate(time.time() - 600, usegmt=True)})],
              ClockSkewError),
    "not-found": (ORG, [status(404)], NotFoundError),
    "insights-596": (CATS, [status(596)], NotFoundError),
    "insights-errormsg": (CATS, [status(400, b'{"errorMsg": "Unknown parameters: [x]"}')],
                          APIError),
    "api-code": (ORG, [status(200, b'{"headers":{"response_code":"0016",'
                                   b'"response_message":"Invalid"},"body":[]}')], APIError),
}


async def _call(anet: ActiveNet, path: str) -> Any:
    client = anet.with_options(retry=RetryPolicy(attempts=2, throttle_attempts=2,
                                                 backoff=0.001, backoff_max=0.002))
    if path == CATS:
        return await client.insights.get_package_categories().collect()
    return await client.get_organization()


@pytest.mark.parametrize("case", list(SECRET_CASES))
async def test_errors_never_show_credentials(anet: ActiveNet, mocked: aioresponses,
                                             case: str) -> None:
    """Catches the api_key, the shared secret or a request's sig showing in str/repr of an
    error or in its formatted traceback (a URL with its query string in an aiohttp message,
    chained exceptions, ...)."""
    path, steps, error = SECRET_CASES[case]
    script(mocked, path, *steps)
    with pytest.raises(error) as info:
        await _call(anet, path)
    assert sigs(mocked), "the request was not signed"
    assert_no_secrets(info.value, mocked)


def _echo(kind: str) -> Callable[[str], dict[str, Any]]:
    """A server that quotes the request URL (query string and all) in its error body."""
    def answer(url: str) -> dict[str, Any]:
        q = urlsplit(url).query
        text = f"rejected {url} ({q})"
        if kind == "html":
            return status(502, f"<html><body>{text}</body></html>".encode(),
                          content_type="text/html")
        if kind == "auth-json":
            return status(401, b'{"errorMsg": "%s"}' % text.encode())
        if kind == "insights":
            return status(400, b'{"errorMsg": "%s"}' % text.encode())
        return status(200, b'{"headers":{"response_code":"0016","response_message":"%s"},'
                           b'"body":[]}' % text.encode())
    return answer


async def test_echoed_url_in_gateway_page_is_scrubbed(anet: ActiveNet,
                                                      mocked: aioresponses) -> None:
    """Catches a gateway error page that quotes the request URL leaking it into the error."""
    script(mocked, ORG, _echo("html"))
    with pytest.raises(ServerError) as info:
        await _call(anet, ORG)
    assert_no_secrets(info.value, mocked)


@pytest.mark.parametrize("kind", ["auth-json", "insights", "api-code"])
async def test_echoed_url_in_api_message_is_scrubbed(anet: ActiveNet, mocked: aioresponses,
                                                     kind: str) -> None:
    """Catches an API error message (errorMsg / response_message) that quotes the request URL
    carrying api_key and sig into str(err)."""
    path = CATS if kind == "insights" else ORG
    script(mocked, path, _echo(kind))
    with pytest.raises(ActiveNetError) as info:
        await _call(anet, path)
    assert_no_secrets(info.value, mocked)


def _bare_echo(kind: str) -> Callable[[str], dict[str, Any]]:
    """A server that names the key and the signature in its message, outside any query."""
    def answer(url: str) -> dict[str, Any]:
        q = parse_qs(urlsplit(url).query)
        text = f"developer key {q['api_key'][0]} with signature {q['sig'][0]} refused"
        if kind == "auth-json":
            return status(401, b'{"errorMsg": "%s"}' % text.encode())
        if kind == "insights":
            return status(400, b'{"errorMsg": "%s"}' % text.encode())
        if kind == "html":
            return status(503, f"<html><body>{text}</body></html>".encode(),
                          content_type="text/html")
        return status(200, b'{"headers":{"response_code":"0016","response_message":"%s"},'
                           b'"body":[]}' % text.encode())
    return answer


@pytest.mark.parametrize("kind", [
    "auth-json",
    "insights",
    "html",
    "api-code",
])
async def test_bare_key_and_sig_in_server_message_are_scrubbed(
        anet: ActiveNet, mocked: aioresponses, kind: str) -> None:
    """Catches an error message that repeats the key or the signature as plain words (not as
    ``api_key=`` / ``sig=``) reaching str(err): scrubbing must also remove the literal
    values."""
    path = CATS if kind == "insights" else ORG
    script(mocked, path, _bare_echo(kind))
    with pytest.raises(ActiveNetError) as info:
        await _call(anet, path)
    assert_no_secrets(info.value, mocked)


# -- logging ---------------------------------------------------------------------------------

async def test_debug_log_one_line_per_request_without_credentials(
        anet: ActiveNet, mocked: aioresponses, caplog: pytest.LogCaptureFixture) -> None:
    """Catches missing/duplicated request log lines and log lines that show the URL query
    (api_key, sig) or the secret."""
    caplog.set_level(logging.DEBUG, logger="activenet_async")
    script(mocked, ORG, status(503), aiohttp.ServerDisconnectedError(), ok("GetOrganization"))
    await anet.get_organization()
    lines = [r.getMessage() for r in caplog.records if r.name.startswith("activenet_async")]
    assert len(lines) == 3 == len(sent(mocked))
    for line, code in zip(lines, ("503", "-", "200"), strict=True):
        assert line.startswith("GET ")
        assert "/anet-systemapi-sec/orgtest/api/v1/organization" in line
        assert f"status={code}" in line
    text = "\n".join(lines) + caplog.text
    for secret in (*SECRETS, *sigs(mocked)):
        assert secret not in text


async def test_debug_log_for_writes_hides_write_key(
        anet: ActiveNet, mocked: aioresponses, caplog: pytest.LogCaptureFixture) -> None:
    """Catches the write key or its signature showing in the log of a POST."""
    caplog.set_level(logging.DEBUG, logger="activenet_async")
    script(mocked, LOGIN, ok("GetValidateLogin"), method="POST")
    await anet.post_validate_login(login_name="x", password="pw-s3cret-value")
    lines = [r.getMessage() for r in caplog.records if r.name.startswith("activenet_async")]
    assert len(lines) == 1 and lines[0].startswith("POST ") and "status=200" in lines[0]
    for secret in (*SECRETS, *sigs(mocked), "pw-s3cret-value"):
        assert secret not in caplog.text


# -- writes ----------------------------------------------------------------------------------

def _login(anet: ActiveNet) -> Awaitable[Any]:
    return anet.post_validate_login(login_name="someone", password="pw")


@pytest.mark.parametrize(("fault", "error"), [
    (status(500, b"Internal Server Error"), ServerError),
    (status(503, b"busy"), ServerError),
    (aiohttp.ServerDisconnectedError(), TransportError),
    (aiohttp.ClientConnectionError("Connection reset by peer"), TransportError),
    (TimeoutError(), TransportError),
    (TRUNCATED_200, DecodeError),
], ids=["500", "503", "disconnect", "reset", "timeout", "truncated"])
async def test_post_that_may_have_arrived_is_sent_once(anet: ActiveNet, mocked: aioresponses,
                                                       fault: Step,
                                                       error: type[ActiveNetError]) -> None:
    """Catches a POST being retried after it may have reached the server (a duplicate
    customer, a second charge)."""
    script(mocked, LOGIN, fault, ok("GetValidateLogin"), method="POST")
    with pytest.raises(error) as info:
        await _login(anet)
    assert [m for m, _, _ in sent(mocked)] == ["POST"]
    assert info.value.operation == "GetValidateLogin"
    assert_no_secrets(info.value, mocked)


async def test_post_refused_connection_may_be_retried(anet: ActiveNet,
                                                      mocked: aioresponses) -> None:
    """Catches a POST whose connection was never opened (ClientConnectorError) not being
    retried: nothing reached the server, so trying again is safe."""
    key = SimpleNamespace(host="127.0.0.1", port=9, ssl=True)
    refused = aiohttp.ClientConnectorError(key, ConnectionRefusedError(111, "Connection refused"))
    script(mocked, LOGIN, refused, ok("GetValidateLogin"), method="POST")
    result = await _login(anet)
    assert isinstance(result, list) and len(result) == 1
    assert [m for m, _, _ in sent(mocked)] == ["POST", "POST"]


async def test_throttled_post_is_retried(anet: ActiveNet, mocked: aioresponses) -> None:
    """Catches a throttled POST failing: the gateway refused it before passing it on, so it
    is safe to send again."""
    script(mocked, LOGIN, THROTTLE_403, THROTTLE_429, ok("GetValidateLogin"), method="POST")
    result = await _login(anet)
    assert len(result) == 1
    assert len(sent(mocked)) == 3 and anet.stats.throttled == 2


async def test_transport_put_is_sent_once(anet: ActiveNet, mocked: aioresponses) -> None:
    """Catches the no-retry rule covering POST only: a PUT (sent straight through the
    transport) answered 502 is sent once."""
    script(mocked, "/api/v1/customers", status(502), method="PUT")
    url = anet._endpoints.system("customers", signed=True, write=True)
    with pytest.raises(ServerError):
        await anet._transport.send(Request("PUT", url, "PutCustomers", anet._credentials,
                                           body=b"{}"))
    assert len(sent(mocked)) == 1


# -- Retry-After and RetryPolicy -------------------------------------------------------------

def test_retry_after_seconds_forms() -> None:
    """Catches Retry-After parsing that ignores HTTP dates, goes negative for past dates, or
    fails on garbage."""
    assert retry_after_seconds("7", 1.0) == 7.0
    assert retry_after_seconds("0", 1.0) == 0.0
    assert retry_after_seconds("-3", 1.0) == 0.0
    assert retry_after_seconds(None, 1.5) == 1.5
    assert retry_after_seconds("", 1.5) == 1.5
    assert retry_after_seconds("soon", 1.5) == 1.5
    future = retry_after_seconds(formatdate(time.time() + 3600, usegmt=True), 1.0)
    assert 3500 < future <= 3601
    assert retry_after_seconds(formatdate(time.time() - 3600, usegmt=True), 1.0) == 0.0


async def test_transport_waits_for_retry_after_on_5xx(anet: ActiveNet, mocked: aioresponses,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """Catches a 503's Retry-After (seconds or HTTP date) being ignored in favour of the short
    backoff."""
    slept: list[float] = []

    async def sleep(seconds: float) -> None:
        slept.append(seconds)

    monkeypatch.setattr(_transport, "asyncio",
                        SimpleNamespace(sleep=sleep, TimeoutError=asyncio.TimeoutError))
    later = formatdate(time.time() + 600, usegmt=True)
    script(mocked, ORG, status(503, headers={"Retry-After": "42"}),
           status(503, headers={"Retry-After": later}), ok("GetOrganization"))
    await anet.get_organization()
    assert len(slept) == 2
    assert slept[0] >= 42 and 500 < slept[1] <= 601


@pytest.mark.parametrize("kwargs", [
    {"attempts": 0}, {"attempts": -1}, {"throttle_attempts": 0}, {"backoff": -0.1},
    {"backoff_max": -1}, {"timeout": 0},
])
def test_retry_policy_validation(kwargs: dict[str, Any]) -> None:
    """Catches a policy that would never try (attempts < 1) or wait a negative time."""
    with pytest.raises(ValueError):
        RetryPolicy(**kwargs)
    with pytest.raises(ValueError):
        RetryPolicy().with_(**kwargs)


def test_retry_policy_delay_is_bounded() -> None:
    """Catches backoff growing past backoff_max (a client stuck for minutes) or going
    negative."""
    policy = RetryPolicy(backoff=0.5, backoff_max=3.0)
    rng = random.Random(1)
    delays = [policy.delay(n, rng) for n in range(1, 60) for _ in range(5)]
    assert all(0 <= d <= 3.0 for d in delays)
    assert max(policy.delay(1, rng) for _ in range(50)) <= 0.5
    assert RetryPolicy(backoff=0).delay(5) == 0


def test_retry_policy_delay_bounded_for_many_failures() -> None:
    """Catches backoff arithmetic that overflows when a caller allows very many attempts."""
    policy = RetryPolicy(attempts=5000, backoff=0.5, backoff_max=3.0)
    assert 0 <= policy.delay(2000, random.Random(1)) <= 3.0
