"""The words, shares and sizes the generator draws from: a plausible mix for a regional
social map, not a law of one."""

import random
from dataclasses import dataclass
from zoneinfo import ZoneInfo

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
class Sizes:
    places: int
    activities: int
    occurrences: int

    @property
    def organisations(self) -> int:
        return max(5, round(self.places / 50))


def weighted(rng: random.Random, shares: dict[str, float], k: int) -> list[str]:
    """`k` draws from the keys of `shares`, in proportion to their values."""
    return rng.choices(list(shares), weights=list(shares.values()), k=k)
