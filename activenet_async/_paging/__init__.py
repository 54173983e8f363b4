"""Paging: the schemes (how a request asks for a page, how an answer's envelope reads), the
slices (windows x chunks) a walk is split into, where their pages come from (``PageSource``)
and the walker that fetches them in order (``PageWalk``).

``Pager``, ``PageSource`` and ``PageWalk`` load on first use: they import the transport (and
aiohttp), which the operation table, importing the schemes from here, does not need."""

from typing import TYPE_CHECKING, Any

from .page import Page, Slice
from .schemes import PageAndPageSize, PageInfoHeader, PageNumberParams, Paging, Unpaged

if TYPE_CHECKING:
    from .pager import Pager
    from .source import PageSource
    from .walker import PageWalk

__all__ = ["Page", "PageAndPageSize", "PageInfoHeader", "PageNumberParams", "PageSource",
           "PageWalk", "Pager", "Paging", "Slice", "Unpaged"]

_LAZY = {"Pager": ".pager", "PageSource": ".source", "PageWalk": ".walker"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name], __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
