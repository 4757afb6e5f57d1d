"""Text that people write (titles, names, summaries, addresses): the one rule for what it
may not contain, used by every front door through the model fields in usertext.fields.

Removed: the bidirectional embeddings, overrides and isolates (U+202A–U+202E,
U+2066–U+2069), which make text read differently from what it says ("Gratis\u202eetats");
the zero-width characters and word joiner (U+200B–U+200D, U+2060), which hide words from
search, moderators and duplicate checks; and the byte order mark (U+FEFF). Letters of every
script stay, and so do the right-to-left and left-to-right marks (U+200E, U+200F, U+061C)
that mixed Arabic or Hebrew and Dutch text uses. One cost: the zero-width (non-)joiner is
also removed where Persian or an emoji sequence would use it; the letters survive.
"""

import re

INVISIBLE = re.compile("[\u200b-\u200d\u202a-\u202e\u2060\u2066-\u2069\ufeff]")


def user_text_clean(value: str) -> str:
    """The text without invisible and direction-override characters."""
    return INVISIBLE.sub("", value)
