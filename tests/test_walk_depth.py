"""The walk's in-flight depth: grown from observed idle waits, held within the memory bound,
back to ``concurrency`` when the waits stop (unit tests of ``_Depth``)."""

from __future__ import annotations

from activenet_async._paging.walker import _Depth


def test_depth_starts_at_concurrency_and_grows_only_on_idle_waits() -> None:
    """Catches: the walk keeping more (or fewer) than ``concurrency`` requests in flight when
    pages are ready on time, or not deepening when the consumer sits idle."""
    d = _Depth(8)
    assert d.target == 8
    for _ in range(50):
        assert d.page(0.0) is False
    assert d.target == 8
    assert d.page(10.0) is True  # idle for far more than a page's CPU
    assert 8 < d.target <= 16


def test_depth_never_passes_twice_concurrency() -> None:
    """Catches: a long run of idle waits pushing the walk past its memory bound of
    ``2 * concurrency`` pages held."""
    d = _Depth(3)
    for _ in range(100):
        d.page(10.0)
    assert d.target == 6


def test_depth_falls_back_to_concurrency_when_waits_stop() -> None:
    """Catches: a depth grown during a slow stretch never coming back down (more responses
    interleaving cost CPU per record once the server is fast again)."""
    d = _Depth(4)
    for _ in range(10):
        d.page(10.0)
    assert d.target == 8
    for _ in range(500):
        d.page(0.0)
    assert d.target == 4
