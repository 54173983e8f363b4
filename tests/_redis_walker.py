"""One OS process walking one key through a shared rate-limit store (run by the Redis tests).

``python tests/_redis_walker.py BASE_URL API_KEY SECRET STORE MONTH`` walks a month of Insights
memberships at 2 requests/s and prints one JSON line: records, requests, throttled answers.
"""

from __future__ import annotations

import asyncio
import json
import sys
from datetime import date

from activenet_async import ActiveNet


async def main(base_url: str, api_key: str, secret: str, store: str, month: int) -> None:
    async with ActiveNet(org="orgtest", api_key=api_key, shared_secret=secret,
                         base_url=base_url, rate_limit=2.0, rate_limit_store=store) as anet:
        n = 0
        async for _ in anet.insights.get_memberships(
                modified_date_from=date(2024, month, 1), modified_date_to=date(2024, month, 28),
                page_size=18):
            n += 1
        print(json.dumps({"records": n, "requests": anet.stats.requests,
                          "throttled": anet.stats.throttled}), flush=True)


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5])))
