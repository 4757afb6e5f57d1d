"""publiq's Search API v3 (UiTdatabank): every event of a query, page by page.

Paging is the API's own: `start` (results to skip) and `limit` (page size), with the
answer's `totalItems` and `itemsPerPage` (which may be smaller than asked). The key goes in
the documented `x-api-key` header and nowhere else. Every failure is a UitError whose
reason is a sentence of ours, never the API's text (see core.fetch).

The whole source gets one budget of UIT_TIMEOUT seconds, waits for `Retry-After` included,
and fails whole: a source that stopped halfway would take the rest for "no longer matching".
"""

import json
import time
from urllib.parse import urlencode

from django.conf import settings

from core.fetch import FetchFailed, public_fetch

USER_AGENT = "Buurtwijzer UiT import (+https://github.com/)"
# Bounded retries of a 429: the wait itself is bounded by UIT_RETRY_AFTER_MAX.
MAX_RATE_LIMIT_RETRIES = 3


class UitError(Exception):
    """The whole source failed (fetch, status, page, cap): nothing may change."""


def search_url(query: str, *, start: int, limit: int) -> str:
    """The address of one page of events for `query` (an advanced query, `q`), with the
    full JSON-LD bodies embedded (`embed=true`)."""
    params = {"q": query, "start": start, "limit": limit, "embed": "true"}
    return f"{settings.UIT_API_URL.rstrip('/')}/events/?{urlencode(params)}"


def _retry_after(value: str | None) -> float | None:
    """Seconds from a Retry-After header (a number of seconds; an HTTP date is not worth
    honouring for an hourly job)."""
    if value is None:
        return None
    value = value.strip()
    try:
        seconds = float(value)
    except ValueError:
        return None
    return seconds if seconds >= 0 else None


def _page(url: str, *, ends_at: float) -> dict:
    headers = {
        "User-Agent": USER_AGENT,
        "Accept": "application/ld+json, application/json;q=0.9",
        "x-api-key": settings.UIT_API_KEY,
    }
    for _attempt in range(MAX_RATE_LIMIT_RETRIES + 1):
        left = ends_at - time.monotonic()
        if left <= 0:
            raise UitError(f"UiT did not answer within {settings.UIT_TIMEOUT:g} seconds")
        try:
            fetched = public_fetch(
                url,
                headers=headers,
                max_bytes=settings.UIT_MAX_BYTES,
                deadline=left,
                allow_private=settings.UIT_ALLOW_PRIVATE_HOSTS,
            )
        except FetchFailed as failed:
            if "did not answer within" in failed.reason:
                raise UitError(
                    f"UiT did not answer within {settings.UIT_TIMEOUT:g} seconds"
                ) from None
            raise UitError(failed.reason) from None
        if fetched.status == 429:
            wait = _retry_after(fetched.headers.get("Retry-After"))
            if wait is None or wait > settings.UIT_RETRY_AFTER_MAX:
                raise UitError(
                    "UiT limits the number of requests (HTTP 429) and asked to wait longer "
                    f"than {settings.UIT_RETRY_AFTER_MAX:g} seconds; the next run tries again"
                )
            if time.monotonic() + wait >= ends_at:
                raise UitError(
                    "UiT limits the number of requests (HTTP 429) and its wait would pass "
                    f"the {settings.UIT_TIMEOUT:g} second limit; the next run tries again"
                )
            time.sleep(wait)
            continue
        if fetched.status in (401, 403):
            raise UitError(
                f"UiT refused the request (HTTP {fetched.status}): check the API key "
                "(UIT_API_KEY) and its permissions"
            )
        if fetched.status >= 400:
            raise UitError(f"UiT answered HTTP {fetched.status}")
        if fetched.status != 200:
            raise UitError(f"UiT answered HTTP {fetched.status}, not a page of results")
        return _parse(fetched.body)
    raise UitError(
        f"UiT kept limiting the number of requests (HTTP 429, {MAX_RATE_LIMIT_RETRIES + 1} "
        "times); the next run tries again"
    )


def _parse(body: bytes) -> dict:
    try:
        page = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        raise UitError("UiT's answer is not valid JSON") from None
    if not isinstance(page, dict):
        raise UitError("UiT's answer is not a page of search results")
    total, members = page.get("totalItems"), page.get("member")
    if not isinstance(total, int) or isinstance(total, bool) or total < 0:
        raise UitError("UiT's answer is not a page of search results (no totalItems)")
    if not isinstance(members, list):
        raise UitError("UiT's answer is not a page of search results (no member list)")
    return page


def uit_events(query: str) -> list:
    """Every result of `query`, in the API's order (each item as the API gave it: the
    caller checks them one by one). Raises UitError when the source cannot be read whole,
    including when it matches more than UIT_MAX_EVENTS events."""
    cap, size = settings.UIT_MAX_EVENTS, settings.UIT_PAGE_SIZE
    ends_at = time.monotonic() + settings.UIT_TIMEOUT
    events: list = []
    start, total = 0, None
    # Never more pages than the cap allows, whatever the answers say.
    for _page_number in range(cap // max(size, 1) + 2):
        page = _page(search_url(query, start=start, limit=size), ends_at=ends_at)
        if total is None:
            total = page["totalItems"]
            if total > cap:
                raise UitError(
                    f"the query matches {total:,} events, more than the limit of {cap:,} "
                    "(UIT_MAX_EVENTS): narrow the query"
                )
        elif page["totalItems"] != total:
            raise UitError("UiT's results changed while they were read; the next run tries again")
        members = page["member"]
        events.extend(members)
        start += len(members)
        if start >= total:
            return events
        if not members:
            raise UitError(f"UiT stopped giving results at {start:,} of the {total:,} it announced")
    raise UitError(f"UiT gave more pages than the limit of {cap:,} events allows")
