"""Activities with their work models and, for those without a venue, the areas they serve,
written with COPY."""

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import psycopg

from bench.generation.territory import Territory, Wijk
from bench.generation.vocabulary import (
    ACTIVITY_KINDS,
    AUDIENCES,
    FIRST_NAMES,
    OTHER_LANGUAGES,
    STATUSES,
    THEMES,
    Sizes,
    weighted,
)


@dataclass
class Activities:
    """What was written: the kind of each activity (by id - 1) and the M2M rows."""

    kinds: list[str]
    links: list[tuple[int, int]] = field(default_factory=list)
    served: list[tuple[int, int]] = field(default_factory=list)


def activities_copy(
    conn: psycopg.Connection,
    rng: random.Random,
    territory: Territory,
    sizes: Sizes,
    *,
    place_wijk: list[Wijk],
    place_org: list[int | None],
    org_ids: range,
    work_models: list[int],
    now: datetime,
) -> Activities:
    """The activities, at a drawn place (its organisation, mostly) or serving areas."""
    today = now.date()
    written = Activities(kinds=weighted(rng, ACTIVITY_KINDS, sizes.activities))
    statuses = weighted(rng, STATUSES, sizes.activities)
    links, served = written.links, written.served
    with conn.cursor().copy(
        "COPY events_activity (id, kind, title, summary, description, what_to_expect, "
        "audiences, languages, basic_dutch_ok, cost, cost_amount, social_tariff, "
        "registration_required, registration_how, host_name, contact_phone, "
        "contact_email, status, status_before_cancel, cancel_reason, created_at, "
        "updated_at, last_verified, organisation_id, place_id) FROM STDIN"
    ) as copy:
        for activity_id in range(1, sizes.activities + 1):
            kind = written.kinds[activity_id - 1]
            if rng.random() < 0.9:
                place_id = rng.randint(1, sizes.places)
                org = place_org[place_id - 1]
                where = place_wijk[place_id - 1]
                if org is None or rng.random() < 0.2:
                    org = rng.choice(org_ids)
            else:  # no venue, such as a buddy scheme: areas served instead
                place_id, org, where = None, rng.choice(org_ids), territory.some_wijk()
                if rng.random() < 0.2:
                    served.append((activity_id, where.municipality_id))
                else:
                    neighbours = territory.by_municipality[where.municipality_id]
                    for w in {where.id, *(rng.choice(neighbours).id for _ in range(2))}:
                        served.append((activity_id, w))
            theme = rng.choice(THEMES)
            paid = rng.random() < 0.25
            registration = rng.random() < 0.3
            created = now - timedelta(days=rng.randrange(730), minutes=rng.randrange(1440))
            languages = ["nl", *rng.sample(OTHER_LANGUAGES, rng.choice([0, 0, 1, 2]))]
            copy.write_row(
                (
                    activity_id,
                    kind,
                    f"{theme} {where.name}",
                    f"{theme} voor iedereen uit de buurt.",
                    "",
                    "Je bent welkom, ook als je niemand kent." if rng.random() < 0.5 else "",
                    rng.sample(AUDIENCES, rng.randint(1, 2)),
                    languages,
                    rng.random() < 0.8,
                    "paid" if paid else "free",
                    f"{rng.randint(1, 30)}.{rng.choice(['00', '50'])}" if paid else None,
                    "UiTPAS kansentarief €0,60" if paid and rng.random() < 0.5 else "",
                    registration,
                    "Bel of mail ons." if registration else "",
                    rng.choice(FIRST_NAMES),
                    "",
                    "",
                    statuses[activity_id - 1],
                    "",
                    "",
                    created,
                    created + timedelta(days=rng.randrange(30)),
                    today - timedelta(days=rng.randrange(365)) if rng.random() < 0.8 else None,
                    org,
                    place_id,
                )
            )
            for code in rng.sample(work_models, rng.randint(1, 2)):
                links.append((activity_id, code))
    with conn.cursor().copy(
        "COPY events_activity_work_models (activity_id, workmodel_id) FROM STDIN"
    ) as copy:
        for row in links:
            copy.write_row(row)
    with conn.cursor().copy(
        "COPY events_activity_service_areas (activity_id, area_id) FROM STDIN"
    ) as copy:
        for row in served:
            copy.write_row(row)
    return written
