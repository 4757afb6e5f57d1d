"""One UiT event (JSON-LD, as the Search API embeds it) as the fields of an activity.
docs/uit.md lists every UiT field and what it becomes, or why nothing."""

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from events.models import ActivityKind, Audience, CostKind
from events.services import ScheduleInput

from .schedules import uit_schedule
from .texts import Unreadable, chosen_language, text_language_of, uit_texts

# workflowStatus values that are imported (the Search API's default filter returns only
# these too); any other (DRAFT, REJECTED, DELETED) reads as "no longer in UiT".
IMPORTED_WORKFLOW = {"APPROVED", "READY_FOR_VALIDATION"}
# schema.org's eventStatus words, also in their short form.
EVENT_STATUS_WORDS = {"EventCancelled": "Unavailable", "EventPostponed": "TemporarilyUnavailable"}
UUID_TAIL = re.compile(r"/([0-9A-Za-z][0-9A-Za-z-]{2,80})/?$")


@dataclass
class UitEvent:
    """What the sync needs of one event: its id, the activity's fields, its schedule, its
    venue as UiT gives it, whether it is cancelled, and every language of its texts."""

    uit_id: str
    fields: dict
    schedule: ScheduleInput | None
    location: dict
    cancelled: bool
    texts: dict[str, dict[str, str]]


def uit_id(item) -> str:
    """The event's id: the last segment of its `@id` (https://io.uitdatabank.be/event/<id>)."""
    if not isinstance(item, dict):
        return ""
    match = UUID_TAIL.search(str(item.get("@id") or ""))
    return match.group(1).lower() if match else ""


def in_uit(item: dict) -> bool:
    """Whether UiT still publishes the event (workflowStatus APPROVED or READY_FOR_VALIDATION;
    a document without one is taken as published)."""
    status = item.get("workflowStatus")
    return status is None or status in IMPORTED_WORKFLOW


def _status(event: dict) -> str:
    """Available, Unavailable (cancelled) or TemporarilyUnavailable (postponed): `status`,
    else the older schema.org `eventStatus`."""
    status = event.get("status")
    if isinstance(status, dict) and status.get("type"):
        return str(status["type"])
    words = str(event.get("eventStatus") or "")
    for word, meaning in EVENT_STATUS_WORDS.items():
        if words.endswith(word):
            return meaning
    return "Available"


def _amount(value) -> Decimal | None:
    try:
        amount = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None
    return amount.quantize(Decimal("0.01")) if amount.is_finite() and amount >= 0 else None


def _euros(amount: Decimal) -> str:
    return "€" + f"{amount:.2f}".replace(".", ",")


def cost_fields(event: dict) -> dict:
    """`priceInfo`: the base price into cost (0: free), the UiTPAS social tariff
    ("kansentarief") into social_tariff. No priceInfo: the cost is not known."""
    prices = event.get("priceInfo")
    if not isinstance(prices, list) or not prices:
        return {"cost": CostKind.UNKNOWN, "cost_amount": None, "social_tariff": ""}
    base, social = None, None
    for price in prices:
        if not isinstance(price, dict):
            continue
        amount = _amount(price.get("price"))
        names = " ".join(str(n) for n in (price.get("name") or {}).values()).lower()
        if price.get("category") == "base" and amount is not None:
            base = amount
        elif amount is not None and (price.get("category") == "uitpas" or "kansentarief" in names):
            social = amount if social is None else min(social, amount)
    fields = {
        "social_tariff": f"UiTPAS kansentarief {_euros(social)}" if social is not None else ""
    }
    if base is None:
        fields.update(cost=CostKind.UNKNOWN, cost_amount=None)
    elif base == 0:
        fields.update(cost=CostKind.FREE, cost_amount=None)
    else:
        fields.update(cost=CostKind.PAID, cost_amount=base)
    return fields


def _age_range(value) -> tuple[int | None, int | None]:
    """typicalAgeRange "6-12", "18-", "-12" or "-" (all ages)."""
    if not isinstance(value, str) or "-" not in value:
        return None, None
    low, _dash, high = value.partition("-")
    return (
        int(low) if low.strip().isdigit() else None,
        int(high) if high.strip().isdigit() else None,
    )


def audiences(event: dict, *, source_audiences: list[str]) -> list[str]:
    """The source's audiences and those `typicalAgeRange` says: up to 12 children, 12 to 25
    young people, from 18 adults, from 55 seniors; "-" or "0-" (all ages) everyone."""
    low, high = _age_range(event.get("typicalAgeRange"))
    found = list(source_audiences)
    if event.get("typicalAgeRange") in ("-", "0-"):
        found.append(Audience.EVERYONE)
    elif high is not None and high <= 12:
        found.append(Audience.CHILDREN)
    elif low is not None and low >= 55:
        found.append(Audience.SENIORS)
    elif low is not None and low >= 18:
        found.append(Audience.ADULTS)
    elif low is not None and low >= 12 and high is not None and high <= 25:
        found.append(Audience.YOUTH)
    return list(dict.fromkeys(found))


def _first(values) -> str:
    if isinstance(values, str):
        values = [values]
    if not isinstance(values, list):
        return ""
    return next((str(v).strip() for v in values if isinstance(v, str | int) and str(v).strip()), "")


def _email(values) -> str:
    for value in values if isinstance(values, list) else [values]:
        if not isinstance(value, str):
            continue
        try:
            validate_email(value.strip())
        except ValidationError:
            continue
        return value.strip()
    return ""


def contact_fields(event: dict) -> dict:
    """`contactPoint` (phone first), else what `bookingInfo` gives; `bookingInfo` into
    registration: how to book (site, phone, e-mail)."""
    contact = event.get("contactPoint") if isinstance(event.get("contactPoint"), dict) else {}
    booking = event.get("bookingInfo") if isinstance(event.get("bookingInfo"), dict) else {}
    phone = _first(contact.get("phone")) or _first(booking.get("phone"))
    email = _email(contact.get("email")) or _email(booking.get("email"))
    ways = [
        part
        for part in (
            _first(booking.get("url")),
            _first(booking.get("phone")),
            _email(booking.get("email")),
        )
        if part
    ]
    return {
        "contact_phone": phone[:40],
        "contact_email": email,
        # UiT says how to book, not whether one must: a way to book reads as "register".
        "registration_required": True if ways else None,
        "registration_how": " · ".join(ways)[:300],
    }


def uit_event(item: dict, *, source_audiences: list[str], today: date) -> UitEvent:
    """Read one search result; raises Unreadable saying why it cannot be imported."""
    event_id = uit_id(item)
    if not event_id:
        raise Unreadable("it has no UiT id (@id)")
    texts = uit_texts(item)
    if not texts:
        raise Unreadable("it has no name")
    language = chosen_language(texts)
    text = texts[language]
    schedule = uit_schedule(item, today=today)
    kind = ActivityKind.EVENT if item.get("calendarType") == "single" else ActivityKind.RECURRING
    if schedule is None:
        kind = ActivityKind.PROGRAMME  # always open, no dates to give
    location = item.get("location")
    if not isinstance(location, dict):
        raise Unreadable("it has no location")
    status = _status(item)
    return UitEvent(
        uit_id=event_id,
        fields={
            "kind": kind,
            "title": text["title"],
            "summary": text["summary"],
            "description": text["description"],
            "text_language": text_language_of(language, text),
            "audiences": audiences(item, source_audiences=source_audiences),
            **cost_fields(item),
            **contact_fields(item),
        },
        schedule=schedule,
        location=location,
        # Postponed (TemporarilyUnavailable) has no status here: not on its dates, so
        # cancelled until UiT says Available again.
        cancelled=status in ("Unavailable", "TemporarilyUnavailable"),
        texts=texts,
    )
