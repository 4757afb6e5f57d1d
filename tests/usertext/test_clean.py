"""The cleaning rule for text people write (usertext), character by character."""

import pytest

from usertext import user_line_clean, user_text_clean


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("Gratis\u202eetats", "Gratisetats"),  # override: stripped, not isolated
        ("\u2066Zaal\u2069 \u2067Brug\u2068", "Zaal Brug"),  # isolates too
        ("Taal\x00caf\x1bé\x7f\x85", "Taalcafé"),  # control characters
        ("Eerst koffie.\r\nDan praten\rEinde", "Eerst koffie.\nDan praten\nEinde"),
        ("kolom\tkolom", "kolom\tkolom"),
        ("مقهى \u200fקפה", "مقهى \u200fקפה"),  # right-to-left letters and marks stay
        ("<b>vet</b> </script> javascript:x =1+1", "<b>vet</b> </script> javascript:x =1+1"),
    ],
)
def test_a_text_of_several_lines(typed, stored):
    assert user_text_clean(typed) == stored


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("Kerkstraat 1\r\n9000 Gent", "Kerkstraat 1 9000 Gent"),
        ("Praat\r\n\r\n\tgroep", "Praat groep"),
        ("een\u2028twee\u2029drie", "een twee drie"),
        ("\u202eTaal\x07café", "Taalcafé"),
        ("  twee  spaties  ", "  twee  spaties  "),  # spaces are the form's business
    ],
)
def test_a_text_of_one_line(typed, stored):
    assert user_line_clean(typed) == stored


def test_printable_text_is_left_as_typed_without_the_patterns():
    """The clean functions return printable text untouched without running a pattern; that
    holds only while no pattern can match a printable character, checked here over all of
    Unicode."""
    from usertext import CONTROL, INVISIBLE, LINE_BREAKS, NEWLINE

    printable = "".join(c for c in map(chr, range(0x110000)) if c.isprintable())
    for pattern in (INVISIBLE, CONTROL, NEWLINE, LINE_BREAKS):
        assert pattern.search(printable) is None, pattern.pattern
    assert user_line_clean("\u00a0Zaal\u200e") == "\u00a0Zaal\u200e"  # not printable, kept
