"""The operation table: every documented operation declared once (parameters, checks, limits,
paging, record type, write body, incremental loading), System API by domain and the Insights
API.

``declare`` holds the machinery (``@operation``, ``Operation``, ``Limits``, checks), ``params``
the argument types, ``writes`` the write bodies, ``system/`` and ``insights`` the declarations,
and ``table`` the table itself (``OPERATIONS``, ``LIMITS``, ``find``), complete on import. This
package imports none of them itself, so that importing ``declare`` (every declaration module
does) does not load the whole table and its records.
"""
