"""The sign-up and change forms of subscriptions without an account. A plain POST form that
works without JavaScript; the filter of the page it sits on travels in hidden fields."""

import math

from django import forms
from django.contrib.gis.geos import Point
from django.utils.translation import gettext_lazy as _

from buurt.queries import area_by_code
from events.models import Activity, Status, WorkModel
from subscriptions.services import DigestFilter

from .home import DEFAULT_RADIUS_M, RADIUS_CHOICES


class DigestFilterForm(forms.Form):
    """What a weekly digest follows: a neighbourhood (its code) or a point and a radius."""

    area = forms.CharField(label=_("Your neighbourhood"), required=False, max_length=40)
    near = forms.CharField(required=False, max_length=60, widget=forms.HiddenInput)
    radius = forms.TypedChoiceField(
        label=_("Distance"),
        required=False,
        coerce=int,
        empty_value=DEFAULT_RADIUS_M,
        choices=RADIUS_CHOICES,
    )
    work_model = forms.MultipleChoiceField(
        label=_("Kind of support"), required=False, widget=forms.CheckboxSelectMultiple
    )
    language = forms.CharField(label=_("Language spoken"), required=False, max_length=3)

    def __init__(self, *args, area_choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["work_model"].choices = [
            (model.code, model.name) for model in WorkModel.objects.all()
        ]
        if area_choices is not None:
            self.fields["area"].widget = forms.Select(choices=area_choices)

    def clean_area(self):
        code = self.cleaned_data["area"].strip()
        if not code:
            return None
        area = area_by_code(code)
        if area is None:
            raise forms.ValidationError(_("This neighbourhood does not exist."))
        return area

    def clean_near(self) -> Point | None:
        value = self.cleaned_data["near"].strip()
        if not value:
            return None
        try:
            lon, lat = (float(part) for part in value.split(","))
        except ValueError:
            raise forms.ValidationError(_("The chosen point could not be read.")) from None
        if not (
            math.isfinite(lon) and math.isfinite(lat) and -180 <= lon <= 180 and -90 <= lat <= 90
        ):
            raise forms.ValidationError(_("The chosen point could not be read."))
        return Point(lon, lat, srid=4326)

    def clean_language(self) -> str:
        code = self.cleaned_data["language"].strip().lower()
        if code and (not code.isalpha() or len(code) not in (2, 3)):
            raise forms.ValidationError(_("Choose a language from the list."))
        return code

    def digest_filter(self) -> DigestFilter | None:
        """The filter, when the form has a neighbourhood or a point (else an error on area)."""
        data = self.cleaned_data
        area, near = data.get("area"), data.get("near")
        if near is not None:
            area = None  # a point chosen on the map is more precise than the list's area
        if area is None and near is None:
            if "area" not in self.errors and "near" not in self.errors:
                self.add_error("area", _("Choose your neighbourhood or a point on the map."))
            return None
        return DigestFilter(
            area=area,
            near=near,
            radius_m=(data.get("radius") or DEFAULT_RADIUS_M) if near is not None else None,
            work_models=tuple(data.get("work_model") or ()),
            spoken_language=data.get("language") or "",
        )


class SubscribeForm(DigestFilterForm):
    """Sign up: an address, and either the digest filter or one activity (a reminder)."""

    email = forms.EmailField(label=_("Your e-mail address"), max_length=254)
    activity = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1)

    def clean_activity(self) -> Activity | None:
        pk = self.cleaned_data.get("activity")
        if pk is None:
            return None
        activity = Activity.objects.filter(pk=pk, status=Status.PUBLISHED).first()
        if activity is None:
            raise forms.ValidationError(_("This activity cannot be followed."))
        return activity


class ChangeForm(DigestFilterForm):
    """Change the language of the mails and, for a digest, what it follows."""

    mail_language = forms.ChoiceField(label=_("Language of the mails"))

    def __init__(self, *args, languages, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mail_language"].choices = languages
