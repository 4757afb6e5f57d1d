"""Dated sessions of every activity over the 52 weeks from today, the total split over the
activities in proportion to their kind, written with COPY as preformatted text."""

import random
from datetime import date, datetime, timedelta

import psycopg

from bench.generation.vocabulary import BRUSSELS, DAYS, INTERVAL, SESSIONS


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
