"""Paging schemes, one small class each, named by what goes on the wire; each owns its request
side (page ``n`` of size ``s``) and its response side (its envelope):

* ``PageInfoHeader``: the System API's ``page_info`` request header (JSON).
* ``PageAndPageSize``: Insights ``page`` / ``pageSize`` query parameters.
* ``PageNumberParams``: Insights ``page_number`` / ``total_records_per_page`` parameters.
* ``Unpaged``: one request answers everything (System envelope or bare Insights array).
"""

from .base import Paging
from .page_info import PageInfo, PageInfoHeader, PageNumberParams, SystemEnvelope
from .page_size import InsightsPageEnvelope, PageAndPageSize
from .unpaged import BareArray, Unpaged

__all__ = ["BareArray", "InsightsPageEnvelope", "PageAndPageSize", "PageInfo", "PageInfoHeader",
           "PageNumberParams", "Paging", "SystemEnvelope", "Unpaged"]
