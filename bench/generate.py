"""Benchmark data: the real 304 municipalities and 2,767 wijken of Flanders and Brussels, with
synthetic organisations, places, activities and occurrences generated from a seed.

    .venv/bin/python -m bench.generate --places 100000 --activities 100000 \
        --occurrences 1000000 [--seed 1] [--database buurtwijzer_bench]
    .venv/bin/python -m bench.generate --small          # a smoke-sized run

The database is dropped and created fresh on the server of the project's DATABASE_URL,
migrated with `manage.py migrate` and given its areas with `manage.py import_areas`, exactly
as bench/import_areas.py does. Everything after that is written with COPY, not the ORM: the
ORM would spend minutes on a million occurrences that COPY loads in seconds.

Deterministic for a seed, except that dates are relative to today (occurrences run over the
52 weeks from today, like the materialised occurrences of the live app).
"""

import argparse
import bisect
import random
import time
from collections import Counter, defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import psycopg

from bench.scratch import (  # noqa: F401  (re-exported for the other benchmarks)
    REPO,
    areas_import,
    connect,
    database_create,
    database_drop,
    database_url,
    manage,
)

DEFAULT_DATABASE = "buurtwijzer_bench"
BRUSSELS = ZoneInfo("Europe/Brussels")
# buurt.models.FINEST_FIRST, repeated so that the generator needs no Django setup; the smoke
# test checks that the two agree.
FINEST_FIRST = ["sector", "neighbourhood", "district", "municipality"]
DAYS = 364  # 52 weeks from today

# Shares, not laws: a plausible mix for a regional social map.
PLACE_KINDS = {
    "community_centre": 30,
    "library": 8,
    "social_service": 20,
    "school": 15,
    "park": 7,
    "cafe": 10,
    "other": 10,
}
PLACE_KIND_NAMES = {
    "community_centre": "Buurthuis",
    "library": "Bibliotheek",
    "social_service": "Sociaal huis",
    "school": "Basisschool",
    "park": "Park",
    "cafe": "Buurtcafé",
    "other": "Ontmoetingsruimte",
}
ACTIVITY_KINDS = {"event": 25, "recurring": 40, "peer_group": 15, "programme": 20}
# Relative number of dated sessions per kind (drawn uniformly in the range); the run scales
# them so that the occurrence total is exactly --occurrences.
SESSIONS = {
    "event": (0.0, 1.0),
    "recurring": (20, 52),
    "peer_group": (10, 26),
    "programme": (5, 15),
}
# Days between sessions, where the count allows it.
INTERVAL = {"event": 1, "recurring": 7, "peer_group": 14, "programme": 7}
STATUSES = {"published": 85, "pending": 5, "draft": 5, "cancelled": 5}
AUDIENCES = [
    "everyone",
    "children",
    "youth",
    "adults",
    "seniors",
    "families",
    "parents",
    "newcomers",
    "women",
]
OTHER_LANGUAGES = ["fr", "en", "ar", "tr", "ru", "uk", "es", "pl", "ro", "so", "ti", "fa"]
THEMES = [
    "Taalcafé",
    "Buurtsoep",
    "Computerhulp",
    "Praatgroep",
    "Budgetcafé",
    "Moestuin",
    "Wandelclub",
    "Huiswerkklas",
    "Naaiatelier",
    "Repair Café",
    "Kookclub",
    "Spelnamiddag",
    "Buddywerking",
    "Vrijwilligersbank",
    "Opvoedingscafé",
    "Breicafé",
    "Zitdag energie",
    "Fietsatelier",
]
FIRST_NAMES = ["An", "Bram", "Fatima", "Jef", "Lies", "Mohamed", "Nadia", "Pieter", "Sara", "Tom"]
STREETS = [
    "Kerkstraat",
    "Stationsstraat",
    "Dorpsstraat",
    "Molenstraat",
    "Schoolstraat",
    "Nieuwstraat",
]


@dataclass
class Wijk:
    id: int
    name: str
    municipality_id: int
    municipality: str
    weight: float
    stand_in: tuple[float, float]  # ST_PointOnSurface: the public point of an 'area' place


@dataclass
class Sizes:
    places: int
    activities: int
    occurrences: int

    @property
    def organisations(self) -> int:
        return max(5, round(self.places / 50))


# --- Generation ------------------------------------------------------------------------


def wijken_read(conn: psycopg.Connection) -> list[Wijk]:
    # Two proxies of urban density, combined: the number of wijken a municipality has (a
    # city is cut finer: Antwerpen 67, Brugge 41, Gent 25) and 1/area of the wijk (the
    # wijken are roughly balanced in population). Weighting by 1/area alone makes place
    # density go as 1/area² and puts a third of all places in Brussels; the square root of
    # their product gives Antwerpen 6.6 % of the places and the Brussels region 16 % (their
    # shares of the population: about 7 % and 16 %).
    rows = conn.execute(
        """
        SELECT w.id, w.name, m.id, m.name,
               sqrt(count(*) OVER (PARTITION BY m.id) / (ST_Area(w.geometry::geography) / 1e6)),
               ST_X(ST_PointOnSurface(w.geometry)), ST_Y(ST_PointOnSurface(w.geometry))
        FROM buurt_area w JOIN buurt_area m ON m.id = w.parent_id
        WHERE w.kind = 'neighbourhood'
        ORDER BY w.id
        """
    ).fetchall()
    return [Wijk(r[0], r[1], r[2], r[3], r[4], (r[5], r[6])) for r in rows]


def points_in(
    conn: psycopg.Connection, counts: dict[int, int], rng: random.Random, seed: int
) -> dict[int, list[tuple[float, float]]]:
    """`counts[wijk]` uniformly random points inside each wijk, seeded per wijk."""
    # ST_GeneratePoints with a seed is deterministic and samples the real polygon, holes
    # and all; doing the same in Python would need a point-in-polygon test per candidate.
    # It can return a point or two fewer than asked for multi-part areas (its per-part
    # quotas round down: Baarle-Hertog's enclaves), so ask for a few more and sample.
    ids = sorted(counts)
    rows = conn.execute(
        """
        SELECT a.id, ST_X(d.geom), ST_Y(d.geom)
        FROM unnest(%s::bigint[], %s::int[]) AS c(area_id, n)
        JOIN buurt_area a ON a.id = c.area_id
        CROSS JOIN LATERAL ST_Dump(ST_GeneratePoints(
            a.geometry, c.n + 5 + c.n / 20, ((%s::bigint * 100003 + a.id) %% 2000000000 + 1)::int
        )) AS d
        ORDER BY a.id, d.path
        """,
        [ids, [counts[i] for i in ids], seed],
    ).fetchall()
    drawn: dict[int, list[tuple[float, float]]] = defaultdict(list)
    for area_id, x, y in rows:
        drawn[area_id].append((x, y))
    return {area_id: rng.sample(drawn[area_id], counts[area_id]) for area_id in ids}


def weighted(rng: random.Random, shares: dict[str, float], k: int) -> list[str]:
    return rng.choices(list(shares), weights=list(shares.values()), k=k)


def allocate(weights: list[float], total: int, cap: int) -> list[int]:
    """Split `total` in proportion to `weights` (largest remainder), at most `cap` each."""
    counts = [0] * len(weights)
    open_ = [i for i, w in enumerate(weights) if w > 0]
    left = total
    while left > 0 and open_:
        weight_sum = sum(weights[i] for i in open_)
        quotas = {i: weights[i] * left / weight_sum for i in open_}
        given = 0
        for i in open_:
            add = min(int(quotas[i]), cap - counts[i])
            counts[i] += add
            given += add
        remainder = left - given
        for i in sorted(open_, key=lambda i: (int(quotas[i]) - quotas[i], i)):
            if remainder == 0:
                break
            if counts[i] < cap:
                counts[i] += 1
                remainder -= 1
        left = remainder
        open_ = [i for i in open_ if counts[i] < cap]
    if left:
        raise SystemExit(f"Cannot fit the occurrences: at most {cap} per activity.")
    return counts


@contextmanager
def step(name: str, timings: dict[str, float]) -> Iterator[None]:
    started = time.perf_counter()
    yield
    timings[name] = time.perf_counter() - started
    print(f"  {name:<40} {timings[name]:7.1f} s", flush=True)


def generate(conn: psycopg.Connection, sizes: Sizes, seed: int, timings: dict) -> dict:
    rng = random.Random(seed)
    now = datetime.now(BRUSSELS)
    today = now.date()
    wijken = wijken_read(conn)
    by_id = {w.id: w for w in wijken}
    by_municipality: dict[int, list[Wijk]] = defaultdict(list)
    for w in wijken:
        by_municipality[w.municipality_id].append(w)
    cum_weights = []
    running = 0.0
    for w in wijken:
        running += w.weight
        cum_weights.append(running)

    def some_wijk() -> Wijk:
        return wijken[bisect.bisect(cum_weights, rng.random() * running)]

    work_models = [row[0] for row in conn.execute("SELECT id FROM events_workmodel ORDER BY id")]
    if len(work_models) != 7:
        raise SystemExit(f"Expected the seven work models, found {len(work_models)}.")

    # Organisations -----------------------------------------------------------------
    with step("organisations", timings):
        homes = [some_wijk() for _ in range(sizes.organisations)]
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
        org_ids = range(1, sizes.organisations + 1)

    # Places --------------------------------------------------------------------------
    with step("places: points in wijken (PostGIS)", timings):
        place_wijk = [some_wijk() for _ in range(sizes.places)]
        counts = Counter(w.id for w in place_wijk)
        points = points_in(conn, counts, rng, seed)
        taken: Counter[int] = Counter()
    with step("places: COPY", timings):
        place_org: list[int | None] = []
        kinds = weighted(rng, PLACE_KINDS, sizes.places)
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
    with step("places: area + public point (app rule)", timings):
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
        print(f"    {moved} rows corrected")

    # Activities ------------------------------------------------------------------------
    with step("activities: COPY (+ M2M rows)", timings):
        activity_kinds = weighted(rng, ACTIVITY_KINDS, sizes.activities)
        statuses = weighted(rng, STATUSES, sizes.activities)
        links, served = [], []
        with conn.cursor().copy(
            "COPY events_activity (id, kind, title, summary, description, what_to_expect, "
            "audiences, languages, basic_dutch_ok, cost, cost_amount, social_tariff, "
            "registration_required, registration_how, host_name, contact_phone, "
            "contact_email, status, status_before_cancel, cancel_reason, created_at, "
            "updated_at, last_verified, organisation_id, place_id) FROM STDIN"
        ) as copy:
            for activity_id in range(1, sizes.activities + 1):
                kind = activity_kinds[activity_id - 1]
                if rng.random() < 0.9:
                    place_id = rng.randint(1, sizes.places)
                    org = place_org[place_id - 1]
                    where = place_wijk[place_id - 1]
                    if org is None or rng.random() < 0.2:
                        org = rng.choice(org_ids)
                else:  # no venue, such as a buddy scheme: areas served instead
                    place_id, org, where = None, rng.choice(org_ids), some_wijk()
                    if rng.random() < 0.2:
                        served.append((activity_id, where.municipality_id))
                    else:
                        neighbours = by_municipality[where.municipality_id]
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

    # Occurrences ---------------------------------------------------------------------
    with step("occurrences: COPY", timings):
        n_occurrences = occurrences_copy(conn, rng, activity_kinds, sizes.occurrences, today)

    return {
        "municipalities": len({w.municipality_id for w in wijken}),
        "wijken": len(by_id),
        "organisations": sizes.organisations,
        "places": sizes.places,
        "activities": sizes.activities,
        "work model links": len(links),
        "service areas": len(served),
        "occurrences": n_occurrences,
    }


def occurrences_copy(
    conn: psycopg.Connection, rng: random.Random, kinds: list[str], total: int, today: date
) -> int:
    """Sessions over the 52 weeks from today, 9:00–20:00 Brussels wall-clock, 1–3 h."""
    lows_highs = [SESSIONS[kind] for kind in kinds]
    weights = [rng.uniform(low, high) for low, high in lows_highs]
    # One session for every activity first (a one-off event has one), the rest by weight.
    if total >= len(kinds):
        base, extra = 1, allocate(weights, total - len(kinds), DAYS - 1)
    else:
        base, extra = 0, allocate([1.0] * len(kinds), total, 1)
    # Text lines, not write_row: a million rows of four plain fields are written fastest
    # as preformatted text. Wall-clock 9:00–23:00 never meets a DST change (2:00–3:00), so
    # one UTC offset per day is exact.
    days = []
    for offset in range(DAYS):
        day = today + timedelta(days=offset)
        utc = datetime(day.year, day.month, day.day, 12, tzinfo=BRUSSELS).utcoffset()
        hours = int(utc.total_seconds() // 3600)
        days.append((day.isoformat(), f"+{hours:02d}"))
    written = 0
    chunk: list[str] = []
    with conn.cursor().copy(
        'COPY events_occurrence (activity_id, start, "end", cancelled, cancel_reason) FROM STDIN'
    ) as copy:
        for index, kind in enumerate(kinds):
            n = base + extra[index]
            if n == 0:
                continue
            # A series wraps around the 52 weeks (364 days, a multiple of 7 and 14) so that
            # every week holds about as many sessions; a series cut at the ends of the
            # horizon would pile them up in the middle weeks.
            interval = INTERVAL[kind]
            while n * interval > DAYS:
                interval = 7 if interval > 7 else 1
            if interval == 1:
                offsets = sorted(rng.sample(range(DAYS), n))
            else:
                first = rng.randrange(DAYS)
                offsets = sorted((first + k * interval) % DAYS for k in range(n))
            start = rng.randrange(9 * 4, 20 * 4 + 1) * 15  # minutes after midnight
            end = start + rng.randrange(2, 7) * 30  # 1 to 3 hours
            activity_id = index + 1
            times = f"{start // 60:02d}:{start % 60:02d}:00", f"{end // 60:02d}:{end % 60:02d}:00"
            for offset in offsets:
                day, tz = days[offset]
                cancelled = "t" if rng.random() < 0.02 else "f"
                chunk.append(
                    f"{activity_id}\t{day} {times[0]}{tz}\t{day} {times[1]}{tz}\t{cancelled}\t\n"
                )
            written += n
            if len(chunk) >= 50_000:
                copy.write("".join(chunk))
                chunk.clear()
        copy.write("".join(chunk))
    return written


def sequences_reset(conn: psycopg.Connection) -> None:
    """Ids were given explicitly; let the identity columns continue after them."""
    for table in ("places_organisation", "places_place", "events_activity"):
        conn.execute(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
            f"(SELECT coalesce(max(id), 0) + 1 FROM {table}), false)"
        )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--places", type=int, default=100_000)
    parser.add_argument("--activities", type=int, default=100_000)
    parser.add_argument("--occurrences", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--database", default=DEFAULT_DATABASE)
    parser.add_argument(
        "--small",
        action="store_true",
        help="Smoke size: 2,000 places and activities, 20,000 occurrences.",
    )
    options = parser.parse_args(argv)
    if options.small:
        options.places, options.activities, options.occurrences = 2_000, 2_000, 20_000
    sizes = Sizes(options.places, options.activities, options.occurrences)
    if sizes.places < 1 or sizes.activities < 1 or sizes.occurrences < 0:
        parser.error("--places and --activities must be at least 1.")

    timings: dict[str, float] = {}
    started = time.perf_counter()
    print(f"bench.generate into {options.database} (seed {options.seed})", flush=True)
    with step("create database + postgis", timings):
        url = database_create(options.database)
    with step("manage.py migrate", timings):
        manage(url, "migrate", "-v", "0")
    with step("manage.py import_areas (2 files)", timings):
        areas_import(url)
    with connect(url) as conn:
        # Bulk load: nothing here needs to survive a crash before the commit.
        conn.execute("SET synchronous_commit = off")
        counts = generate(conn, sizes, options.seed, timings)
        sequences_reset(conn)
        with step("commit (deferred foreign-key checks)", timings):
            conn.commit()
    with connect(url, autocommit=True) as conn, step("ANALYZE", timings):
        conn.execute("ANALYZE")
    total = time.perf_counter() - started
    print(f"  {'total':<40} {total:7.1f} s")
    print("  " + ", ".join(f"{name} {count:,}" for name, count in counts.items()))


if __name__ == "__main__":
    main()
