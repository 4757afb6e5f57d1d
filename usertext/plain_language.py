"""Advice on writing plainly, for the workspace form: sentence length, long words and a
readability score in the text's language. It advises and never blocks posting.

The score is Flesch reading ease with each language's own constants, as `textstat` computes
them: Flesch–Douma for Dutch, Kandel–Moles for French, Flesch for English. All three run from
about 0 (hard) to 100 (easy); 60 and more reads well for most people. The research behind
Buurtwijzer asks for texts that people with little schooling and newcomers with basic Dutch
can read."""

import re
import threading
from dataclasses import dataclass, field
from functools import cache

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from textstat.textstat import textstatistics

from core.language import site_language

# Plain-language guidance (Klare Taal, FALC, plain English) keeps sentences to about 15-20
# words and prefers short words.
LONG_SENTENCE_WORDS = 20
LONG_WORD_SYLLABLES = 4
TARGET_SCORE = 60
HARD_SCORE = 40
# Below this many words a score says nothing (a title-like summary).
MIN_WORDS = 8
MAX_LISTED = 5
SENTENCE = re.compile(r"[^.!?\n]+[.!?]*")
WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*", re.UNICODE)
SCORED_LANGUAGES = ("nl", "fr", "en")

# textstat keeps its language and caches on the instance: one instance per language, used
# by one thread at a time.
_lock = threading.Lock()


@cache
def _statistics(language: str) -> textstatistics:
    statistics = textstatistics()
    statistics.set_lang(language)
    return statistics


@dataclass
class PlainHint:
    language: str
    words: int = 0
    sentences: int = 0
    words_per_sentence: float = 0.0
    score: int | None = None
    long_sentences: list[str] = field(default_factory=list)
    long_words: list[str] = field(default_factory=list)

    @property
    def verdict(self) -> str:
        if self.score is None:
            return ""
        with translation.override(site_language(self.language)):
            if self.score >= TARGET_SCORE:
                return _("easy to read for most readers")
            if self.score >= HARD_SCORE:
                return _("fairly hard: shorter sentences and words help")
            return _("hard to read: use shorter sentences and everyday words")

    @property
    def reads_well(self) -> bool:
        return self.score is None or self.score >= TARGET_SCORE

    def advice(self) -> list[str]:
        """The hint in plain sentences, in the text's language (a worker writing French gets
        French advice)."""
        lines = []
        with translation.override(site_language(self.language)):
            if self.score is not None:
                lines.append(
                    _("Readability %(score)s (aim for %(target)s or more): %(verdict)s.")
                    % {"score": self.score, "target": TARGET_SCORE, "verdict": self.verdict}
                )
            if self.sentences:
                lines.append(
                    ngettext(
                        "%(count)s sentence of %(words)s words on average.",
                        "%(count)s sentences of %(words)s words on average.",
                        self.sentences,
                    )
                    % {"count": self.sentences, "words": round(self.words_per_sentence)}
                )
            if self.long_sentences:
                lines.append(
                    ngettext(
                        "%(count)s sentence has more than %(limit)s words: split it.",
                        "%(count)s sentences have more than %(limit)s words: split them.",
                        len(self.long_sentences),
                    )
                    % {"count": len(self.long_sentences), "limit": LONG_SENTENCE_WORDS}
                )
            if self.long_words:
                lines.append(
                    _("Long words, maybe a shorter one says it: %(words)s.")
                    % {"words": ", ".join(self.long_words)}
                )
        return lines

    def as_json(self) -> dict:
        return {
            "language": self.language,
            "score": self.score,
            "target": TARGET_SCORE,
            "reads_well": self.reads_well,
            "verdict": self.verdict,
            "words": self.words,
            "sentences": self.sentences,
            "words_per_sentence": round(self.words_per_sentence, 1),
            "long_sentences": self.long_sentences,
            "long_words": self.long_words,
            "advice": self.advice(),
        }


def plain_hint(text: str, language: str) -> PlainHint:
    """How plainly `text` (in `language`: nl, fr or en) reads."""
    language = language if language in SCORED_LANGUAGES else "nl"
    hint = PlainHint(language=language)
    sentences = [part.strip() for part in SENTENCE.findall(text or "") if WORD.search(part)]
    words = WORD.findall(text or "")
    if not words:
        return hint
    hint.words = len(words)
    hint.sentences = len(sentences)
    hint.words_per_sentence = len(words) / max(len(sentences), 1)
    hint.long_sentences = [
        sentence for sentence in sentences if len(WORD.findall(sentence)) > LONG_SENTENCE_WORDS
    ]
    with _lock:
        statistics = _statistics(language)
        long_words = []
        for word in words:
            if statistics.syllable_count(word) >= LONG_WORD_SYLLABLES and word not in long_words:
                long_words.append(word)
        if len(words) >= MIN_WORDS:
            score = statistics.flesch_reading_ease(text)
            hint.score = max(0, min(100, round(score)))
    hint.long_words = long_words[:MAX_LISTED]
    return hint
