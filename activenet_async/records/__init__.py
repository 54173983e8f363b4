"""Record types of every operation, grouped by domain (re-exported from activenet_async)."""
