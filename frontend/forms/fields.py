"""Widgets, fields and helpers the workspace forms share, and how a service's
ValidationError lands on the field it is about."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from events.models import WorkModel

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


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, **kwargs):
        super().__init__(format="%H:%M", **kwargs)


class YesNoUnknownField(forms.TypedChoiceField):
    """A fact the poster may leave unsaid: radio buttons yes / no / not said, cleaned to
    True, False or None."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", forms.RadioSelect)
        super().__init__(choices=YES_NO_UNKNOWN, coerce=yes_no_unknown, empty_value=None, **kwargs)


class WorkModelField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: WorkModel) -> str:
        return f"{obj.name} — {obj.description}"


def organisation_and_place_set(form: forms.Form, *, organisations, places) -> None:
    """The organisations the user acts for (a hidden field when there is one) and the
    places they may choose, on a form with `organisation` and `place` fields."""
    form.fields["organisation"].choices = [(o.id, o.name) for o in organisations]
    if len(organisations) == 1:
        form.fields["organisation"].initial = organisations[0].id
        form.fields["organisation"].widget = forms.HiddenInput()
    form.fields["place"].queryset = places


def add_service_errors(form: forms.Form, error: ValidationError) -> None:
    """Put a service's ValidationError on the form field it is about."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, errors in error.message_dict.items():
        name = SERVICE_FIELD_TO_FORM.get(name, name)
        form.add_error(name if name in form.fields else None, errors)
