"""HSDS identifiers. HSDS 3.0 gives every object a UUID; Buurtwijzer's rows have integer keys.

An id is a UUID version 8 (RFC 9562, "custom"): a fixed Buurtwijzer prefix, the kind of object
and the row's key. So an id is the same in every answer and every export, distinct per kind,
and read back without a lookup table. The work models' taxonomy and terms use UUID version 5
of their codes instead: the same in every Buurtwijzer installation, so two cities' directories
can be merged on them."""

import uuid

# "buurtw" in ASCII: the 48 bits before the version nibble.
_PREFIX = int.from_bytes(b"buurtw", "big")
_PART_BITS = 31

KINDS = {
    "organization": 1,
    "service": 2,
    "location": 3,
    "service_at_location": 4,
    "schedule": 5,
    "service_area": 6,
    "cost_option": 7,
    "language": 8,
    "phone": 9,
    "contact": 10,
    "accessibility": 11,
    "address": 12,
    "attribute": 13,
}

# The namespace of the names below (uuid5 of the project's address).
_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://github.com/buurtwijzer/buurtwijzer")
WORK_MODEL_TAXONOMY_ID = str(uuid.uuid5(_NAMESPACE, "taxonomy:work-models"))


def work_model_term_id(code: str) -> str:
    return str(uuid.uuid5(_NAMESPACE, f"taxonomy-term:work-models:{code}"))


def hsds_id(kind: str, *keys: int) -> str:
    """The id of a row (one key) or of a part of it (two keys: the row and the part)."""
    if len(keys) == 1:
        value = keys[0]
        if not 0 <= value < 1 << (2 * _PART_BITS):
            raise ValueError(f"key {value} does not fit an HSDS id")
    else:
        row, part = keys
        if not (0 <= row < 1 << _PART_BITS and 0 <= part < 1 << _PART_BITS):
            raise ValueError(f"keys {keys} do not fit an HSDS id")
        value = row << _PART_BITS | part
    number = _PREFIX << 80 | 8 << 76 | KINDS[kind] << 64 | 0b10 << 62 | value
    return str(uuid.UUID(int=number))


def key_of(kind: str, text: str) -> int | None:
    """The row key inside an id of `kind`; None for any other UUID. Raises ValueError when
    `text` is not a UUID at all."""
    number = uuid.UUID(text).int
    if number >> 80 != _PREFIX or number >> 76 & 0xF != 8 or number >> 62 & 0b11 != 0b10:
        return None
    if number >> 64 & 0xFFF != KINDS[kind]:
        return None
    return number & ((1 << 62) - 1)
