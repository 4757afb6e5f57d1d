"""Text that people write (titles, names, summaries, addresses): the one rule for what it
may not contain, used by every front door through the model fields in usertext.fields.

Removed: the bidirectional embeddings, overrides and isolates (U+202A–U+202E,
U+2066–U+2069), which make text read differently from what it says ("Gratis\u202eetats");
the zero-width characters and word joiner (U+200B–U+200D, U+2060), which hide words from
search, moderators and duplicate checks; and the byte order mark (U+FEFF). Letters of every
script stay, and so do the right-to-left and left-to-right marks (U+200E, U+200F, U+061C)
that mixed Arabic or Hebrew and Dutch text uses. One cost: the zero-width (non-)joiner is
also removed where Persian or an emoji sequence would use it; the letters survive.

Bidi controls are stripped, not isolated: an isolate (U+2068…U+2069 around the text) would
keep a title from reordering its surroundings, but inside the title the override still
reverses what a reader sees while search, moderators and the iCal or CSV reader see other
letters. Right-to-left letters order themselves by the Unicode bidi algorithm and need none
of these characters.

Also removed: the control characters (U+0000–U+001F and U+007F–U+009F) other than tab and
line breaks. Nobody types them; they are not allowed in XML 1.0 (the Atom feed, XLSX) and
terminals and spreadsheets act on them (U+001B starts an escape sequence).

Everything else stays as typed: HTML, "</script>", "javascript:" and formula starters are
text, escaped by each surface for its own format (templates, json_script and the JSON-LD
block, iCal, Atom, spreadsheet cells: frontend.exports.cells).

Line breaks: CR LF and a lone CR become LF in texts of several lines (description, what to
expect, opening hours). A text of one line (title, summary, name, address, phone, host…)
has no line breaks: each run of CR, LF, tab, U+2028 and U+2029 becomes one space, so that
"Kerkstraat 1\\r\\n9000 Gent" is stored as "Kerkstraat 1 9000 Gent" and a title never
splits a calendar line, a CSV row or a mail header.
"""

import re

INVISIBLE = re.compile("[\u200b-\u200d\u202a-\u202e\u2060\u2066-\u2069\ufeff]")
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
NEWLINE = re.compile("\r\n?")
LINE_BREAKS = re.compile("[\t\n\r\u2028\u2029]+")


def user_text_clean(value: str) -> str:
    """The text without invisible, direction-override and control characters, its line
    breaks as LF."""
    if value.isprintable():
        return value  # every character removed or changed here is non-printable
    return NEWLINE.sub("\n", CONTROL.sub("", INVISIBLE.sub("", value)))


def user_line_clean(value: str) -> str:
    """A text of one line: user_text_clean, then each run of line breaks or tabs one space."""
    if value.isprintable():
        return value  # most names and addresses: no regular expression needs to run
    return LINE_BREAKS.sub(" ", user_text_clean(value))
