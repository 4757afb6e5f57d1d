"""Belgian postal addresses as the places hold them: one line, "Kerkstraat 25, 9000 Gent".

Publications that want the parts (HSDS addresses, with street, postcode, city and province) read
them here. An address that does not have that shape is not guessed at: it has no parts."""

import re
from dataclasses import dataclass

_ADDRESS = re.compile(
    r"^\s*(?P<street>[^,]+?)\s*,\s*(?:B-?\s*)?(?P<postcode>[1-9]\d{3})\s+(?P<city>\S.*?)\s*$"
)

# bpost's postcode ranges, by the first postcode of each range: every Belgian postcode lies in
# one province (or in the Brussels-Capital Region, which has none). Names in Dutch, the
# language of the Flemish administration.
_PROVINCES = (
    (1000, "Brussels Hoofdstedelijk Gewest"),
    (1300, "Waals-Brabant"),
    (1500, "Vlaams-Brabant"),
    (2000, "Antwerpen"),
    (3000, "Vlaams-Brabant"),
    (3500, "Limburg"),
    (4000, "Luik"),
    (5000, "Namen"),
    (6000, "Henegouwen"),
    (6600, "Luxemburg"),
    (7000, "Henegouwen"),
    (8000, "West-Vlaanderen"),
    (9000, "Oost-Vlaanderen"),
)


@dataclass(frozen=True)
class PostalAddress:
    street: str
    postcode: str
    city: str

    @property
    def province(self) -> str:
        number = int(self.postcode)
        return [name for start, name in _PROVINCES if start <= number][-1]


def postal_address(text: str) -> PostalAddress | None:
    """The parts of a one-line Belgian address, or None when it does not read as one."""
    match = _ADDRESS.match(text or "")
    if match is None:
        return None
    return PostalAddress(match["street"], match["postcode"], match["city"])
