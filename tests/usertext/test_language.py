"""The language of a text people wrote, guessed from its function words (Dutch on a tie)."""

import pytest

from usertext.language import text_language


@pytest.mark.parametrize(
    ("texts", "language"),
    [
        (("Praatgroep voor alleenstaande ouders", "Ouders praten met elkaar over wat lukt."), "nl"),
        (("Café des voisins", "Venez prendre un café avec vos voisins, chaque mardi."), "fr"),
        (("Coffee morning", "Meet your neighbours for a cup of coffee every Tuesday."), "en"),
        (("Repair Café", ""), "nl"),  # says nothing: Dutch, the product's first language
        (
            ("Taalcafé", "Kom praten in het Nederlands: in een klein groepje is het makkelijk."),
            "nl",
        ),
        ((), "nl"),
    ],
)
def test_text_language(texts, language):
    assert text_language(*texts) == language
