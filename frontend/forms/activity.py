"""The post-in-two-minutes form of the workspace: what, where, for whom and when. It
checks and shapes input only; the rules live in the services it hands its data to."""

from django import forms
from django.contrib.gis import forms as gis_forms
from django.utils.translation import gettext_lazy as _
from leaflet.forms.widgets import LeafletWidget

from core.language import content_language
from events.languages import SPOKEN_LANGUAGES
from events.models import (
    ACTIVITY_DETAILS,
    TEXT_LANGUAGES,
    ActivityKind,
    Audience,
    CostKind,
    WorkModel,
)
from places.models import PlaceKind

from .fields import WorkModelField, YesNoUnknownField, organisation_and_place_set
from .schedule import SCHEDULE_FIELDS, ScheduleForm

# The details the page shows last, under "More": who hosts it and the longer texts.
LONGER_TEXTS = ("host_name", "what_to_expect", "description")


class ActivityForm(ScheduleForm):
    # The order of the page (activity_form.html), which the error summary follows.
    field_order = [
        "organisation",
        "text_language",
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
        *SCHEDULE_FIELDS,
        *(name for name in ACTIVITY_DETAILS if name not in {"text_language", *LONGER_TEXTS}),
        *LONGER_TEXTS,
    ]
    organisation = forms.TypedChoiceField(label=_("Organisation"), coerce=int)
    text_language = forms.ChoiceField(
        label=_("In which language do you write this text?"),
        choices=TEXT_LANGUAGES,
        required=False,
        widget=forms.RadioSelect,
        help_text=_("Pages in other languages mark your text as written in this one."),
    )
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
    basic_dutch_ok = YesNoUnknownField(label=_("Is basic Dutch enough?"))
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
    registration_required = YesNoUnknownField(label=_("Registration needed?"))
    registration_how = forms.CharField(
        label=_("How to register"),
        required=False,
        max_length=300,
        help_text=_("For example: call Fatima, or e-mail before Friday."),
    )
    contact_phone = forms.CharField(label=_("Phone"), required=False, max_length=40)
    contact_email = forms.EmailField(label=_("E-mail"), required=False)

    def __init__(self, *args, organisations, places, csp_nonce=None, **kwargs):
        super().__init__(*args, **kwargs)
        # The map widget's own <script> runs under the page's Content-Security-Policy.
        self.fields["new_place_location"].widget.csp_nonce = csp_nonce
        # The error summary leads to the map's box (workspace/_field.html): the map has no
        # control of its own to focus.
        self.fields["new_place_location"].summary_anchor = "field-new_place_location"
        organisation_and_place_set(self, organisations=organisations, places=places)
        # A new post is most likely written in the language the worker reads the form in.
        self.fields["text_language"].initial = content_language()

    def clean_text_language(self) -> str:
        # Not sent: what the form showed (the activity's own, or the interface language).
        chosen = self.cleaned_data.get("text_language")
        return chosen or self.get_initial_for_field(self.fields["text_language"], "text_language")

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
