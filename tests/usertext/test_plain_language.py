"""The plain-language hint: how a text reads, in its own language, as advice."""

import pytest

from usertext.plain_language import LONG_SENTENCE_WORDS, TARGET_SCORE, plain_hint

PLAIN_NL = (
    "Oefen je Nederlands in een klein groepje. We praten over gewone dingen: de markt, het "
    "weer, je kinderen. Koffie is gratis. Je mag alleen komen."
)
HARD_NL = (
    "In het kader van de gemeenschapsgerichte ondersteuningsinitiatieven wordt aan "
    "kwetsbare doelgroepen met een verhoogde armoedeproblematiek een laagdrempelige en "
    "participatieve begeleidingsmogelijkheid aangeboden die de maatschappelijke "
    "zelfredzaamheid en de sociale netwerkvorming structureel versterkt."
)


def test_plain_dutch_reads_well():
    hint = plain_hint(PLAIN_NL, "nl")
    assert hint.score >= TARGET_SCORE and hint.reads_well
    assert hint.sentences == 4 and hint.long_sentences == []
    assert hint.advice()[0].startswith(f"Leesbaarheid {hint.score} (doel: 60 of meer)")
    assert "begrijpelijk voor de meeste lezers" in hint.advice()[0]


def test_hard_dutch_says_what_to_change():
    hint = plain_hint(HARD_NL, "nl")
    assert hint.score < 40 and not hint.reads_well
    assert len(hint.long_sentences) == 1  # one sentence of more than 20 words
    assert "gemeenschapsgerichte" in hint.long_words
    advice = " ".join(hint.advice())
    assert f"meer dan {LONG_SENTENCE_WORDS} woorden" in advice
    assert "Lange woorden" in advice and "moeilijk" in advice


def test_french_text_gets_french_advice_and_its_own_formula():
    text = (
        "Venez pratiquer le néerlandais dans un petit groupe. Le café est gratuit. "
        "Vous pouvez venir seul."
    )
    hint = plain_hint(text, "fr")
    assert hint.score is not None
    assert hint.advice()[0].startswith("Lisibilité")
    # The same words scored with the Dutch constants give another figure: the formula follows
    # the language.
    assert plain_hint(text, "nl").score != hint.score


def test_english_and_unknown_languages():
    text = "Practise your Dutch in a small group. Coffee is free. You can come alone."
    assert plain_hint(text, "en").advice()[0].startswith("Readability")
    assert plain_hint(text, "ar").language == "nl"  # only nl, fr and en are scored


@pytest.mark.parametrize("text", ["", "   ", "12 34", "Taalcafé"])
def test_too_little_text_has_no_score(text):
    hint = plain_hint(text, "nl")
    assert hint.score is None and hint.reads_well and hint.verdict == ""


def test_the_score_stays_between_0_and_100():
    for text in (HARD_NL * 3, "Ja. Nee. Kom. Ga. Eet. Drink. Zit. Sta. Loop.", "a " * 50):
        score = plain_hint(text, "nl").score
        assert score is None or 0 <= score <= 100
