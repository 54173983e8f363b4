"""Secrets stay secret, TLS stays on, plain http stays local, clock skew is named.

The api_key, the shared secret (read and write) and every signature the client computed
during a test are looked for in: the DEBUG log of ``activenet_async``, str/repr/args/attributes
of the error, its rendered traceback (chained causes included), and the reprs of the client,
its namespaces, credentials and pagers. Errors come from real loopback failures (a refused
port, a timeout, a dropped connection, the fake server's 403s, 500s, truncated bodies and
error codes, mid-walk and on writes) and from aiohttp errors whose message quotes the full
request URL, query string and all.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import os
import re
import shutil
import socket
import ssl
import subprocess
import time
import traceback
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable
from datetime import date
from email.utils import formatdate
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import aiohttp
import pytest
from aiohttp import web
from aioresponses import CallbackResult, aioresponses
from multidict import CIMultiDict, CIMultiDictProxy
from yarl import URL

from activenet_async import (
    ActiveNet,
    ActiveNetError,
    APIError,
    AuthenticationError,
    ClockSkewError,
    DecodeError,
    QuotaExceededError,
    RequestValidationError,
    RetryPolicy,
    ServerError,
    TransportError,
)
from activenet_async._http.auth import Credentials
from activenet_async.testing import FakeActiveNet

from ..conftest import _Response

KEY, SECRET = "AKEY0d7c3f9e21b84a6f", "SSEC5b1e8a7c44d2f903"
WKEY, WSECRET = "WKEY93a1c0ffee7712ab", "WSEC0be7f00d5a5a3c21"
SECRETS = (KEY, SECRET, WKEY, WSECRET)
FAST = RetryPolicy(attempts=2, throttle_attempts=2, backoff=0.001, backoff_max=0.005,
                   timeout=5.0)
ORG_BODY = (b'{"headers": {"response_code": "0000", "response_message": "Successful"}, '
            b'"body": [{"org_name": "Test Org"}]}')


def signatures(since: float) -> set[str]:
    """Every signature either key could have sent between ``since`` and now (+/- 2 s)."""
    out = set()
    for t in range(int(since) - 2, int(time.time()) + 3):
        for k, s in ((KEY, SECRET), (WKEY, WSECRET)):
            out.add(hashlib.sha256(f"{k}{s}{t}".encode()).hexdigest())
    return out


def rendered(err: BaseException) -> list[str]:
    """Every way an error is commonly shown."""
    texts = [str(err), repr(err), "".join(traceback.format_exception(err)), repr(err.args),
             repr(vars(err))]
    cause = err.__cause__ or (None if err.__suppress_context__ else err.__context__)
    while cause is not None:
        texts += [str(cause), repr(cause)]
        cause = cause.__cause__ or (None if cause.__suppress_context__ else cause.__context__)
    return texts


def object_reprs(anet: ActiveNet) -> list[str]:
    objs: list[Any] = [anet, anet.insights, anet._credentials, anet._write_credentials,
                       Credentials(KEY, SECRET), anet.get_sites(),
                       anet.insights.get_memberships(modified_date_from=date(2024, 1, 1),
                                                     modified_date_to=date(2024, 3, 1)),
                       anet.stats, anet.with_options()]
    return [f(o) for o in objs for f in (repr, str)]


def assert_clean(texts: list[str], since: float, *, sent: Iterable[str] = ()) -> None:
    secrets = (*SECRETS, *signatures(since), *sent)
    leaked = sorted({s for s in secrets for t in texts if s in t})
    assert not leaked, f"leaked {leaked} in {[t for t in texts if any(s in t for s in leaked)]}"


def sent_sigs(fake: FakeActiveNet) -> set[str]:
    return {e.params["sig"] for e in fake.log if "sig" in e.params}


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
async def fake() -> AsyncIterator[FakeActiveNet]:
    async with FakeActiveNet(api_key=KEY, shared_secret=SECRET, write_api_key=WKEY,
                             write_shared_secret=WSECRET) as server:
        yield server


# -- error paths against real loopback servers --------------------------------------------------

async def _walk(anet: ActiveNet) -> None:
    async for _ in anet.insights.get_memberships(modified_date_from=date(2024, 1, 1),
                                                 modified_date_to=date(2024, 3, 31),
                                                 page_size=10):
        pass


async def _sites(anet: ActiveNet) -> None:
    await anet.get_sites().collect()


Case = tuple[Callable[[FakeActiveNet], None], Callable[[ActiveNet], Awaitable[Any]],
             type[ActiveNetError], dict[str, Any]]
CASES: dict[str, Case] = {
    "timeout": (lambda f: f.inject("delay", times=99, seconds=1.0), _sites, TransportError,
                {"retry": FAST.with_(timeout=0.2)}),
    "dropped": (lambda f: f.inject("drop", times=99), _sites, TransportError, {}),
    "quota-mid-walk": (lambda f: f.inject("quota", op="insights.memberships", page=4), _walk,
                       QuotaExceededError, {}),
    "refused-403": (lambda f: f.inject("auth", times=99), lambda a: a.get_organization(),
                    AuthenticationError, {}),
    "wrong-secret": (lambda f: None, lambda a: a.get_organization(), AuthenticationError,
                     {"shared_secret": SECRET[::-1]}),
    "500": (lambda f: f.inject("500", times=99), _walk, ServerError, {}),
    "gateway-page": (lambda f: f.inject("html", times=99), _sites, ServerError, {}),
    "decode": (lambda f: f.inject("truncate", times=99), _sites, DecodeError, {}),
    "api-code": (lambda f: f.inject("code", op="GetSites"), _sites, APIError, {}),
    "write-refused": (lambda f: f.inject("auth", op="PostCustomers"),
                      lambda a: a.post_customers(body=[{"first_name": "Ann"}]),
                      AuthenticationError, {}),
    "write-dropped": (lambda f: f.inject("drop", op="PostCustomers"),
                      lambda a: a.post_customers(body=[{"first_name": "Ann"}]),
                      TransportError, {}),
}


@pytest.mark.parametrize("case", list(CASES))
async def test_loopback_failures_never_show_credentials(
        fake: FakeActiveNet, caplog: pytest.LogCaptureFixture, case: str) -> None:
    """Catches: the key, the secret or a signature sent reaching a log line, an error's
    str/repr/args/attributes or its rendered traceback, on each failure a real connection
    can produce (timeouts, dropped connections, gateway refusals, quota mid-walk, a wrong
    secret, 5xx, gateway pages, truncated bodies, API error codes, refused or dropped
    writes)."""
    caplog.set_level(logging.DEBUG, logger="activenet_async")
    arrange, act, error, opts = CASES[case]
    arrange(fake)
    since = time.time()
    async with fake.client(**{"retry": FAST, **opts}) as anet:
        with pytest.raises(error) as info:
            async with asyncio.timeout(30):
                await act(anet)
        texts = [*rendered(info.value), *object_reprs(anet), caplog.text]
    assert sent_sigs(fake), "nothing signed reached the server"
    assert any(r.name.startswith("activenet_async") for r in caplog.records)
    assert_clean(texts, since, sent=sent_sigs(fake))
    if "wrong" in case:
        assert_clean(texts, since, sent={SECRET[::-1]})


async def test_connection_refused_never_shows_credentials(
        caplog: pytest.LogCaptureFixture) -> None:
    """Catches: the credentials in the error (or the log) of a connection that could not be
    opened at all, where aiohttp names the host it tried."""
    caplog.set_level(logging.DEBUG, logger="activenet_async")
    since = time.time()
    async with ActiveNet(org="orgtest", api_key=KEY, shared_secret=SECRET, write_api_key=WKEY,
                         write_shared_secret=WSECRET, rate_limit=100, retry=FAST,
                         base_url=f"http://127.0.0.1:{closed_port()}") as anet:
        with pytest.raises(TransportError) as info:
            await anet.get_organization()
        with pytest.raises(TransportError) as winfo:
            await anet.post_customers(body=[{"first_name": "Ann"}])
        texts = [*rendered(info.value), *rendered(winfo.value), *object_reprs(anet),
                 caplog.text]
    assert_clean(texts, since)


# -- aiohttp errors that quote the full URL -----------------------------------------------------

def _request_info(url: URL) -> aiohttp.RequestInfo:
    headers = CIMultiDictProxy(CIMultiDict({"page_info": "{}"}))
    return aiohttp.RequestInfo(url, "GET", headers, url)


URL_ERRORS: dict[str, Callable[[URL], BaseException]] = {
    "response-error": lambda u: aiohttp.ClientResponseError(
        _request_info(u), (), status=502, message=f"Bad Gateway for {u}"),
    "invalid-url": lambda u: aiohttp.InvalidURL(u, f"cannot parse {u}"),
    "connection": lambda u: aiohttp.ClientConnectionError(f"Connection reset for GET {u}"),
    "payload": lambda u: aiohttp.ClientPayloadError(f"Response payload is not completed: {u}"),
    "os-error": lambda u: aiohttp.ClientOSError(104, f"Connection reset by peer ({u})"),
    "redirects": lambda u: aiohttp.TooManyRedirects(_request_info(u), ()),
    "proxy": lambda u: aiohttp.ClientHttpProxyError(_request_info(u), (), status=407,
                                                    message=f"proxy refused {u}"),
}


@pytest.mark.parametrize("kind", list(URL_ERRORS))
@pytest.mark.parametrize("api", ["system", "insights-walk", "write"])
async def test_aiohttp_errors_quoting_the_url_are_scrubbed(
        kind: str, api: str, caplog: pytest.LogCaptureFixture) -> None:
    """Catches: an aiohttp exception whose message (or request_info) holds the request URL
    with ``api_key=...&sig=...`` reaching the TransportError's text, its traceback or the
    log."""
    caplog.set_level(logging.DEBUG, logger="activenet_async")
    urls: list[URL] = []

    def fail(url: URL, **_: Any) -> CallbackResult:
        urls.append(url)
        raise URL_ERRORS[kind](url)

    since = time.time()
    with aioresponses() as mocked:
        mocked.add(re.compile(r"http://127\.0\.0\.1:9/.*"), method="POST" if api == "write"
                   else "GET", callback=fail, repeat=True, response_class=_Response)
        async with ActiveNet(org="orgtest", api_key=KEY, shared_secret=SECRET,
                             write_api_key=WKEY, write_shared_secret=WSECRET,
                             base_url="http://127.0.0.1:9", rate_limit=1000, retry=FAST
                             ) as anet:
            with pytest.raises(TransportError) as info:
                if api == "system":
                    await anet.get_organization()
                elif api == "write":
                    await anet.post_customers(body=[{"first_name": "Ann"}])
                else:
                    await _walk(anet)
            texts = [*rendered(info.value), *object_reprs(anet), caplog.text]
    assert urls and all("sig=" in str(u) for u in urls)
    sigs = {u.query["sig"] for u in urls}
    assert_clean(texts, since, sent=sigs)


# -- TLS ------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def tls_files(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1 (made with the openssl command)."""
    openssl = shutil.which("openssl")
    if openssl is None:
        # The TLS checks guard against sending the key over an unverified connection: CI
        # (ACTIVENET_REQUIRE_SERVERS=1) fails rather than skipping them, as for the servers.
        reason = "no openssl command to make a test certificate (apt-get install openssl)"
        if os.environ.get("ACTIVENET_REQUIRE_SERVERS") == "1":
            pytest.fail(reason)
        pytest.skip(reason)
    d = tmp_path_factory.mktemp("tls")
    cert, key = d / "cert.pem", d / "key.pem"
    subprocess.run([openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                    "-keyout", str(key), "-out", str(cert), "-subj", "/CN=127.0.0.1",
                    "-addext", "subjectAltName=IP:127.0.0.1"],
                   check=True, capture_output=True, timeout=60)
    return cert, key


@pytest.fixture
async def https_server(tls_files: tuple[Path, Path]) -> AsyncIterator[SimpleNamespace]:
    """An https server on 127.0.0.1 answering every request with one organization record."""
    cert, key = tls_files
    seen: list[str] = []

    async def handle(request: web.Request) -> web.Response:
        seen.append(request.path)
        return web.Response(body=ORG_BODY, content_type="application/json")

    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", handle)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ctx.load_cert_chain(cert, key)
    site = web.TCPSite(runner, "127.0.0.1", 0, ssl_context=ctx)
    await site.start()
    port = runner.addresses[0][1]
    try:
        yield SimpleNamespace(url=f"https://127.0.0.1:{port}", seen=seen, cert=cert)
    finally:
        await runner.cleanup()


def _client(base_url: str, **kw: Any) -> ActiveNet:
    return ActiveNet(org="orgtest", api_key=KEY, shared_secret=SECRET, base_url=base_url,
                     rate_limit=1000, retry=RetryPolicy(attempts=1, timeout=10), **kw)


async def test_tls_certificates_are_verified_by_default(https_server: SimpleNamespace) -> None:
    """Catches: a default client that accepts a certificate no trusted authority signed
    (verification off by default, ssl=False slipped into the connector): the request must
    fail in the handshake, before any HTTP request reaches the server, without showing the
    credentials."""
    since = time.time()
    async with _client(https_server.url) as anet:
        with pytest.raises(TransportError) as info:
            await anet.get_organization()
    assert "certificate" in str(info.value).lower()
    assert https_server.seen == []
    assert_clean(rendered(info.value), since)


async def test_custom_ssl_context_is_used(https_server: SimpleNamespace) -> None:
    """Catches: ``ssl=`` being ignored (the default context would refuse this certificate,
    so success proves the caller's context made the handshake)."""
    ctx = ssl.create_default_context(cafile=str(https_server.cert))
    async with _client(https_server.url, ssl=ctx) as anet:
        org = await anet.get_organization(raw=True)
        assert org["org_name"] == "Test Org"
        assert anet.session is not None and anet.session.connector is not None
        assert anet.session.connector._ssl is ctx  # type: ignore[attr-defined]
    assert https_server.seen == ["/anet-systemapi-sec/orgtest/api/v1/organization"]


async def test_verification_can_be_switched_off_explicitly(
        https_server: SimpleNamespace) -> None:
    """Catches: ``ssl=False`` (the documented opt-out for test servers) not reaching the
    connector."""
    async with _client(https_server.url, ssl=False) as anet:
        assert (await anet.get_organization(raw=True))["org_name"] == "Test Org"


# -- proxy ----------------------------------------------------------------------------------------

@pytest.fixture
async def proxy() -> AsyncIterator[SimpleNamespace]:
    """A minimal HTTP proxy on 127.0.0.1: records each request line, answers plain requests
    with one organization record and refuses CONNECT tunnels."""
    lines: list[str] = []

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            head = await reader.readuntil(b"\r\n\r\n")
            line = head.split(b"\r\n", 1)[0].decode()
            lines.append(line)
            if line.startswith("CONNECT "):
                writer.write(b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n"
                             b"Connection: close\r\n\r\n")
            else:
                writer.write(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                             b"Content-Length: %d\r\nConnection: close\r\n\r\n%s"
                             % (len(ORG_BODY), ORG_BODY))
            await writer.drain()
        finally:
            writer.close()

    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    try:
        yield SimpleNamespace(url=f"http://127.0.0.1:{port}", lines=lines)
    finally:
        server.close()
        await server.wait_closed()


async def test_requests_go_through_the_proxy(proxy: SimpleNamespace) -> None:
    """Catches: ``proxy=`` being ignored (the target port is closed: only the proxy can
    answer) or the request not being sent in the proxy's absolute form."""
    port = closed_port()
    async with _client(f"http://127.0.0.1:{port}", proxy=proxy.url) as anet:
        org = await anet.get_organization(raw=True)
    assert org["org_name"] == "Test Org"
    assert len(proxy.lines) == 1
    assert proxy.lines[0].startswith(
        f"GET http://127.0.0.1:{port}/anet-systemapi-sec/orgtest/api/v1/organization?")


async def test_https_through_the_proxy_uses_a_tunnel(proxy: SimpleNamespace) -> None:
    """Catches: an https request handed to the proxy in clear (absolute-form GET with the
    key in its query) instead of through a CONNECT tunnel; the refused tunnel must surface
    as TransportError without the credentials."""
    since = time.time()
    async with _client("https://127.0.0.1:9", proxy=proxy.url) as anet:
        with pytest.raises(TransportError) as info:
            await anet.get_organization()
    assert proxy.lines == ["CONNECT 127.0.0.1:9 HTTP/1.1"]
    assert_clean(rendered(info.value), since)


# -- plain http ---------------------------------------------------------------------------------

REMOTE_HTTP = ["http://api.amp.active.com", "http://10.0.0.7:8080", "HTTP://example.com/",
               "http://127.0.0.1.nip.io", "http://localhost.example.com",
               "http://127.0.0.1@evil.example", "http://0x7f000001", "http://2130706433",
               "http://[2001:db8::1]:80"]
LOCAL_HTTP = ["http://127.0.0.1:8080", "http://localhost:1", "http://[::1]:8080",
              "http://127.10.20.30", "https://api.amp.active.com", "https://10.0.0.7"]


@pytest.mark.parametrize("url", REMOTE_HTTP)
def test_plain_http_to_a_remote_host_is_refused(url: str) -> None:
    """Catches: a plain-http base_url to a host that is not loopback (including hosts that
    only look local: 127.0.0.1.nip.io, userinfo tricks, numeric forms) being accepted, which
    would send the key in clear; and the flag that allows it not working."""
    with pytest.raises(RequestValidationError) as info:
        ActiveNet(org="orgtest", api_key=KEY, shared_secret=SECRET, base_url=url)
    assert info.value.argument == "base_url"
    assert "allow_insecure_http" in str(info.value)
    assert_clean(rendered(info.value), time.time())
    anet = ActiveNet(org="orgtest", api_key=KEY, shared_secret=SECRET, base_url=url,
                     allow_insecure_http=True)
    assert anet.session is None


@pytest.mark.parametrize("url", LOCAL_HTTP)
def test_loopback_http_and_any_https_are_accepted(url: str) -> None:
    """Catches: the plain-http guard refusing loopback test servers or https."""
    ActiveNet(org="orgtest", api_key=KEY, shared_secret=SECRET, base_url=url)


# -- clock skew ---------------------------------------------------------------------------------

@pytest.mark.parametrize("offset", [600, -600, 3600])
@pytest.mark.parametrize("where", ["call", "walk", "write"])
async def test_clock_skew_is_reported_as_such(offset: int, where: str) -> None:
    """Catches: a signature refused because this machine's clock is minutes off (the gateway's
    Date header says so) being reported as a bad key: it must be ClockSkewError saying the
    clock is off, by how much and which way, on calls, walks and writes alike."""
    refused = {"status": 403, "body": b"<h1>Not Authorized</h1>",
               "headers": {"Content-Type": "text/xml",
                           "X-Mashery-Error-Code": "ERR_403_NOT_AUTHORIZED",
                           "Date": formatdate(time.time() + offset, usegmt=True)}}
    since = time.time()
    with aioresponses() as mocked:
        mocked.add(re.compile(r"http://127\.0\.0\.1:9/.*"), method="POST" if where == "write"
                   else "GET", repeat=True, response_class=_Response, **refused)
        async with ActiveNet(org="orgtest", api_key=KEY, shared_secret=SECRET,
                             write_api_key=WKEY, write_shared_secret=WSECRET,
                             base_url="http://127.0.0.1:9", rate_limit=1000, retry=FAST
                             ) as anet:
            with pytest.raises(ClockSkewError) as info:
                if where == "call":
                    await anet.get_organization()
                elif where == "write":
                    await anet.post_customers(body=[{"first_name": "Ann"}])
                else:
                    await _walk(anet)
    msg = str(info.value)
    assert isinstance(info.value, AuthenticationError)
    assert "clock" in msg and ("behind" if offset > 0 else "ahead") in msg
    seconds = re.search(r"(\d+) s\b", msg)
    assert seconds and abs(int(seconds.group(1)) - abs(offset)) <= 5, msg
    assert_clean(rendered(info.value), since)


async def test_small_clock_difference_still_authenticates() -> None:
    """Catches: signatures computed with the wrong time unit or rounding, which a server
    two minutes off (inside the gateway's five-minute tolerance) would refuse."""
    async with FakeActiveNet(api_key=KEY, shared_secret=SECRET, clock_skew=120) as fake, \
            fake.client(retry=FAST) as anet:
        assert await anet.get_organization(raw=True)


async def test_fake_server_clock_skew_is_diagnosed() -> None:
    """Catches: the testing kit's skewed server not producing the ClockSkewError a real
    skewed gateway causes (users test their skew handling with it)."""
    async with FakeActiveNet(api_key=KEY, shared_secret=SECRET, clock_skew=600) as fake, \
            fake.client(retry=FAST) as anet:
        with pytest.raises(ClockSkewError):
            await anet.get_organization()
