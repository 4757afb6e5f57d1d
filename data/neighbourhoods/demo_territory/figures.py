"""The figures of Buurtegem's neighbourhoods for 2018 and 2023, drawn from the ranges of
each socio-economic profile so that the gentrification typology has something to find."""

import random

# 2018 ranges and 2018->2023 changes per profile. Shares are fractions; "x" is a factor.
PROFILES = {
    # Central, many renters and newcomers, low incomes; stays that way.
    "vulnerable": {
        "population": (4300, 5900),
        "growth": (1.01, 1.04),
        "hh_size": ((2.25, 2.55), (-0.03, 0.03)),
        "share_renters": ((0.58, 0.70), (0.00, 0.02)),
        "share_migration_background": ((0.48, 0.62), (0.01, 0.04)),
        "share_no_higher_education": ((0.62, 0.74), (-0.02, 0.00)),
        "share_low_income": ((0.30, 0.40), (-0.01, 0.02)),
        "median_income": ((20500, 23500), (1.09, 1.12)),
        "median_sale_price": ((180000, 215000), (1.14, 1.19)),
    },
    # Same starting point as "vulnerable", then new lofts, young professionals, rising prices.
    "gentrifying": {
        "population": (4000, 5400),
        "growth": (1.05, 1.09),
        "hh_size": ((2.30, 2.50), (-0.28, -0.20)),
        "share_renters": ((0.55, 0.66), (-0.12, -0.08)),
        "share_migration_background": ((0.42, 0.55), (-0.08, -0.05)),
        "share_no_higher_education": ((0.58, 0.70), (-0.14, -0.10)),
        "share_low_income": ((0.27, 0.35), (-0.10, -0.07)),
        "median_income": ((21500, 24000), (1.24, 1.32)),
        "median_sale_price": ((185000, 220000), (1.42, 1.58)),
    },
    "middle": {
        "population": (2500, 4500),
        "growth": (1.00, 1.03),
        "hh_size": ((2.20, 2.40), (-0.03, 0.01)),
        "share_renters": ((0.28, 0.40), (-0.02, 0.02)),
        "share_migration_background": ((0.18, 0.30), (0.01, 0.03)),
        "share_no_higher_education": ((0.45, 0.56), (-0.03, -0.01)),
        "share_low_income": ((0.14, 0.20), (-0.01, 0.01)),
        "median_income": ((26000, 30500), (1.11, 1.14)),
        "median_sale_price": ((235000, 285000), (1.18, 1.24)),
    },
    # Green edges: owner-occupied houses, high incomes; stable.
    "affluent": {
        "population": (1500, 3000),
        "growth": (0.99, 1.02),
        "hh_size": ((2.30, 2.50), (-0.04, 0.00)),
        "share_renters": ((0.12, 0.22), (-0.01, 0.01)),
        "share_migration_background": ((0.07, 0.14), (0.01, 0.02)),
        "share_no_higher_education": ((0.28, 0.38), (-0.03, -0.01)),
        "share_low_income": ((0.05, 0.09), (-0.01, 0.01)),
        "median_income": ((32500, 35000), (1.11, 1.14)),
        "median_sale_price": ((320000, 370000), (1.18, 1.22)),
    },
}
SHARES = [
    "share_renters",
    "share_migration_background",
    "share_no_higher_education",
    "share_low_income",
]
INDICATOR_ORDER = [
    "population",
    "households",
    *SHARES,
    "median_income",
    "median_sale_price",
]


def indicators_for(profile_name: str, rng: random.Random) -> dict[int, dict[str, float]]:
    p = PROFILES[profile_name]
    pop_2023 = rng.randint(*p["population"])
    pop_2018 = round(pop_2023 / rng.uniform(*p["growth"]))
    size_2018 = rng.uniform(*p["hh_size"][0])
    size_2023 = size_2018 + rng.uniform(*p["hh_size"][1])
    v18: dict[str, float] = {"population": pop_2018, "households": round(pop_2018 / size_2018)}
    v23: dict[str, float] = {"population": pop_2023, "households": round(pop_2023 / size_2023)}
    for share in SHARES:
        (lo, hi), (dlo, dhi) = p[share]
        start = rng.uniform(lo, hi)
        v18[share] = round(min(1.0, max(0.0, start)), 3)
        v23[share] = round(min(1.0, max(0.0, start + rng.uniform(dlo, dhi))), 3)
    for money, step in (("median_income", 10), ("median_sale_price", 500)):
        (lo, hi), (flo, fhi) = p[money]
        start = rng.uniform(lo, hi)
        v18[money] = int(round(start / step) * step)
        v23[money] = int(round(start * rng.uniform(flo, fhi) / step) * step)
    return {2018: v18, 2023: v23}
