"""The clients the SDK is compared with, and the SDK walk itself.

* ``floor_walk``: raw aiohttp at a given number of requests in flight, fetching the same pages
  as the SDK and decoding each with plain msgspec into a Struct of exactly the JSON types; no
  leniency, no ordering, no per-record Python work.
* ``typical_walk``: what a user would write without the SDK: ``httpx.AsyncClient`` and a
  pydantic model with the types the SDK gives (bools, dates, date-times), one page at a time,
  ``response.json()`` then ``model_validate``.
* ``sdk_walk``: ``async for record in anet.insights.get_customers()``.

Every walk returns the number of records it received.
"""

from __future__ import annotations

import asyncio
from datetime import date, datetime
from typing import Any

import msgspec

from ._common import Server, floor_envelope, floor_struct, sig

PAGE_SIZE = 500


def floor_decoder(sample: dict[str, Any]) -> msgspec.json.Decoder[Any]:
    return msgspec.json.Decoder(floor_envelope(floor_struct(sample)))


async def floor_walk(srv: Server, decoder: msgspec.json.Decoder[Any], *, in_flight: int,
                     page_size: int = PAGE_SIZE) -> int:
    import aiohttp

    url = srv.customers_url
    connector = aiohttp.TCPConnector(limit=max(16, in_flight))
    async with aiohttp.ClientSession(connector=connector) as session:
        async def get(page: int) -> Any:
            params = {"page": str(page), "pageSize": str(page_size), "api_key": srv.api_key,
                      "sig": sig(srv.api_key, srv.secret)}
            async with session.get(url, params=params) as resp:
                body = await resp.read()
                if resp.status != 200:
                    raise RuntimeError(f"HTTP {resp.status}: {body[:200]!r}")
            return decoder.decode(body)

        first = await get(1)
        pages = -(-first.totalRowCount // page_size)
        count = len(first.data)
        todo = iter(range(2, pages + 1))

        async def worker() -> int:
            n = 0
            for page in todo:
                n += len((await get(page)).data)
            return n

        counts = await asyncio.gather(*(worker() for _ in range(in_flight)))
    return count + sum(counts)


# The model a user would write from the Insights customer table (types as the SDK gives them).
_TYPICAL_FIELDS = """
customer_id:int customertype:str geographic_area:str lastpayee_id:int site:str firstname:str
lastname:str address1:str address2:str city:str state:str zipcode:str homephone:str
workphone:str cellphone:str faxphone:str pagerphone:str otherphone:str email:str age:str
age_category:str entrydate:datetime gender:str headofhousehold:bool mailingaddress1:str
mailingaddress2:str mailingcity:str mailingstate:str mailingzipcode:str mailingcountry:str
mailing_name:str resident_status:str occupation:str special_handling:bool specialhandling:bool
emergency_contact1_first_name:str emergency_contact1_last_name:str
emergency_contact1_phone_no:str emergency_contact1_relation:str emergency_other_phone1:str
emergency_contact2_first_name:str emergency_contact2_last_name:str
emergency_contact2_phone_no:str emergency_contact2_relation:str emergency_other_phone2:str
date_modified:datetime retired_status:str not_online_activated:bool login_created:datetime
login_used:datetime interest_date:date county:str can_be_scheduled:bool
residency_expires_date:date legal_name:str late_fee_date:date additional_email:str
agree_receive_text_message:bool created_on:str birth_date:date agree_receive_email:bool
agree_receive_postal_mail:bool preferred_language:str lat:float lon:float
"""
_TYPICAL_FAMILY = """
family_id:int household_size:int head_of_household:bool head_of_household_customer_id:int
head_of_household_customer_first_name:str head_of_household_customer_last_name:str
head_of_household_customer_email:str external_id:int family_role:str
"""
_TYPES = {"int": int, "str": str, "bool": bool, "float": float, "date": date,
          "datetime": datetime}


def typical_models() -> Any:
    from pydantic import create_model

    def model(name: str, spec: str, **extra: Any) -> Any:
        fields: dict[str, Any] = {}
        for item in spec.split():
            key, _, kind = item.partition(":")
            fields[key] = (_TYPES[kind] | None, None)
        fields.update(extra)
        return create_model(name, **fields)

    family = model("Family", _TYPICAL_FAMILY)
    customer = model("Customer", _TYPICAL_FIELDS,
                     families=(list[family] | None, None))  # type: ignore[valid-type]
    return create_model("CustomersPage", page=(int, ...), pageSize=(int, ...),
                        pageRowCount=(int, ...), filteredRowCount=(int, ...),
                        totalRowCount=(int, ...),
                        data=(list[customer], ...))  # type: ignore[valid-type]


async def typical_walk(srv: Server, page_model: Any, page_size: int = PAGE_SIZE) -> int:
    import httpx

    count, page, pages = 0, 1, 1
    async with httpx.AsyncClient(timeout=60) as client:
        while page <= pages:
            resp = await client.get(srv.customers_url, params={
                "page": page, "pageSize": page_size, "api_key": srv.api_key,
                "sig": sig(srv.api_key, srv.secret)})
            resp.raise_for_status()
            parsed = page_model.model_validate(resp.json())
            count += len(parsed.data)
            pages = -(-parsed.totalRowCount // page_size)
            page += 1
    return count


async def sdk_walk(srv: Server, *, concurrency: int = 8, pages: bool = False) -> int:
    from activenet_async import ActiveNet

    count = 0
    async with ActiveNet(org=srv.org, api_key=srv.api_key, shared_secret=srv.secret,
                         base_url=srv.base_url, rate_limit=1e6,
                         concurrency=concurrency) as anet:
        pager = anet.insights.get_customers()
        if pages:
            async for page in pager.pages():
                count += len(page.records)
        else:
            async for _record in pager:
                count += 1
    return count
