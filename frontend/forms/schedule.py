"""When an activity takes place, in plain terms: the schedule form, also used alone by
the live preview of the next dates."""

from datetime import timedelta

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from events.recurrence.plain import (
    WEEKDAY_CODES,
    PlainRecurrence,
    Repeat,
    schedule_from_plain,
)
from events.services import ScheduleInput

from .date_input import DayMonthYearField
from .fields import TimeInput, add_service_errors

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

    date = DayMonthYearField(label=_("First date"))
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
    until = DayMonthYearField(
        label=_("Until"),
        required=False,
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
