"""The workspace's small forms: cancel an activity or a date, send a post back, register
a calendar feed or a UiT source."""

from django import forms
from django.utils.translation import gettext_lazy as _

from events.models import Audience, WorkModel

from .fields import WorkModelField, organisation_and_place_set


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
        organisation_and_place_set(self, organisations=organisations, places=places)


class UitSourceForm(forms.Form):
    """Register or change a UiT source: the query whose events become activities here."""

    organisation = forms.TypedChoiceField(label=_("Organisation"), coerce=int)
    name = forms.CharField(label=_("Name of the source"), max_length=200)
    query = forms.CharField(
        label=_("UiT search query"),
        max_length=1000,
        help_text=_(
            "As in the UiTdatabank Search API, for example: regions:nis-44021 AND "
            "labels:buurtwerk, or organizer.id:… for your own events."
        ),
    )
    work_models = WorkModelField(
        label=_("Work models of its events"),
        queryset=WorkModel.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        to_field_name="code",
    )
    audiences = forms.MultipleChoiceField(
        label=_("Audiences of its events"),
        choices=Audience.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Added to the ages UiT gives (typicalAgeRange)."),
    )
    needs_moderation = forms.BooleanField(
        label=_("A moderator checks its new events before they are published"), required=False
    )
    place = forms.ModelChoiceField(
        label=_("Place for events whose UiT place has no coordinates"),
        queryset=None,
        required=False,
    )
    active = forms.BooleanField(label=_("Sync every hour"), required=False, initial=True)

    def __init__(self, *args, organisations, places, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        organisation_and_place_set(self, organisations=organisations, places=places)
