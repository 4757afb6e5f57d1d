"""Buurtwijzer's objects as HSDS 3.0 objects (plain dicts, ready for JSON).

What the poster did not say is left out, never filled in: an absent field means "unknown".
Texts Buurtwijzer itself writes (the schedule in words, the cost) are in the active language;
the taxonomy's names too. The mapping, field by field, is in docs/hsds.md."""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from core.language import short_code
from events.languages import language_label
from events.models import Activity, CostKind, Schedule, WorkModel
from events.recurrence.rules import local_naive, parse_rrule
from events.recurrence.words import schedule_words
from places.addresses import postal_address
from places.models import Organisation, Place, Wheelchair
from places.public import public_address

from .ids import WORK_MODEL_TAXONOMY_ID, hsds_id, work_model_term_id

HSDS_VERSION = "3.0"
HSDS_PROFILE = "https://docs.openreferral.org/en/3.0/hsds/schema_reference.html"
# The RFC 5545 parts an HSDS schedule has fields for, with the frequencies it allows
# (3.0: WEEKLY and MONTHLY). A rule with any other part is given in words and by its iCal link.
SCHEDULE_PARTS = {"FREQ", "INTERVAL", "BYDAY", "BYMONTHDAY", "UNTIL", "COUNT", "WKST"}
SCHEDULE_FREQUENCIES = {"WEEKLY", "MONTHLY"}


@dataclass
class Publication:
    """What every document needs beyond its row: absolute addresses, and the areas' outlines
    (read for a whole page at once)."""

    absolute: Callable[[str], str]
    extents: dict[int, str] = field(default_factory=dict)
    # A page of organisations' published activities, by organisation id.
    services_of: dict[int, list[Activity]] = field(default_factory=dict)

    def url(self, name: str, *args) -> str:
        return self.absolute(reverse(name, args=args))


def _present(document: dict) -> dict:
    # Unknown stays absent: no empty strings or nulls for what nobody said.
    return {key: value for key, value in document.items() if value not in ("", None, [])}


def _moment(value: datetime) -> str:
    return value.isoformat(timespec="seconds")


def taxonomy() -> dict:
    return {
        "id": WORK_MODEL_TAXONOMY_ID,
        "name": _("Buurtwijzer work models"),
        "description": _(
            "The seven work models that Flemish research on the social networks of people in "
            "poverty sorts initiatives into; every activity on Buurtwijzer has one or more."
        ),
        "version": "1",
    }


def taxonomy_term(work_model: WorkModel) -> dict:
    return {
        "id": work_model_term_id(work_model.code),
        "code": work_model.code,
        "name": work_model.name,
        "description": work_model.description,
        "taxonomy": taxonomy()["name"],
        "taxonomy_id": WORK_MODEL_TAXONOMY_ID,
        "language": short_code(get_language()),
    }


def organization(organisation: Organisation, *, full: bool = False) -> dict:
    document = _present(
        {
            "id": hsds_id("organization", organisation.pk),
            "name": organisation.name,
            "email": organisation.email,
            "website": organisation.website,
        }
    )
    # Required by HSDS; an organisation that wrote none has an empty one.
    document["description"] = organisation.description
    if full and organisation.phone:
        document["phones"] = [
            {
                "id": hsds_id("phone", organisation.pk, 0),
                "organization_id": document["id"],
                "number": organisation.phone,
            }
        ]
    return document


def _accessibility(place: Place, location_id: str) -> list[dict]:
    details = [
        str(label)
        for present, label in (
            (place.accessible_toilet, _("accessible toilet")),
            (place.hearing_loop, _("hearing loop")),
        )
        if present
    ]
    if place.wheelchair == Wheelchair.UNKNOWN and not details:
        return []
    description = "" if place.wheelchair == Wheelchair.UNKNOWN else place.get_wheelchair_display()
    return [
        _present(
            {
                "id": hsds_id("accessibility", place.pk),
                "location_id": location_id,
                "description": str(description),
                "details": ", ".join(details),
            }
        )
    ]


def location(place: Place, *, full: bool = True) -> dict:
    """A place as HSDS location: its public point, and for a place shown by its area only
    neither its street address nor anything finer than the area."""
    location_id = hsds_id("location", place.pk)
    point = place.public_location
    document = _present(
        {
            "id": location_id,
            "location_type": "physical",
            "organization_id": hsds_id("organization", place.organisation_id)
            if place.organisation_id
            else None,
            "name": place.name,
            "description": _("Shown by its neighbourhood only: ask the organisation where.")
            if place.shows_area_only
            else "",
            "latitude": round(point.y, 6),
            "longitude": round(point.x, 6),
        }
    )
    if not full:
        return document
    address = postal_address(public_address(place))
    if address is not None:
        document["addresses"] = [
            {
                "id": hsds_id("address", place.pk),
                "location_id": location_id,
                "address_1": address.street,
                "city": address.city,
                "state_province": address.province,
                "postal_code": address.postcode,
                "country": "BE",
                "address_type": "physical",
            }
        ]
    accessibility = _accessibility(place, location_id)
    if accessibility:
        document["accessibility"] = accessibility
    return document


def _rule_parts(rrule: str) -> dict[str, str]:
    return dict(part.split("=", 1) for part in rrule.split(";") if "=" in part)


def _session(schedule_id: str, service_id: str, start: datetime, schedule: Schedule) -> dict:
    local_start = local_naive(start)
    local_end = local_naive(start + schedule.duration)
    return {
        "id": schedule_id,
        "service_id": service_id,
        "dtstart": local_start.date().isoformat(),
        "opens_at": local_start.strftime("%H:%M"),
        "closes_at": local_end.strftime("%H:%M"),
    }


def schedules(activity: Activity, service_id: str, publication: Publication) -> list[dict]:
    """The activity's schedule as HSDS schedules: the rule (with its fields where HSDS has
    them, else in words), and one schedule per extra date. The iCal link carries the whole
    RFC 5545 truth, cancelled dates included."""
    schedule = getattr(activity, "schedule", None)
    if schedule is None:
        return []
    calendar = publication.url("api:activity-ical", activity.pk)
    main = _session(hsds_id("schedule", activity.pk, 0), service_id, schedule.dtstart, schedule)
    main["description"] = schedule_words(schedule, short_code(get_language()))
    main["schedule_link"] = calendar
    main["attending_type"] = "in_person"
    parts = _rule_parts(schedule.rrule) if schedule.rrule else {}
    if not parts:
        main["valid_from"] = main["valid_to"] = main["dtstart"]
    elif set(parts) <= SCHEDULE_PARTS and parts.get("FREQ") in SCHEDULE_FREQUENCIES:
        main["freq"] = parts["FREQ"]
        if "INTERVAL" in parts:
            main["interval"] = int(parts["INTERVAL"])
        if "BYDAY" in parts:
            main["byday"] = parts["BYDAY"]
        if "BYMONTHDAY" in parts:
            main["bymonthday"] = parts["BYMONTHDAY"]
        if "COUNT" in parts:
            main["count"] = int(parts["COUNT"])
        if "WKST" in parts:
            main["wkst"] = parts["WKST"]
        main["valid_from"] = main["dtstart"]
        if "UNTIL" in parts:
            # dateutil has read UNTIL as Brussels wall-clock time (events.recurrence.rules).
            until = parse_rrule(schedule.rrule, dtstart=schedule.dtstart)._until
            main["until"] = main["valid_to"] = until.date().isoformat()
    if schedule.exdates:
        main["notes"] = _("Cancelled: %(dates)s") % {
            "dates": ", ".join(
                local_naive(moment).date().isoformat() for moment in sorted(schedule.exdates)
            )
        }
    extra = []
    for number, start in enumerate(sorted(schedule.rdates), start=1):
        session = _session(hsds_id("schedule", activity.pk, number), service_id, start, schedule)
        session["valid_from"] = session["valid_to"] = session["dtstart"]
        session["schedule_link"] = calendar
        session["attending_type"] = "in_person"
        extra.append(session)
    return [main, *extra]


def _cost_options(activity: Activity, service_id: str) -> list[dict]:
    options = []
    if activity.cost == CostKind.FREE:
        options.append({"option": _("Free"), "amount": 0})
    elif activity.cost == CostKind.PAID:
        options.append(
            _present(
                {
                    "option": _("Price"),
                    "amount": float(activity.cost_amount)
                    if activity.cost_amount is not None
                    else None,
                }
            )
        )
    if activity.social_tariff:
        options.append({"option": _("Social tariff"), "amount_description": activity.social_tariff})
    return [
        {"id": hsds_id("cost_option", activity.pk, number), "service_id": service_id}
        | {key: str(value) if key == "option" else value for key, value in option.items()}
        | {"currency": "EUR"}
        for number, option in enumerate(options)
    ]


def _fees_description(activity: Activity) -> str:
    if activity.cost == CostKind.FREE:
        text = _("Free")
    elif activity.cost == CostKind.PAID and activity.cost_amount is not None:
        text = _("€ %(amount)s") % {"amount": f"{activity.cost_amount:.2f}".replace(".", ",")}
    elif activity.cost == CostKind.PAID:
        text = _("Paid")
    else:
        text = ""
    if activity.social_tariff:
        text = f"{text}. {activity.social_tariff}" if text else activity.social_tariff
    return str(text)


def _description(activity: Activity) -> str:
    return "\n\n".join(
        text for text in (activity.summary, activity.description, activity.what_to_expect) if text
    )


def service_minimal(activity: Activity) -> dict:
    """What `minimal=true` asks: enough to see what changed since the last harvest."""
    return {"id": hsds_id("service", activity.pk), "last_modified": _moment(activity.updated_at)}


def service(activity: Activity, publication: Publication, *, full: bool = True) -> dict:
    """A published activity as HSDS service; `full` adds the arrays of child objects."""
    service_id = hsds_id("service", activity.pk)
    document = _present(
        {
            "id": service_id,
            "organization_id": hsds_id("organization", activity.organisation_id),
            "name": activity.title,
            "description": _description(activity),
            "url": publication.url("frontend:activity", activity.pk),
            "email": activity.contact_email,
            "status": "active",
            "application_process": activity.registration_how,
            "fees_description": _fees_description(activity),
            "eligibility_description": ", ".join(
                str(label)
                for value, label in activity._meta.get_field("audiences").base_field.choices
                if value in activity.audiences
            ),
            "last_modified": _moment(activity.updated_at),
        }
    )
    if not full:
        return document
    document["organization"] = organization(activity.organisation)
    phones = (
        [
            {
                "id": hsds_id("phone", activity.pk, 1),
                "service_id": service_id,
                "number": activity.contact_phone,
            }
        ]
        if activity.contact_phone
        else []
    )
    contacts = (
        [
            _present(
                {
                    "id": hsds_id("contact", activity.pk),
                    "service_id": service_id,
                    "name": activity.host_name,
                    "email": activity.contact_email,
                }
            )
        ]
        if activity.host_name or activity.contact_email
        else []
    )
    arrays = {
        "phones": phones,
        "contacts": contacts,
        "schedules": schedules(activity, service_id, publication),
        "service_areas": [
            _present(
                {
                    "id": hsds_id("service_area", activity.pk, area.pk),
                    "service_id": service_id,
                    "name": area.name,
                    "description": str(area.get_kind_display()),
                    "extent": publication.extents.get(area.pk),
                    "extent_type": "geojson" if area.pk in publication.extents else None,
                }
            )
            for area in activity.service_areas.all()
        ],
        "service_at_locations": [service_at_location(activity, publication)]
        if activity.place_id
        else [],
        "languages": [
            {
                "id": hsds_id("language", activity.pk, number),
                "service_id": service_id,
                "code": code,
                "name": language_label(code),
            }
            for number, code in enumerate(activity.languages)
        ],
        "cost_options": _cost_options(activity, service_id),
        "attributes": [
            {
                "id": hsds_id("attribute", activity.pk, work_model.pk),
                "link_id": service_id,
                "link_type": "work_model",
                "link_entity": "service",
                "taxonomy_term_id": work_model_term_id(work_model.code),
                "taxonomy_term": taxonomy_term(work_model),
            }
            for work_model in activity.work_models.all()
        ],
    }
    return document | {key: value for key, value in arrays.items() if value}


def service_at_location(
    activity: Activity, publication: Publication, *, with_service: bool = False
) -> dict:
    """Where an activity takes place (activities have one place, or none: programmes)."""
    document = {
        "id": hsds_id("service_at_location", activity.pk),
        "service_id": hsds_id("service", activity.pk),
        "location_id": hsds_id("location", activity.place_id),
        "location": location(activity.place),
    }
    if with_service:
        document["service"] = service(activity, publication, full=False)
    return document
