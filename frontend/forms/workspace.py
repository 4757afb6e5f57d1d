"""Forms of the community workers' workspace. They check and shape input only; the rules
live in the services they hand their data to."""

from django import forms
from django.contrib.gis import forms as gis_forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from leaflet.forms.widgets import LeafletWidget

from events.models import ActivityKind, WorkModel
from events.recurrence.plain import (
    WEEKDAY_CODES,
    PlainRecurrence,
    Repeat,
    schedule_from_plain,
)
from events.services import ScheduleInput
from places.models import PlaceKind

WEEKDAY_LABELS = (
    _("Monday"),
    _("Tuesday"),
    _("Wednesday"),
    _("Thursday"),
    _("Friday"),
    _("Saturday"),
    _("Sunday"),
)
POSITION_LABELS = {
    1: _("first"),
    2: _("second"),
    3: _("third"),
    4: _("fourth"),
    -1: _("last"),
}
# Service errors on these names belong to these form fields.
SERVICE_FIELD_TO_FORM = {
    "rrule": "repeat",
    "dtstart": "date",
    "duration": "end_time",
    "location": "new_place_location",
    "precision": "neighbourhood_only",
    "service_areas": "place",
}


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, **kwargs):
        super().__init__(format="%H:%M", **kwargs)


class WorkModelField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: WorkModel) -> str:
        return f"{obj.name} — {obj.description}"


SCHEDULE_FIELDS = (
    "date",
    "start_time",
    "end_time",
    "repeat",
    "weekdays",
    "month_position",
    "until",
)


class ScheduleForm(forms.Form):
    """When, in plain terms; also used alone by the live preview of the next dates."""

    date = forms.DateField(label=_("First date"), widget=DateInput())
    start_time = forms.TimeField(label=_("Starts at"), widget=TimeInput())
    end_time = forms.TimeField(label=_("Ends at"), widget=TimeInput())
    repeat = forms.ChoiceField(
        label=_("How often"),
        choices=[
            (Repeat.ONCE, _("Once")),
            (Repeat.WEEKLY, _("Every week")),
            (Repeat.FORTNIGHTLY, _("Every other week")),
            (Repeat.MONTHLY, _("Once a month, on a given weekday")),
        ],
        initial=Repeat.WEEKLY,
        widget=forms.RadioSelect,
    )
    weekdays = forms.MultipleChoiceField(
        label=_("On"),
        choices=list(zip(WEEKDAY_CODES, WEEKDAY_LABELS, strict=True)),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Without a choice: the weekday of the first date."),
    )
    month_position = forms.TypedChoiceField(
        label=_("Which week of the month"),
        choices=[("", "—"), *POSITION_LABELS.items()],
        coerce=int,
        empty_value=None,
        required=False,
    )
    until = forms.DateField(
        label=_("Until"),
        required=False,
        widget=DateInput(),
        help_text=_("Leave empty if it goes on."),
    )

    def __init__(self, *args, keep_rrule: str = "", keep_words: str = "", **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.keep_rrule = keep_rrule
        if keep_rrule:
            self.fields["repeat"].choices = [
                (Repeat.KEEP, _("As now: %(words)s") % {"words": keep_words}),
                *self.fields["repeat"].choices,
            ]
        self.schedule: ScheduleInput | None = None

    def clean(self):
        data = super().clean()
        if any(name in self.errors for name in SCHEDULE_FIELDS):
            return data
        plain = PlainRecurrence(
            repeat=data["repeat"],
            weekdays=data.get("weekdays") or [],
            month_position=data.get("month_position"),
            until=data.get("until"),
        )
        try:
            self.schedule = schedule_from_plain(
                day=data["date"],
                start=data["start_time"],
                end=data["end_time"],
                plain=plain,
                keep_rrule=self.keep_rrule,
            )
        except ValidationError as error:
            add_service_errors(self, error)
        return data


class ActivityForm(ScheduleForm):
    field_order = [
        "organisation",
        "title",
        "summary",
        "kind",
        "work_models",
        "place",
        "new_place_name",
        "new_place_address",
        "new_place_kind",
        "new_place_location",
        "neighbourhood_only",
    ]
    organisation = forms.TypedChoiceField(label=_("Organisation"), coerce=int)
    title = forms.CharField(label=_("Title"), max_length=200)
    summary = forms.CharField(
        label=_("In one sentence"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Plain words: what happens and for whom."),
    )
    kind = forms.ChoiceField(
        label=_("Kind"), choices=ActivityKind.choices, initial=ActivityKind.RECURRING
    )
    work_models = WorkModelField(
        label=_("Work models"),
        queryset=WorkModel.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        to_field_name="code",
        help_text=_("Choose one or more; none is better than another."),
    )
    place = forms.ModelChoiceField(
        label=_("Place"),
        queryset=None,
        required=False,
        empty_label=_("— a new place (below) —"),
    )
    new_place_name = forms.CharField(label=_("Name of the new place"), required=False)
    new_place_address = forms.CharField(label=_("Address of the new place"), required=False)
    new_place_kind = forms.ChoiceField(
        label=_("Kind of place"),
        choices=PlaceKind.choices,
        initial=PlaceKind.OTHER,
        required=False,
    )
    new_place_location = gis_forms.PointField(
        label=_("The new place on the map"),
        required=False,
        srid=4326,
        widget=LeafletWidget(attrs={"geom_type": "Point"}),
        help_text=_("Click the pin (“Draw a marker”), then the place on the map."),
    )
    neighbourhood_only = forms.BooleanField(
        label=_("Show only the neighbourhood"),
        required=False,
        help_text=_(
            "For peer groups and other sensitive meetings: the public sees the "
            "neighbourhood, never the address."
        ),
    )
    host_name = forms.CharField(label=_("Host (first name)"), required=False, max_length=100)
    what_to_expect = forms.CharField(
        label=_("What to expect"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    languages = forms.CharField(
        label=_("Languages spoken"),
        required=False,
        initial="nl",
        help_text=_("Two-letter codes, separated by commas: nl, fr, ar."),
    )
    contact_phone = forms.CharField(label=_("Phone"), required=False, max_length=40)

    def __init__(self, *args, organisations, places, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].choices = [(o.id, o.name) for o in organisations]
        if len(organisations) == 1:
            self.fields["organisation"].initial = organisations[0].id
            self.fields["organisation"].widget = forms.HiddenInput()
        self.fields["place"].queryset = places

    def clean_languages(self) -> list[str]:
        text = self.cleaned_data.get("languages", "")
        return [code.strip().lower() for code in text.replace(";", ",").split(",") if code.strip()]

    def clean(self):
        data = super().clean()
        if data.get("place") is None and not self.has_error("place"):
            missing = [
                name for name in ("new_place_name", "new_place_location") if not data.get(name)
            ]
            for name in missing:
                self.add_error(name, _("Choose a place from the list, or give the new place this."))
        return data


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (the poster sees it)"), widget=forms.Textarea(attrs={"rows": 2})
    )


class CalendarFeedForm(forms.Form):
    organisation = forms.TypedChoiceField(label=_("Organisation"), coerce=int)
    name = forms.CharField(label=_("Name of the calendar"), max_length=200)
    url = forms.URLField(
        label=_("Calendar address (iCal, https://…)"), max_length=1000, assume_scheme="https"
    )
    place = forms.ModelChoiceField(label=_("Place of its events"), queryset=None)
    work_models = WorkModelField(
        label=_("Work models of its events"),
        queryset=WorkModel.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        to_field_name="code",
    )

    def __init__(self, *args, organisations, places, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.fields["organisation"].choices = [(o.id, o.name) for o in organisations]
        if len(organisations) == 1:
            self.fields["organisation"].initial = organisations[0].id
            self.fields["organisation"].widget = forms.HiddenInput()
        self.fields["place"].queryset = places


def add_service_errors(form: forms.Form, error: ValidationError) -> None:
    """Put a service's ValidationError on the form field it is about."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, errors in error.message_dict.items():
        name = SERVICE_FIELD_TO_FORM.get(name, name)
        form.add_error(name if name in form.fields else None, errors)
