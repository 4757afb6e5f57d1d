"""The home page's filters: a plain GET form, so that the list works fully without
JavaScript. The form turns what a resident chose into the ActivityFilters that the API's
list uses too (events.queries)."""

import math
from datetime import date, timedelta

from django import forms
from django.contrib.gis.geos import Point
from django.core.cache import cache
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from api.tiles import data_version
from buurt.models import AreaKind
from buurt.queries import area_public_point, areas_for_choice
from events.languages import language_label
from events.models import Audience, WorkModel
from events.queries import ActivityFilters, languages_spoken

from .date_input import DayMonthYearField

MAX_WINDOW_DAYS = 366
EARLIEST_DAY, LATEST_DAY = date(1970, 1, 1), date(2199, 12, 31)
RADIUS_CHOICES = [(500, "500 m"), (1000, "1 km"), (2000, "2 km"), (5000, "5 km"), (10000, "10 km")]
DEFAULT_RADIUS_M = 2000
# Above this many neighbourhoods (all of Flanders has 2,767) a select list would weigh more
# than the rest of the page; the form then offers the municipalities.
MAX_NEIGHBOURHOOD_CHOICES = 400
# The lists the form offers (areas, languages spoken) change only when the data do, and
# every write to places, activities or areas moves the data version on (api/tiles.py): the
# shared cache keeps them per version, at most this long. Every home page needs them, and
# over Flanders' 85,000 activities and 2,767 wijken they cost it ~100 ms.
CHOICES_TIMEOUT = 600


def _kept(name: str, compute):
    version = data_version()
    if version is None:  # the cache does not answer: no version to vouch for the list
        return compute()
    return cache.get_or_set(f"home-choices:{name}:{version}", compute, CHOICES_TIMEOUT)


def languages_offered() -> list[str]:
    return _kept("languages", languages_spoken)


def areas_offered(kind: str) -> list[tuple[str, str, str]]:
    return _kept(f"areas-{kind}", lambda: areas_for_choice(kind))


def window_for(when: str, today: date) -> tuple[date | None, date | None]:
    """The days that "today", "this week" (up to Sunday) and "this weekend" mean."""
    sunday = today + timedelta(days=6 - today.weekday())
    if when == "today":
        return today, today
    if when == "week":
        return today, sunday
    if when == "weekend":
        return max(today, sunday - timedelta(days=1)), sunday
    return None, None


class HomeFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    work_model = forms.MultipleChoiceField(
        label=_("Kind of support"), required=False, widget=forms.CheckboxSelectMultiple
    )
    when = forms.ChoiceField(
        label=_("When"),
        required=False,
        widget=forms.RadioSelect,
        initial="",
        choices=[
            ("", _("Any day")),
            ("today", _("Today")),
            ("week", _("This week")),
            ("weekend", _("This weekend")),
            ("dates", _("Choose dates")),
        ],
    )
    from_date = DayMonthYearField(label=_("From"), required=False)
    to_date = DayMonthYearField(label=_("Until"), required=False)
    area = forms.ChoiceField(label=_("Your neighbourhood"), required=False)
    near = forms.CharField(required=False, max_length=60, widget=forms.HiddenInput)
    radius = forms.TypedChoiceField(
        label=_("Distance"),
        required=False,
        coerce=int,
        empty_value=DEFAULT_RADIUS_M,
        choices=RADIUS_CHOICES,
        initial=DEFAULT_RADIUS_M,
    )
    audience = forms.ChoiceField(label=_("For"), required=False)
    language = forms.ChoiceField(label=_("Language spoken"), required=False)
    free = forms.BooleanField(label=_("Free only"), required=False)
    wheelchair = forms.BooleanField(label=_("Wheelchair accessible"), required=False)

    def __init__(self, *args, today: date | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today or timezone.localdate()
        self.work_models = list(WorkModel.objects.all())
        self.fields["work_model"].choices = [(m.code, m.name) for m in self.work_models]
        # home.html draws these checkboxes itself, with ids model-<code> and a pictogram
        # in each label: the error summary links to the first.
        if self.work_models:
            self.fields["work_model"].summary_anchor = f"model-{self.work_models[0].code}"
        neighbourhoods = areas_offered(AreaKind.NEIGHBOURHOOD)
        if len(neighbourhoods) <= MAX_NEIGHBOURHOOD_CHOICES:
            self.area_kind = AreaKind.NEIGHBOURHOOD
            groups: dict[str, list] = {}
            for code, name, parent in neighbourhoods:
                groups.setdefault(parent or "", []).append((code, name))
            area_choices = [(parent, choices) for parent, choices in groups.items()]
        else:
            self.area_kind = AreaKind.MUNICIPALITY
            self.fields["area"].label = _("Your municipality")
            area_choices = [
                (code, name) for code, name, _parent in areas_offered(AreaKind.MUNICIPALITY)
            ]
        self.fields["area"].choices = [("", _("Not chosen")), *area_choices]
        # "Everyone" is the empty choice: an activity open to everyone is found whatever
        # audience is chosen (events.queries), so it is not offered a second time.
        self.fields["audience"].choices = [
            ("", _("Everyone")),
            *((value, capfirst(label)) for value, label in Audience.choices if value != "everyone"),
        ]
        if self.is_bound and self.data.get("audience") == Audience.EVERYONE:
            self.data = self.data.copy()  # links made before: the same as no choice
            self.data["audience"] = ""
        self.fields["language"].choices = [
            ("", _("Any language")),
            *sorted(
                ((code, language_label(code)) for code in languages_offered()),
                key=lambda choice: choice[1].lower(),
            ),
        ]

    def clean_near(self) -> Point | None:
        value = self.cleaned_data["near"].strip()
        if not value:
            return None
        parts = value.split(",")
        try:
            lon, lat = (float(part) for part in parts)
        except ValueError:
            raise forms.ValidationError(_("The chosen point could not be read.")) from None
        finite = math.isfinite(lon) and math.isfinite(lat)
        if not (finite and -180 <= lon <= 180 and -90 <= lat <= 90):
            raise forms.ValidationError(_("The chosen point could not be read."))
        return Point(lon, lat, srid=4326)

    def clean(self):
        data = super().clean()
        for name in ("from_date", "to_date"):
            # Outside these the date arithmetic overflows; they are typing errors anyway.
            if data.get(name) and not EARLIEST_DAY <= data[name] <= LATEST_DAY:
                self.add_error(name, _("Choose a date between 1970 and 2199."))
        if self.errors.get("from_date") or self.errors.get("to_date"):
            return data
        if self.dates_chosen():
            start, end = data.get("from_date"), data.get("to_date")
            if start is None and data.get("when") == "dates" and "from_date" not in self.errors:
                self.add_error("from_date", _("Choose the first day."))
            elif start and end and end < start:
                self.add_error("to_date", _("The last day comes before the first."))
            elif start and end and (end - start).days >= MAX_WINDOW_DAYS:
                self.add_error("to_date", _("Choose at most a year."))
        return data

    def dates_chosen(self) -> bool:
        """ "Choose dates", or a date typed while "Any day" is still chosen: a typed date
        applies without also choosing the radio button."""
        data = self.cleaned_data
        when = data.get("when") or ""
        return when == "dates" or (not when and bool(data.get("from_date") or data.get("to_date")))

    def date_window(self) -> tuple[date | None, date | None]:
        when = self.cleaned_data.get("when") or ""
        if self.dates_chosen():
            if "from_date" in self.errors or "to_date" in self.errors:
                return None, None
            return self.cleaned_data.get("from_date"), self.cleaned_data.get("to_date")
        return window_for(when, self.today)

    def search_point(self) -> Point | None:
        """A clicked point or the browser's location; else the chosen area's point."""
        if self.cleaned_data.get("near"):
            return self.cleaned_data["near"]
        if self.cleaned_data.get("area"):
            return area_public_point(kind=self.area_kind, code=self.cleaned_data["area"])
        return None

    def active_count(self) -> int:
        data = getattr(self, "cleaned_data", {})
        return (
            sum(
                bool(data.get(name))
                for name in ("work_model", "when", "audience", "language", "free", "wheelchair")
            )
            + bool(data.get("near") or data.get("area"))
            + bool(not data.get("when") and (data.get("from_date") or data.get("to_date")))
        )

    def activity_filters(self) -> ActivityFilters:
        """What the form says, from the fields that are valid: one bad field does not
        throw away the others."""
        data = self.cleaned_data
        date_from, date_to = self.date_window()
        return ActivityFilters(
            work_models=tuple(data.get("work_model") or ()),
            near=self.search_point(),
            radius_m=data.get("radius") or DEFAULT_RADIUS_M,
            date_from=date_from,
            date_to=date_to,
            audience=data.get("audience") or None,
            language=data.get("language") or None,
            free=True if data.get("free") else None,
            wheelchair=True if data.get("wheelchair") else None,
            q=(data.get("q") or "").strip() or None,
        )
