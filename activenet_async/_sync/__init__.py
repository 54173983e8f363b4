"""Loading into databases through dlt: the feed that walks operations concurrently and the
column hints derived from the record types."""
