"""The operation table: every documented operation declared once (parameters, checks, limits,
paging, record type), System API by domain and the Insights API."""
