"""Short codes for the printed links to activities (`/b/00K7`): derived from the id, so
stable without storing anything. Crockford's base-32 alphabet leaves out I, L, O and U;
reading accepts lower case, O for 0, I and L for 1, and spaces or hyphens. The last
character checks the others: a code read or typed wrong leads to "not found", not to
another activity."""

import re

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
VALUES = {character: value for value, character in enumerate(ALPHABET)}
READ_AS = str.maketrans({"O": "0", "I": "1", "L": "1"})
# Three digits before the check character: 32,768 activities in four characters.
MIN_DIGITS = 3
MAX_LENGTH = 13


def _check(digits: str) -> str:
    # Odd weights are invertible modulo 32: every single wrong character changes the sum.
    total = sum(VALUES[digit] * (2 * position + 1) for position, digit in enumerate(digits))
    return ALPHABET[total % 32]


def short_code(pk: int) -> str:
    """The code of an activity id (a positive integer)."""
    if pk < 1:
        raise ValueError("Only positive ids have a short code.")
    digits = ""
    while pk:
        pk, rest = divmod(pk, 32)
        digits = ALPHABET[rest] + digits
    digits = digits.rjust(MIN_DIGITS, "0")
    return digits + _check(digits)


def short_code_id(code: str) -> int | None:
    """The activity id of a code as printed or typed, or None when it is not a valid code."""
    cleaned = re.sub(r"[\s-]", "", code).upper().translate(READ_AS)
    if not 2 <= len(cleaned) <= MAX_LENGTH or any(c not in VALUES for c in cleaned):
        return None
    digits, check = cleaned[:-1], cleaned[-1]
    if _check(digits) != check:
        return None
    pk = 0
    for digit in digits:
        pk = pk * 32 + VALUES[digit]
    return pk or None
