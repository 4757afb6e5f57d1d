"""A guess at which of the site's languages a text people wrote is in, from its short
function words (Dutch wins a tie). Pages never guess: they read Activity.text_language,
which the poster states. The guess serves only where nobody said: the migration that filled
the field for existing activities (events 0009) and a calendar feed event whose SUMMARY and
DESCRIPTION carry no LANGUAGE parameter (events.calendars.sync)."""

import re

# Short, frequent words of each language; one that two languages share counts for both.
FUNCTION_WORDS = {
    language: frozenset(re.findall(r"\S+", words))
    for language, words in {
        "nl": "het een en van je jij jou jouw voor met op is zijn bij naar ook niet wat wie"
        " samen we wij ons onze elke elk om te in aan er dat die deze hoe",
        "fr": "le la les des du un une et pour avec vous votre vos nous est sont au aux chaque"
        " ensemble qui que dans sur pas ou en",
        "en": "the a an and of for with you your we our is are at to every together who what"
        " how this that in on not",
    }.items()
}
WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def text_language(*texts: str) -> str:
    """The site language ("nl", "fr" or "en") most of the texts' function words belong to;
    Dutch when they say nothing clear."""
    words = [word.lower() for text in texts if text for word in WORD.findall(text)]
    scores = {language: 0 for language in FUNCTION_WORDS}
    for word in words:
        for language, known in FUNCTION_WORDS.items():
            if word in known:
                scores[language] += 1
    best = max(scores, key=lambda language: (scores[language], language == "nl"))
    # Clearly ahead, or Dutch: one stray "in" or "is" does not make a text English.
    runner_up = max(score for language, score in scores.items() if language != best)
    return best if scores[best] >= runner_up + 2 else "nl"
