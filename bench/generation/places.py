"""Organisations and places, written with COPY, then located by the app's own rule."""

import random
from collections import Counter
from datetime import datetime, timedelta

import psycopg

from bench.generation.territory import Territory, Wijk, points_in
from bench.generation.vocabulary import (
    FINEST_FIRST,
    PLACE_KIND_NAMES,
    PLACE_KINDS,
    STREETS,
    Sizes,
    weighted,
)


def organisations_copy(
    conn: psycopg.Connection,
    rng: random.Random,
    territory: Territory,
    sizes: Sizes,
    now: datetime,
) -> range:
    """The organisations, each named after a home wijk's municipality; returns their ids."""
    today = now.date()
    homes = [territory.some_wijk() for _ in range(sizes.organisations)]
    with conn.cursor().copy(
        "COPY places_organisation (id, name, description, website, phone, email, "
        "verified, last_verified, created_at, updated_at) FROM STDIN"
    ) as copy:
        for org_id, home in enumerate(homes, start=1):
            verified = rng.random() >= 0.25  # a quarter waits for verification
            copy.write_row(
                (
                    org_id,
                    f"Buurtwerk {home.municipality} {org_id}",
                    "",
                    f"https://buurtwerk-{org_id}.example.org",
                    "",
                    f"info@buurtwerk-{org_id}.example.org",
                    verified,
                    today - timedelta(days=rng.randrange(365)) if verified else None,
                    now,
                    now,
                )
            )
    return range(1, sizes.organisations + 1)


def places_draw(
    conn: psycopg.Connection, rng: random.Random, territory: Territory, sizes: Sizes, seed: int
) -> tuple[list[Wijk], dict[int, list[tuple[float, float]]]]:
    """The wijk of every place, and the random points drawn inside each wijk."""
    place_wijk = [territory.some_wijk() for _ in range(sizes.places)]
    counts = Counter(w.id for w in place_wijk)
    return place_wijk, points_in(conn, counts, rng, seed)


def places_copy(
    conn: psycopg.Connection,
    rng: random.Random,
    place_wijk: list[Wijk],
    points: dict[int, list[tuple[float, float]]],
    org_ids: range,
    now: datetime,
) -> list[int | None]:
    """The places at their drawn points; returns the organisation of each (or None)."""
    taken: Counter[int] = Counter()
    place_org: list[int | None] = []
    kinds = weighted(rng, PLACE_KINDS, len(place_wijk))
    with conn.cursor().copy(
        "COPY places_place (id, name, kind, address, location, precision, area_id, "
        "public_location, wheelchair, accessible_toilet, hearing_loop, opening_hours, "
        "organisation_id, created_at, updated_at) FROM STDIN"
    ) as copy:
        for place_id, (w, kind) in enumerate(zip(place_wijk, kinds, strict=True), start=1):
            x, y = points[w.id][taken[w.id]]
            taken[w.id] += 1
            area = rng.random() < 0.05  # shown only by its neighbourhood
            public = w.stand_in if area else (x, y)
            # A hidden place always belongs to an organisation (a database check).
            owned = rng.random() < 0.9
            org = rng.choice(org_ids) if owned or area else None
            place_org.append(org)
            copy.write_row(
                (
                    place_id,
                    f"{PLACE_KIND_NAMES[kind]} {w.name} {place_id}",
                    kind,
                    f"{rng.choice(STREETS)} {rng.randint(1, 200)}, {w.municipality}",
                    f"SRID=4326;POINT({x!r} {y!r})",
                    "area" if area else "exact",
                    w.id,  # checked against the app's rule below
                    f"SRID=4326;POINT({public[0]!r} {public[1]!r})",
                    rng.choice(["yes", "partial", "no", "unknown"]),
                    rng.random() < 0.4,
                    rng.random() < 0.1,
                    "ma–vr 9:00–17:00" if rng.random() < 0.5 else "",
                    org,
                    now,
                    now,
                )
            )
    return place_org


def places_locate(conn: psycopg.Connection) -> int:
    """Give every place its area and public point by the app's rule; returns rows moved."""
    # The rule of places.services.places_locate: the finest area that covers the real
    # point (lowest id among equals); the public point is the real one for 'exact' and
    # the area's point on surface for 'area'. Points were drawn inside their wijk, so
    # only points on a shared border can move; rewrite just those rows.
    moved = conn.execute(
        """
        WITH finest AS (
            SELECT p.id, (
                SELECT a.id FROM buurt_area a
                WHERE ST_Covers(a.geometry, p.location::geometry)
                ORDER BY array_position(%s::text[], a.kind::text), a.id
                LIMIT 1
            ) AS area_id
            FROM places_place p
        )
        UPDATE places_place p SET area_id = f.area_id
        FROM finest f
        WHERE f.id = p.id AND p.area_id IS DISTINCT FROM f.area_id
        """,
        [FINEST_FIRST],
    ).rowcount
    moved += conn.execute(
        """
        UPDATE places_place p
        SET public_location = CASE WHEN p.precision = 'area'
                                   THEN ST_PointOnSurface(a.geometry)
                                   ELSE p.location::geometry END
        FROM buurt_area a
        WHERE a.id = p.area_id
          AND NOT p.public_location ~= CASE WHEN p.precision = 'area'
                                            THEN ST_PointOnSurface(a.geometry)
                                            ELSE p.location::geometry END
        """
    ).rowcount
    return moved
