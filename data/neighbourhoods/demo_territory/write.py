"""Writes the geometry and the figures of Buurtegem: three GeoJSON files and indicators.csv,
byte-identical every time (one seeded random stream, drawn in a fixed order)."""

import csv
import json
import random
from pathlib import Path

from .figures import INDICATOR_ORDER, SHARES, indicators_for
from .geometry import build_cells, check_ring, multipolygon, outer_ring
from .territory import COLS, DISTRICTS, FICTIONAL_NOTE, MUNICIPALITY, NEIGHBOURHOODS, ROWS, ncode


def write_feature_collection(path: Path, name: str, features: list[dict]) -> None:
    """RFC 7946 FeatureCollection, one feature per line (small diffs, readable)."""
    lines = [json.dumps(f, ensure_ascii=False, separators=(",", ":")) for f in features]
    header = json.dumps(
        {
            "type": "FeatureCollection",
            "name": name,
            "description": FICTIONAL_NOTE,
        },
        ensure_ascii=False,
    )[:-1]
    body = ",\n".join(lines)
    path.write_text(f'{header}, "features": [\n{body}\n]}}\n', encoding="utf-8")


def feature(properties: dict, ring: list[tuple[float, float]]) -> dict:
    return {"type": "Feature", "properties": properties, "geometry": multipolygon(ring)}


def main(directory: Path) -> None:
    """Write the geometry and the figures into `directory`, from a fixed seed."""
    rng = random.Random(2026)
    cells = build_cells(rng)
    for (i, j), ring in cells.items():
        check_ring(ring, f"cell {i},{j}")

    # Neighbourhoods and their indicators.
    rings: dict[str, list[tuple[float, float]]] = {}
    indicators: dict[str, dict[int, dict[str, float]]] = {}
    neighbourhood_features = []
    for suffix, name, district, col, row, profile in NEIGHBOURHOODS:
        code = ncode(suffix)
        rings[code] = cells[(col, row)]
        indicators[code] = indicators_for(profile, rng)
        neighbourhood_features.append(
            feature(
                {
                    "code": code,
                    "name": name,
                    "district_code": ncode(district),
                    "population": indicators[code][2023]["population"],
                },
                rings[code],
            )
        )
    assert len(rings) == COLS * ROWS and {(n[3], n[4]) for n in NEIGHBOURHOODS} == set(cells)

    district_features = []
    for district in DISTRICTS:
        members = [ncode(n[0]) for n in NEIGHBOURHOODS if ncode(n[2]) == district["code"]]
        ring = outer_ring([rings[c] for c in members])
        check_ring(ring, district["code"])
        district_features.append(
            feature(
                {
                    "code": district["code"],
                    "name": district["name"],
                    "municipality_code": MUNICIPALITY["code"],
                    "population": sum(indicators[c][2023]["population"] for c in members),
                },
                ring,
            )
        )

    outline = outer_ring(list(cells.values()))
    check_ring(outline, MUNICIPALITY["code"])
    municipality_feature = feature(
        {**MUNICIPALITY, "population": sum(v[2023]["population"] for v in indicators.values())},
        outline,
    )

    write_feature_collection(
        directory / "municipality.geojson", "municipality", [municipality_feature]
    )
    write_feature_collection(directory / "districts.geojson", "districts", district_features)
    write_feature_collection(
        directory / "neighbourhoods.geojson", "neighbourhoods", neighbourhood_features
    )

    with (directory / "indicators.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["area_kind", "area_code", "indicator", "year", "value"])
        for code in sorted(indicators):
            for indicator in INDICATOR_ORDER:
                for year in (2018, 2023):
                    value = indicators[code][year][indicator]
                    text = f"{value:.3f}" if indicator in SHARES else str(int(value))
                    writer.writerow(["neighbourhood", code, indicator, year, text])

    print(
        f"Wrote the fictional territory {MUNICIPALITY['name']} to {directory}: 1 municipality, "
        f"{len(district_features)} districts, {len(neighbourhood_features)} neighbourhoods and "
        f"their indicators."
    )
