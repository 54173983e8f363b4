"""The benchmark suite of activenet_async (``nox -s bench`` or ``python -m benchmarks``).

Five figures, each a ratio taken side by side in one run against the package's fake server on
127.0.0.1 (absolute times on shared machines are noise; ratios are the figure), medians of
several runs: the limiter at ACTIVE's real limit, unthrottled throughput against a raw
aiohttp + msgspec floor and a typical httpx + pydantic client, decode cost of a wide record,
memory of a long streaming walk, and start-up times. Not part of the test suite.
"""
