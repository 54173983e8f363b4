"""Signatures, credentials and service URLs."""

from __future__ import annotations

import itertools
import time
from urllib.parse import parse_qs, urlsplit

import pytest
from aioresponses import aioresponses

from activenet_async import ActiveNet, RequestValidationError
from activenet_async._http.auth import Credentials, Endpoints, check_base_url, signature

from .conftest import BASE, example, sent, serve

KEY = "5bcef48a3f03d311ff27d156630baf849e3b438b8a48fec99239d5c9"
SECRET = "foobar"
WHEN = 1546259837
SIG = "fce2e80253cd438b666341176f34bde499116b63719e2482dae6965518ffd316"
ROOT = "https://api.amp.active.com"


def _query(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query)


# -- signature -----------------------------------------------------------------------------

def test_signature_check_vector() -> None:
    """Catches any change to the signature formula (order of key/secret/time, hash, encoding):
    the check vector above (KEY, SECRET and WHEN give SIG) must come out exactly."""
    assert signature(KEY, SECRET, WHEN) == SIG


def test_credentials_query_uses_check_vector() -> None:
    """Catches Credentials.query signing with something other than key+secret+int(clock())
    or naming the parameters differently from ``api_key`` / ``sig``."""
    q = Credentials(KEY, SECRET).query(clock=lambda: WHEN + 0.75)  # fractions are truncated
    assert q == {"api_key": KEY, "sig": SIG}


def test_credentials_query_fresh_signature_per_call() -> None:
    """Catches a signature cached once per client: a different clock must give a different
    sig, and each call must read the clock again."""
    ticks = iter([WHEN, WHEN + 1, WHEN + 2])
    creds = Credentials(KEY, SECRET)
    sigs = [creds.query(clock=lambda: next(ticks))["sig"] for _ in range(3)]
    assert sigs[0] == SIG
    assert len(set(sigs)) == 3
    assert sigs[1] == signature(KEY, SECRET, WHEN + 1)


def test_unsigned_credentials_send_no_sig() -> None:
    """Catches a ``sig`` computed from an empty/None secret for keys without a shared secret."""
    creds = Credentials(KEY)
    assert creds.query(clock=lambda: WHEN) == {"api_key": KEY}
    assert creds.signed is False and Credentials(KEY, SECRET).signed is True
    assert Credentials(KEY, "").signed is False


def test_credentials_repr_hides_key_and_secret() -> None:
    """Catches the dataclass repr (or str) printing the key or the secret, e.g. in a log line
    or a traceback that shows a Request."""
    creds = Credentials("k3y-visible", "s3cret-visible")
    for text in (repr(creds), str(creds), repr([creds]), f"{creds!r}"):
        assert "k3y-visible" not in text and "s3cret-visible" not in text
    assert "***" in repr(creds)


async def test_every_request_and_retry_gets_a_fresh_signature(
        anet: ActiveNet, mocked: aioresponses, monkeypatch: pytest.MonkeyPatch) -> None:
    """Catches the transport signing once per logical request (a retry must not reuse the
    first try's sig: a sig is only valid near the time it was made)."""
    orig = Credentials.query
    clock = itertools.count(WHEN)

    def query(self: Credentials, clock_: object = None) -> dict[str, str]:
        return orig(self, clock=lambda: next(clock))

    monkeypatch.setattr(Credentials, "query", query)
    serve(mocked, "/api/v1/organization", b"", status=503, repeat=False)
    serve(mocked, "/api/v1/organization", b"", status=503, repeat=False)
    serve(mocked, "/api/v1/organization", example("GetOrganization"))
    await anet.get_organization()
    sigs = [_query(url)["sig"][0] for _, url, _ in sent(mocked)]
    assert sigs == [signature("k3y", "s3cret", WHEN + i) for i in range(3)]


async def test_real_requests_carry_a_valid_current_signature(
        anet: ActiveNet, mocked: aioresponses) -> None:
    """Catches a request whose sig does not verify against the key, secret and current
    time (what the gateway checks)."""
    serve(mocked, "/api/v1/organization", example("GetOrganization"))
    before = int(time.time())
    await anet.get_organization()
    after = int(time.time())
    ((_, url, _),) = sent(mocked)
    q = _query(url)
    assert q["api_key"] == ["k3y"]
    valid = {signature("k3y", "s3cret", t) for t in range(before, after + 1)}
    assert q["sig"][0] in valid


# -- URLs ------------------------------------------------------------------------------------

@pytest.mark.parametrize(("region", "signed", "root"), [
    ("us", True, "anet-systemapi-sec"),
    ("us", False, "anet-systemapi"),
    ("ca", True, "anet-systemapi-ca-sec"),
    ("ca", False, "anet-systemapi-ca"),
])
def test_system_urls(region: str, signed: bool, root: str) -> None:
    """Catches a wrong System API service name for a region / signed-ness combination."""
    ep = Endpoints(ROOT, "orgtest", region)  # type: ignore[arg-type]
    assert ep.system("activities", signed=signed) == f"{ROOT}/{root}/orgtest/api/v1/activities"
    assert ep.system("/activities/7", signed=signed) == (
        f"{ROOT}/{root}/orgtest/api/v1/activities/7")


@pytest.mark.parametrize("region", ["us", "ca"])
@pytest.mark.parametrize("signed", [True, False])
def test_write_urls_use_wr(region: str, signed: bool) -> None:
    """Catches writes sent to the read service instead of ``/wr/{org}/api/v1``."""
    ep = Endpoints(ROOT, "orgtest", region)  # type: ignore[arg-type]
    assert ep.system("customers", signed=signed, write=True) == (
        f"{ROOT}/wr/orgtest/api/v1/customers")


@pytest.mark.parametrize(("region", "service"), [
    ("us", "anet-insightsapi"), ("ca", "anet-insightsapi-ca")])
def test_insights_urls(region: str, service: str) -> None:
    """Catches a wrong Insights gateway path or a missing ``-ca`` for Canada."""
    ep = Endpoints(ROOT, "orgtest", region)  # type: ignore[arg-type]
    assert ep.insights("memberships") == f"{ROOT}/ANETGateway/rest/{service}/memberships"


def test_base_url_trailing_slash_is_dropped() -> None:
    """Catches ``//`` in URLs when base_url is given with a trailing slash."""
    assert check_base_url("https://api.example.test/") == "https://api.example.test"
    anet = ActiveNet(org="orgtest", api_key="k", base_url="https://api.example.test/")
    assert anet._endpoints.system("sites", signed=False) == (
        "https://api.example.test/anet-systemapi/orgtest/api/v1/sites")
    assert anet._endpoints.insights("packages") == (
        "https://api.example.test/ANETGateway/rest/anet-insightsapi/packages")


async def test_client_requests_use_region_and_base_url(mocked: aioresponses) -> None:
    """Catches the client ignoring region="ca" or the base_url override on real requests."""
    async with ActiveNet(org="orgtest", api_key="k3y", shared_secret="s3cret", region="ca",
                         base_url=BASE + "/", rate_limit=1000) as anet:
        serve(mocked, "/api/v1/sites", example("GetSites"))
        serve(mocked, "/packagecategories", example("insights_packagecategories"))
        await anet.get_sites().collect()
        await anet.insights.get_package_categories().collect()
    urls = [url for _, url, _ in sent(mocked)]
    assert urls[0].startswith(f"{BASE}/anet-systemapi-ca-sec/orgtest/api/v1/sites?")
    assert urls[1].startswith(f"{BASE}/ANETGateway/rest/anet-insightsapi-ca/packagecategories?")


async def test_unsigned_client_uses_plain_service_and_no_sig(mocked: aioresponses) -> None:
    """Catches a key without a shared secret being sent to the ``-sec`` service or with a
    bogus ``sig``."""
    async with ActiveNet(org="orgtest", api_key="k3y", base_url=BASE, rate_limit=1000) as anet:
        serve(mocked, "/api/v1/sites", example("GetSites"))
        await anet.get_sites().collect()
    ((_, url, _),) = sent(mocked)
    assert url.startswith(f"{BASE}/anet-systemapi/orgtest/api/v1/sites?")
    assert _query(url) == {"api_key": ["k3y"]}


async def test_writes_go_to_wr_with_write_key(anet: ActiveNet, mocked: aioresponses) -> None:
    """Catches a write sent to the read service, or signed with the read key."""
    serve(mocked, "/api/v1/validatelogin", example("GetValidateLogin"), method="POST")
    await anet.post_validate_login(login_name="someone", password="pw")
    ((method, url, _),) = sent(mocked)
    assert method == "POST"
    assert url.startswith(f"{BASE}/wr/orgtest/api/v1/validatelogin?")
    assert _query(url)["api_key"] == ["wk3y"]


async def test_forgot_password_is_not_a_wr_write(anet: ActiveNet, mocked: aioresponses) -> None:
    """Catches PostForgotPassword being routed to ``/wr`` (forgot-password and
    forgot-login-name are the System writes not served under ``/wr``)."""
    serve(mocked, "/api/v1/forgotpassword", example("PostForgotPassword"), method="POST")
    await anet.post_forgot_password(email="a@example.test")
    ((_, url, _),) = sent(mocked)
    assert url.startswith(f"{BASE}/anet-systemapi-sec/orgtest/api/v1/forgotpassword?")
    assert _query(url)["api_key"] == ["k3y"]


# -- check_base_url --------------------------------------------------------------------------

@pytest.mark.parametrize("url", [
    "ftp://api.amp.active.com", "api.amp.active.com", "file:///etc/passwd", "https://",
    "javascript:alert(1)", "",
])
def test_check_base_url_refuses_non_http(url: str) -> None:
    """Catches base_url accepting a scheme other than http(s) or a URL without a host."""
    with pytest.raises(RequestValidationError) as info:
        check_base_url(url)
    assert info.value.argument == "base_url"


@pytest.mark.parametrize("url", [
    "http://api.amp.active.com", "http://10.0.0.1:8080", "http://localhost.evil.test",
    "http://127.0.0.1.evil.test", "http://[2001:db8::1]",
])
def test_check_base_url_refuses_plain_http_to_remote_hosts(url: str) -> None:
    """Catches the key being sent in clear over plain http to a non-loopback host (including
    hosts that merely start with a loopback name)."""
    with pytest.raises(RequestValidationError) as info:
        check_base_url(url)
    assert info.value.argument == "base_url"
    assert check_base_url(url, allow_insecure=True) == url


@pytest.mark.parametrize("url", [
    "http://127.0.0.1", "http://127.0.0.1:9", "http://localhost", "http://localhost:8080/",
    "http://[::1]", "http://[::1]:9", "https://api.amp.active.com",
])
def test_check_base_url_accepts_loopback_and_https(url: str) -> None:
    """Catches the loopback exception (used by tests and the fake server) being lost."""
    assert check_base_url(url) == url.rstrip("/")


def test_client_passes_allow_insecure_http() -> None:
    """Catches ActiveNet(allow_insecure_http=True) not reaching check_base_url."""
    with pytest.raises(RequestValidationError):
        ActiveNet(org="o", api_key="k", base_url="http://api.example.test")
    anet = ActiveNet(org="o", api_key="k", base_url="http://api.example.test",
                     allow_insecure_http=True)
    assert anet._endpoints.base_url == "http://api.example.test"
