"""The repeat-page guard: a server that ignores paging is caught, identical but distinct pages
are not (unit tests of the walk with a scripted fetch)."""

from __future__ import annotations

from typing import Any

import msgspec
import pytest

from activenet_async import WalkError
from activenet_async._decode import ParsedPage
from activenet_async._http.transport import Response
from activenet_async._paging import PageAndPageSize, Pager, PageSource, Slice


class _Rec(msgspec.Struct):
    id: int
    name: str


def _body(page: int, ids: list[int], *, echo_page: bool = True, pad: int = 0) -> bytes:
    data = [{"id": i, "name": "x" * pad} for i in ids]
    env: dict[str, Any] = {"pageSize": 3, "totalRowCount": 9, "data": data}
    if echo_page:
        env["page"] = page
    return msgspec.json.encode(env)


class _Scripted(PageSource):
    """A page source answering from a script of bodies instead of the network."""

    def __init__(self, bodies: dict[int, bytes]) -> None:
        super().__init__(operation="T", url="", credentials=None,  # type: ignore[arg-type]
                         scheme=PageAndPageSize(), rtype=_Rec, transport=None,  # type: ignore[arg-type]
                         retry=None)  # type: ignore[arg-type]
        self.bodies = bodies

    async def fetch(self, slice_: Slice, page: int, size: int) -> tuple[ParsedPage[Any], bytes]:
        return self.read(Response(200, self.bodies[page], "application/json"))


def _pager(bodies: dict[int, bytes]) -> Pager[Any]:
    return Pager(operation="T", slices=[Slice(0, {})], source=_Scripted(bodies), page_size=3)


@pytest.mark.parametrize("pad", [0, 3000])
async def test_a_page_sent_again_stops_the_walk(pad: int) -> None:
    """Catches: a server that ignores paging (page 2 is page 1 again) walked as if the records
    were new, for small bodies and for bodies larger than the sampled fingerprint."""
    same = _body(1, [1, 2, 3], echo_page=False, pad=pad)
    pager = _pager({1: same, 2: same, 3: _body(3, [7, 8, 9], pad=pad)})
    with pytest.raises(WalkError, match="same page twice") as err:
        await pager.collect()
    assert err.value.context["page"] == 2


@pytest.mark.parametrize("pad", [0, 3000])
async def test_pages_differing_only_in_the_middle_are_not_repeats(pad: int) -> None:
    """Catches: the sampled fingerprint (first and last bytes) taken for the whole page, so two
    pages with the same first and last records but different ones between are called
    repeats."""
    pager = _pager({1: _body(1, [1, 2, 3], echo_page=False, pad=pad),
                    2: _body(2, [1, 5, 3], echo_page=False, pad=pad),
                    3: _body(3, [7, 8, 9], pad=pad)})
    got = await pager.collect()
    assert [r.id for r in got] == [1, 2, 3, 1, 5, 3, 7, 8, 9]


async def test_equal_records_on_numbered_pages_are_not_repeats() -> None:
    """Catches: pages whose records are equal but whose envelopes say they are different pages
    (page 1, page 2) called repeats."""
    pager = _pager({1: _body(1, [1, 1, 1]), 2: _body(2, [1, 1, 1]), 3: _body(3, [1, 1, 1])})
    assert len(await pager.collect()) == 9
