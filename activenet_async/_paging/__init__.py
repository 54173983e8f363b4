"""Paging: the schemes (how a request asks for a page, how an answer says how many follow),
the windows and chunks a walk is split into, and the walker that fetches them in order."""

from .pager import Page, Pager, Unit
from .schemes import InsightsNumberPaging, InsightsPagePaging, NoPaging, Paging, SystemPaging

__all__ = ["InsightsNumberPaging", "InsightsPagePaging", "NoPaging", "Page", "Pager", "Paging",
           "SystemPaging", "Unit"]
