"""The stored reasons of a sensitivity assessment as plain sentences, for the workers' page
of an area. The phrases are gettext messages (locale/*/LC_MESSAGES/django.po)."""

from django.utils import translation
from django.utils.formats import get_format
from django.utils.translation import pgettext, pgettext_lazy

from buurt.models import AreaKind, HousingMarket, Indicator, SensitivityAssessment
from core.language import content_language, site_language

from .method import PRICE, same

# Areas of each kind, in the plural: the peers that prices are ranked among. A plural noun
# on its own, not ngettext: the sentences have always said "the 1 neighbourhoods" too.
_KINDS_PLURAL = {
    AreaKind.MUNICIPALITY: pgettext_lazy("sensitivity areas", "municipalities"),
    AreaKind.DISTRICT: pgettext_lazy("sensitivity areas", "districts"),
    AreaKind.NEIGHBOURHOOD: pgettext_lazy("sensitivity areas", "neighbourhoods"),
    AreaKind.SECTOR: pgettext_lazy("sensitivity areas", "statistical sectors"),
}
_SUBJECTS = {
    Indicator.SHARE_RENTERS: pgettext_lazy("sensitivity subject", "the share of renters"),
    Indicator.SHARE_MIGRATION_BACKGROUND: pgettext_lazy(
        "sensitivity subject", "the share of residents with a migration background"
    ),
    Indicator.SHARE_NO_HIGHER_EDUCATION: pgettext_lazy(
        "sensitivity subject", "the share of residents without higher education"
    ),
    Indicator.SHARE_LOW_INCOME: pgettext_lazy(
        "sensitivity subject", "the share of residents on a low income"
    ),
    Indicator.MEDIAN_INCOME: pgettext_lazy("sensitivity subject", "the median income"),
    Indicator.MEDIAN_SALE_PRICE: pgettext_lazy(
        "sensitivity subject", "the median sale price of a home"
    ),
    Indicator.POPULATION: pgettext_lazy("sensitivity subject", "the population"),
    Indicator.HOUSEHOLDS: pgettext_lazy("sensitivity subject", "the number of households"),
}
_MARKET = {
    HousingMarket.ADJACENT: pgettext_lazy(
        "sensitivity market", "adjacent (touches an area with high or fast-rising prices)"
    ),
    HousingMarket.ACCELERATING: pgettext_lazy(
        "sensitivity market", "accelerating (prices are rising fast)"
    ),
    HousingMarket.APPRECIATED: pgettext_lazy(
        "sensitivity market", "appreciated (prices went from low or moderate to high)"
    ),
    HousingMarket.NEITHER: pgettext_lazy("sensitivity market", "none of the three"),
}


# --- Numbers -------------------------------------------------------------------------------
# (thousands, decimal) separators per language, kept here rather than taken from Django's
# formats, which would change the sentences: Django's French thousands separator is a no-break
# space (U+00A0) where these sentences use the narrow one (U+202F) that French also puts before
# % and €, and django.utils.formats.number_format rounds Decimal(str(value)) where an f-string
# rounds the float itself (they differ on values such as 2.675).
_SEPARATORS = {"nl": (".", ","), "fr": ("\u202f", ","), "en": (",", ".")}


def _number(value: float, decimals: int) -> str:
    # A language added later gets Django's separators for it until it has its own here.
    thousands, decimal = _SEPARATORS.get(content_language()) or (
        get_format("THOUSAND_SEPARATOR"),
        get_format("DECIMAL_SEPARATOR"),
    )
    text = f"{value:,.{decimals}f}"  # 1,234.5
    return text.translate({ord(","): thousands, ord("."): decimal})


def _signed(text: str, value: float) -> str:
    if text.lstrip("-").strip("0,.\u202f") == "":
        return text.lstrip("-")
    return ("+" + text) if value > 0 else text.replace("-", "−")


def _percent(value: float, decimals: int, *, signed: bool = False) -> str:
    text = _number(value * 100, decimals)
    if decimals and text.endswith(("," + "0" * decimals, "." + "0" * decimals)):
        text = text[: -decimals - 1]
    if signed:
        text = _signed(text, value)
    return pgettext("sensitivity", "%(number)s%%") % {"number": text}


def _points(value: float, decimals: int) -> str:
    text = _signed(_number(value * 100, decimals), value)
    return pgettext("sensitivity", "%(number)s percentage points") % {"number": text}


def _euro(value: float) -> str:
    return pgettext("sensitivity", "€%(amount)s") % {"amount": _number(value, 0)}


def _pair(format_one, a: float, b: float) -> tuple[str, str]:
    """Format two numbers with as many decimals as it takes to tell unequal ones apart, so
    that a sentence never says "above (48%) ... (48%)"."""
    for decimals in (1, 2, 3, 4):
        left, right = format_one(a, decimals), format_one(b, decimals)
        if left != right or same(a, b):
            return left, right
    return left, right


# --- Sentences -----------------------------------------------------------------------------
def _thing(indicator: str) -> str:
    return str(_SUBJECTS.get(indicator, indicator))


def _subject(indicator: str) -> str:
    text = _thing(indicator)
    return text[0].upper() + text[1:]


def _yes_no(held: bool) -> str:
    return pgettext("sensitivity", "yes") if held else pgettext("sensitivity", "no")


def _level(high: bool) -> str:
    return pgettext("sensitivity", "high") if high else pgettext("sensitivity", "low or moderate")


def _compare(rule: str, held: bool) -> str:
    if rule == "less":
        if held:
            return pgettext("sensitivity", "less than")
        return pgettext("sensitivity", "not less than")
    if held:
        return pgettext("sensitivity", "more than")
    return pgettext("sensitivity", "not more than")


_MISSING = {
    "missing_indicator": pgettext_lazy("sensitivity", "Missing: %(thing)s in %(year)s."),
    "too_few_households": pgettext_lazy(
        "sensitivity",
        "Too few households in %(year)s (%(households)s; at least %(minimum)s needed).",
    ),
    "zero_in_first_year": pgettext_lazy(
        "sensitivity", "%(subject)s is 0 in %(year)s; its change cannot be computed."
    ),
    "no_reference": pgettext_lazy(
        "sensitivity", "The municipality has no reference value for %(thing)s in %(year)s."
    ),
    "is_municipality": pgettext_lazy(
        "sensitivity", "A municipality is itself the reference and is not assessed."
    ),
    "no_municipality": pgettext_lazy(
        "sensitivity", "This area lies in no municipality; there is nothing to compare it with."
    ),
}


def reasons_in_words(assessment: SensitivityAssessment, language: str = "nl") -> list[str]:
    """The stored reasons of an assessment as plain sentences in Dutch, French or English
    (other languages fall back to Dutch), for the workers' page of the area."""
    with translation.override(site_language(content_language(language))):
        return _sentences(assessment)


def _sentences(assessment: SensitivityAssessment) -> list[str]:
    reasons = assessment.reasons or {}
    peers = str(_KINDS_PLURAL.get(reasons.get("kind", ""), _KINDS_PLURAL[AreaKind.SECTOR]))
    if "missing" in reasons:
        return [
            pgettext("sensitivity", "Not assessed: there is not enough data."),
            *(
                _missing_in_words(item)
                for item in reasons["missing"]
                if item.get("reason") in _MISSING
            ),
        ]
    return [
        *_vulnerable_in_words(reasons["vulnerable"]),
        *_change_in_words(reasons["demographic_change"], assessment.t0, assessment.t1),
        *_market_in_words(reasons["housing_market"], assessment.t0, assessment.t1, peers),
    ]


def _missing_in_words(item: dict) -> str:
    return str(_MISSING[item["reason"]]) % {
        "subject": _subject(item["indicator"]) if "indicator" in item else "",
        "thing": _thing(item.get("indicator", "")),
        "year": item.get("year", ""),
        "households": _number(item.get("households", 0), 0),
        "minimum": item.get("minimum", ""),
    }


def _vulnerable_in_words(vulnerable: dict) -> list[str]:
    sentences = []
    for condition in vulnerable["t1"]["conditions"]:
        area, reference = _pair(_percent, condition["area"], condition["reference"])
        values = {"subject": _subject(condition["indicator"]), "area": area, "reference": reference}
        if condition["held"]:
            template = pgettext(
                "sensitivity", "%(subject)s (%(area)s) is above the municipality's (%(reference)s)."
            )
        else:
            template = pgettext(
                "sensitivity",
                "%(subject)s (%(area)s) is not above the municipality's (%(reference)s).",
            )
        sentences.append(template % values)
    for key in ("t1", "t0"):
        part = vulnerable[key]
        sentences.append(
            pgettext(
                "sensitivity",
                "Vulnerable in %(year)s: %(answer)s, above the municipality on %(count)s of "
                "the 4 measures (at least 3 needed).",
            )
            % {"year": part["year"], "answer": _yes_no(part["held"]), "count": part["count"]}
        )
    return sentences


def _change_in_words(change: dict, t0: int, t1: int) -> list[str]:
    sentences = []
    for condition in change["conditions"]:
        a, r = condition["area"], condition["reference"]
        if condition["measure"] == "points":
            area, reference = _pair(_points, a["change"], r["change"])
            a0, a1 = _percent(a["t0"], 1), _percent(a["t1"], 1)
        else:
            area, reference = _pair(
                lambda v, d: _percent(v, d, signed=True), a["change"], r["change"]
            )
            a0, a1 = _euro(a["t0"]), _euro(a["t1"])
        sentences.append(
            pgettext(
                "sensitivity",
                "%(subject)s changed by %(area)s (from %(a0)s to %(a1)s), %(compare)s in the "
                "municipality (%(reference)s).",
            )
            % {
                "subject": _subject(condition["indicator"]),
                "area": area,
                "a0": a0,
                "a1": a1,
                "compare": _compare(condition["rule"], condition["held"]),
                "reference": reference,
            }
        )
    sentences.append(
        pgettext(
            "sensitivity",
            "Demographic change %(t0)s–%(t1)s: %(answer)s; %(count)s of the 4 conditions held "
            "(at least 3 needed, or both education and migration background).",
        )
        % {"t0": t0, "t1": t1, "answer": _yes_no(change["held"]), "count": change["count"]}
    )
    return sentences


def _market_in_words(market: dict, t0: int, t1: int, peers: str) -> list[str]:
    sentences = []
    areas = market.get("areas", {})
    for key in ("value_t0", "value_t1"):
        part = market[key]
        sentences.append(
            pgettext(
                "sensitivity",
                "%(subject)s in %(year)s (%(area)s) is in quintile %(quintile)s of the %(n)s "
                "%(peers)s in the municipality: %(level)s.",
            )
            % {
                "subject": _subject(PRICE),
                "year": part["year"],
                "area": _euro(part["area"]),
                "quintile": part["quintile"],
                "n": areas.get(key.removeprefix("value_"), "?"),
                "peers": peers,
                "level": _level(part["high"]),
            }
        )
    appreciation = market["appreciation"]
    sentences.append(
        pgettext(
            "sensitivity",
            "The price changed by %(area)s between %(t0)s and %(t1)s: quintile %(quintile)s of "
            "the %(n)s %(peers)s, %(level)s.",
        )
        % {
            "t0": t0,
            "t1": t1,
            "area": _percent(appreciation["area"], 1, signed=True),
            "quintile": appreciation["quintile"],
            "n": areas.get("appreciation", "?"),
            "peers": peers,
            "level": _level(appreciation["high"]),
        }
    )
    if market["touching_high"]:
        names = ", ".join(n["name"] for n in market["touching_high"])
        sentences.append(
            pgettext(
                "sensitivity",
                "This area touches %(peers)s with high or fast-rising prices: %(names)s.",
            )
            % {"peers": peers, "names": names}
        )
    else:
        sentences.append(
            pgettext(
                "sensitivity", "This area touches no %(peers)s with high or fast-rising prices."
            )
            % {"peers": peers}
        )
    category = str(_MARKET[market["category"]])
    sentences.append(
        pgettext("sensitivity", "Housing market: %(category)s.") % {"category": category}
    )
    return sentences
