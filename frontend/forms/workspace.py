"""Forms of the community workers' workspace. They check and shape input only; the rules
live in the services they hand their data to."""

from datetime import timedelta

from django import forms
from django.contrib.gis import forms as gis_forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from leaflet.forms.widgets import LeafletWidget

from events.languages import SPOKEN_LANGUAGES
from events.models import ActivityKind, Audience, CostKind, WorkModel
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
    "contact": "contact_email",
}
# Yes / no / not said, for facts that are unknown until the poster says them.
YES_NO_UNKNOWN = [("", _("Not said (the page says: ask)")), ("yes", _("Yes")), ("no", _("No"))]


def yes_no_unknown(value: str) -> bool | None:
    return {"yes": True, "no": False}.get(value)


def yes_no_initial(value: bool | None) -> str:
    return {True: "yes", False: "no"}.get(value, "")


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
    "ends_next_day",
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
    ends_next_day = forms.BooleanField(
        label=_("Ends the next day (after midnight)"),
        required=False,
        help_text=_("Only for a session that runs past midnight."),
    )
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
        start, end = data["start_time"], data["end_time"]
        next_day = data.get("ends_next_day")
        if not next_day and end < start:
            self.add_error(
                "end_time",
                _(
                    "The end lies before the start. For a session past midnight, tick "
                    "“Ends the next day”."
                ),
            )
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
        if next_day and end >= start:
            # schedule_from_plain adds the day only for an end before the start.
            self.schedule.duration += timedelta(days=1)
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
        "description",
        "what_to_expect",
        "host_name",
        "audiences",
        "languages",
        "basic_dutch_ok",
        "cost",
        "cost_amount",
        "social_tariff",
        "registration_required",
        "registration_how",
        "contact_phone",
        "contact_email",
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
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    audiences = forms.MultipleChoiceField(
        label=_("For whom"),
        choices=Audience.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Without a choice the public page says: ask the organisers."),
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages spoken"),
        choices=SPOKEN_LANGUAGES,
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "autonyms"}),
        help_text=_("Without a choice the public page says: ask the organisers."),
    )
    basic_dutch_ok = forms.TypedChoiceField(
        label=_("Is basic Dutch enough?"),
        choices=YES_NO_UNKNOWN,
        coerce=yes_no_unknown,
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
    )
    cost = forms.ChoiceField(
        label=_("Cost"),
        choices=[
            (CostKind.UNKNOWN, _("Not said (the page says: ask)")),
            (CostKind.FREE, _("Free")),
            (CostKind.PAID, _("Paid")),
        ],
        initial=CostKind.UNKNOWN,
        required=False,
        widget=forms.RadioSelect,
    )
    cost_amount = forms.DecimalField(
        label=_("Amount (EUR)"),
        required=False,
        min_value=0,
        max_digits=7,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"step": "0.01", "inputmode": "decimal"}),
    )
    social_tariff = forms.CharField(
        label=_("Social tariff"),
        required=False,
        max_length=200,
        help_text=_("For example: UiTPAS kansentarief €0,60."),
    )
    registration_required = forms.TypedChoiceField(
        label=_("Registration needed?"),
        choices=YES_NO_UNKNOWN,
        coerce=yes_no_unknown,
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
    )
    registration_how = forms.CharField(
        label=_("How to register"),
        required=False,
        max_length=300,
        help_text=_("For example: call Fatima, or e-mail before Friday."),
    )
    contact_phone = forms.CharField(label=_("Phone"), required=False, max_length=40)
    contact_email = forms.EmailField(label=_("E-mail"), required=False)

    def __init__(self, *args, organisations, places, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].choices = [(o.id, o.name) for o in organisations]
        if len(organisations) == 1:
            self.fields["organisation"].initial = organisations[0].id
            self.fields["organisation"].widget = forms.HiddenInput()
        self.fields["place"].queryset = places

    def clean_cost(self) -> str:
        return self.cleaned_data.get("cost") or CostKind.UNKNOWN

    def clean(self):
        data = super().clean()
        no_amount = data.get("cost_amount") is None and not self.has_error("cost_amount")
        if data.get("cost") == CostKind.PAID and no_amount:
            self.add_error("cost_amount", _("Say how much it costs."))
        if data.get("cost") != CostKind.PAID and data.get("cost_amount") is not None:
            self.add_error("cost", _("An amount is given: choose “Paid”, or empty the amount."))
        if data.get("registration_required") and not (data.get("registration_how") or "").strip():
            self.add_error("registration_how", _("Say how people register."))
        hidden = data.get("neighbourhood_only")
        no_contact = not (data.get("contact_phone") or data.get("contact_email"))
        if hidden and no_contact and not self.has_error("contact_email"):
            self.add_error(
                "contact_email",
                _(
                    "With only the neighbourhood shown, residents need a phone number or "
                    "an e-mail address to ask for the address."
                ),
            )
        if data.get("place") is None and not self.has_error("place"):
            missing = [
                name for name in ("new_place_name", "new_place_location") if not data.get(name)
            ]
            for name in missing:
                self.add_error(name, _("Choose a place from the list, or give the new place this."))
        return data


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (optional, shown to residents on the public page)"),
        required=False,
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("For example: the hall is closed for repairs."),
    )


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
