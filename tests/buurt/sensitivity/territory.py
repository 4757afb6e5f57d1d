"""Hand-built territories for the gentrification-sensitivity tests (docs/sensitivity.md).

Most tests build one municipality with five neighbourhoods in a row of squares (through a
district, so that the municipality is found by walking the parents). With five areas the
quintile formula 1 + floor(5 × lower / 5) is simply 1 + the number of areas strictly lower,
and with equal populations the municipality's reference is the plain mean, which keeps the
expected numbers readable. A second municipality touches the row on the west, with extreme
values, to show that nothing crosses municipal borders.
"""

from dataclasses import dataclass, field

from django.contrib.gis.geos import MultiPolygon, Polygon

from buurt.models import Area, AreaKind, IndicatorValue, SensitivityAssessment
from buurt.sensitivity.assess import sensitivity_assess

T0, T1 = 2018, 2023
X0, Y0, STEP = 3.70, 51.00, 0.01


def cell(col: int, row: int) -> MultiPolygon:
    """A grid square; neighbouring squares share exactly the same corner coordinates."""

    def x(c: int) -> float:
        return round(X0 + c * STEP, 6)

    def y(r: int) -> float:
        return round(Y0 + r * STEP, 6)

    return MultiPolygon(Polygon.from_bbox((x(col), y(row), x(col + 1), y(row + 1))), srid=4326)


@dataclass
class Year:
    """One area's figures in one year; `skip` leaves indicators out (missing data)."""

    price: float
    renters: float = 0.2
    migration: float = 0.2
    education: float = 0.2
    low_income: float = 0.2
    income: float = 30000
    population: float = 1000
    households: float = 400
    skip: tuple[str, ...] = field(default=())

    def rows(self, area: Area, year: int) -> list[IndicatorValue]:
        values = {
            "population": self.population,
            "households": self.households,
            "share_renters": self.renters,
            "share_migration_background": self.migration,
            "share_no_higher_education": self.education,
            "share_low_income": self.low_income,
            "median_income": self.income,
            "median_sale_price": self.price * 1000,
        }
        return [
            IndicatorValue(area=area, indicator=indicator, year=year, value=value)
            for indicator, value in values.items()
            if indicator not in self.skip
        ]


def shares(value: float, **overrides) -> dict:
    return {"renters": value, "migration": value, "education": value, "low_income": value} | {
        key: overrides[key] for key in overrides
    }


# Demographic profiles (t0, t1) of the area under test. Every other area is PLAIN.
PLAIN = ({}, {"income": 33000})  # shares 0.2 both years, income +10 %
STABLE_VULNERABLE = (
    shares(0.6) | {"income": 20000},
    shares(0.6) | {"income": 22000},  # +10 %, the same as the municipality
)
CHANGING_VULNERABLE = (
    shares(0.7, low_income=0.6) | {"income": 20000},
    shares(0.6) | {"income": 26000},  # shares −10 points, income +30 %
)
CONTINUED = (shares(0.6) | {"income": 20000}, shares(0.2) | {"income": 22000})

# Prices in thousands (t0, t1) for the five areas in the row, the area under test first.
# Area 1 touches area 0; areas 2-4 do not.
MARKETS = {
    # area 1 has the highest price in t1 (quintile 5); every appreciation is +10 % (a tie)
    "adjacent": [(100, 110), (400, 440), (150, 165), (200, 220), (300, 330)],
    "accelerating": [(100, 200), (150, 165), (200, 220), (300, 330), (400, 440)],
    "appreciated": [(100, 500), (150, 165), (200, 220), (300, 330), (400, 440)],
    # the high areas (3 and 4) do not touch area 0
    "none": [(100, 110), (150, 165), (200, 220), (300, 330), (400, 440)],
}


def make_town(code: str = "T1") -> tuple[Area, Area]:
    municipality = Area.objects.create(
        kind=AreaKind.MUNICIPALITY, code=code, name=f"Gemeente {code}", geometry=cell(0, 0)
    )
    district = Area.objects.create(
        kind=AreaKind.DISTRICT,
        code=f"{code}D",
        name=f"District {code}",
        parent=municipality,
        geometry=cell(0, 0),
    )
    return municipality, district


def neighbourhood(code: str, parent: Area | None, col: int, row: int = 0) -> Area:
    return Area.objects.create(
        kind=AreaKind.NEIGHBOURHOOD, code=code, name=code, parent=parent, geometry=cell(col, row)
    )


def give(area: Area, t0: Year, t1: Year) -> None:
    IndicatorValue.objects.bulk_create(t0.rows(area, T0) + t1.rows(area, T1))


def row_town(
    profile: tuple[dict, dict],
    market: str | list[tuple[float, float]],
    *,
    subject_t0: dict | None = None,
    subject_t1: dict | None = None,
) -> list[Area]:
    """Five neighbourhoods in a row, the first one with `profile`, and a foreign neighbour."""
    _, district = make_town()
    prices = MARKETS[market] if isinstance(market, str) else market
    areas = [neighbourhood(f"T1W{i}", district, col=i) for i in range(5)]
    for i, (area, (p0, p1)) in enumerate(zip(areas, prices, strict=True)):
        t0, t1 = profile if i == 0 else PLAIN
        if i == 0:
            t0, t1 = t0 | (subject_t0 or {}), t1 | (subject_t1 or {})
        give(area, Year(price=p0, **t0), Year(price=p1, **t1))
    # Another municipality's neighbourhood touches area 0: the highest price and rise of its
    # own municipality, many renters. It must change nothing in the first municipality.
    _, other = make_town("T2")
    foreign = neighbourhood("T2W0", other, col=-1)
    give(foreign, Year(price=900, **shares(0.9)), Year(price=3000, **shares(0.1)))
    for col in (-3, -4):
        give(neighbourhood(f"T2W{-col}", other, col=col), Year(price=50), Year(price=55))
    return areas


def assess(area: Area) -> SensitivityAssessment:
    sensitivity_assess(kind=AreaKind.NEIGHBOURHOOD, t0=T0, t1=T1)
    return SensitivityAssessment.objects.get(area=area)
