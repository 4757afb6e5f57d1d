"""A local stand-in for publiq's Search API v3 (GET /events/?q=…&start=…&limit=…&embed=true)
and builders of UiT events in the JSON-LD shape publiq documents, for the UiT sync tests."""

import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, timedelta
from datetime import time as clock
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from events.recurrence.rules import BRUSSELS

IO = "https://io.uitdatabank.be"


class Served:
    """What the server answers, by query (`q`): a list of events, paged by start/limit, or
    one of the faults below. Every request is recorded (path and headers)."""

    def __init__(self) -> None:
        self.results: dict[str, list | str] = {}
        self.requests: list[tuple[str, dict]] = []
        self.throttled: dict[str, int] = {}  # q -> 429 answers still to give
        self.retry_after = "1"
        self.total_bonus: dict[str, int] = {}  # q -> totalItems announced beyond the list
        self.slow_seconds = 2.0
        self.base = ""


@contextmanager
def uit_server() -> Iterator[tuple[str, Served]]:
    served = Served()

    class Handler(BaseHTTPRequestHandler):
        def answer(self, status: int, body: bytes = b"", headers: dict | None = None) -> None:
            self.send_response(status)
            self.send_header("Content-Type", "application/ld+json")
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self):
            parts = urlsplit(self.path)
            served.requests.append((self.path, dict(self.headers.items())))
            params = {key: values[0] for key, values in parse_qs(parts.query).items()}
            if parts.path != "/events/":
                return self.answer(404)
            query = params.get("q", "")
            start, limit = int(params.get("start", 0)), int(params.get("limit", 30))
            if served.throttled.get(query, 0) > 0:
                served.throttled[query] -= 1
                return self.answer(
                    429, b'{"title": "Too many"}', {"Retry-After": served.retry_after}
                )
            result = served.results.get(query, [])
            if isinstance(result, list) and "broken" in result[start : start + limit]:
                return self.answer(200, b'{"totalItems": "SECRET-REMOTE-TEXT"}')
            if result == "slow":
                time.sleep(served.slow_seconds)
                result = []
            if isinstance(result, str):
                if result.startswith("status:"):
                    return self.answer(int(result[7:]), b'{"title": "SECRET-REMOTE-TEXT"}')
                if result == "not-json":
                    return self.answer(200, b"<html>SECRET-REMOTE-TEXT</html>")
                if result == "no-member":
                    return self.answer(200, json.dumps({"totalItems": 3}).encode())
                raise AssertionError(result)
            page = {
                "@context": "http://www.w3.org/ns/hydra/context.jsonld",
                "@type": "PagedCollection",
                "itemsPerPage": limit,
                "totalItems": len(result) + served.total_bonus.get(query, 0),
                "member": result[start : start + limit],
            }
            return self.answer(200, json.dumps(page).encode())

        def log_message(self, *args):
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    served.base = f"http://127.0.0.1:{httpd.server_port}"
    try:
        yield served.base, served
    finally:
        httpd.shutdown()
        httpd.server_close()


def at(day: date, hour: int, minute: int = 0) -> str:
    """A Brussels wall-clock time as UiT writes it (ISO 8601 with the offset of that day)."""
    return datetime.combine(day, clock(hour, minute), tzinfo=BRUSSELS).isoformat()


def location(
    place_id: str = "p-0000-buurthuis",
    name: str | dict = "Buurthuis De Vonk",
    *,
    geo: tuple[float, float] | None = (51.005, 3.705),
    terms: list | None = None,
) -> dict:
    venue = {
        "@id": f"{IO}/place/{place_id}",
        "@type": "Place",
        "name": name if isinstance(name, dict) else {"nl": name},
        "address": {
            "nl": {
                "addressCountry": "BE",
                "addressLocality": "Testdorp",
                "postalCode": "9000",
                "streetAddress": "Dorpsstraat 1",
            }
        },
        "terms": terms or [],
    }
    if geo is not None:
        venue["geo"] = {"latitude": geo[0], "longitude": geo[1]}
    return venue


def event(
    event_id: str,
    name: str | dict,
    *,
    day: date,
    calendar: str = "single",
    extra: dict | None = None,
) -> dict:
    """A UiT event: `single` on `day` 19:00-21:00 unless `extra` says otherwise."""
    item = {
        "@id": f"{IO}/event/{event_id}",
        "@type": "Event",
        "@context": "/contexts/event",
        "mainLanguage": "nl",
        "name": name if isinstance(name, dict) else {"nl": name},
        "calendarType": calendar,
        "startDate": at(day, 19),
        "endDate": at(day, 21),
        "location": location(),
        "workflowStatus": "APPROVED",
        "status": {"type": "Available"},
        "bookingAvailability": {"type": "Available"},
        "audience": {"audienceType": "everyone"},
        "terms": [{"id": "0.50.4.0.0", "label": "Concert", "domain": "eventtype"}],
    }
    if calendar == "single":
        item["subEvent"] = [
            {
                "@type": "Event",
                "id": 0,
                "startDate": at(day, 19),
                "endDate": at(day, 21),
                "status": {"type": "Available"},
                "bookingAvailability": {"type": "Available"},
            }
        ]
    item.update(extra or {})
    return item


def weeks_ahead(weeks: int) -> date:
    from django.utils import timezone

    return timezone.localdate() + timedelta(weeks=weeks)
