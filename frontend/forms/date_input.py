"""A date as three boxes, day, month and year, labelled in the page's language: the design
system's date input (docs/design.md), which reads the same in every browser and language,
where <input type="date"> shows the browser's own format and picker."""

import datetime
import re

from django import forms
from django.utils.translation import gettext_lazy as _

# The boxes' names after the field's: date_day, date_month, date_year.
DATE_PARTS = ("day", "month", "year")
ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")


class DayMonthYearWidget(forms.MultiWidget):
    template_name = "frontend/forms/widgets/date_input.html"

    def __init__(self, attrs=None):
        number = {"inputmode": "numeric", "class": "govuk-input govuk-date-input__input"}
        # Class names written whole: PurgeCSS keeps only the classes it finds written.
        widths = ("govuk-input--width-2", "govuk-input--width-2", "govuk-input--width-4")
        widgets = {
            part: forms.TextInput({**number, "class": f"{number['class']} {width}"})
            for part, width in zip(DATE_PARTS, widths, strict=True)
        }
        super().__init__(widgets, attrs)

    def id_for_label(self, id_):
        # The error summary links to the day box (MultiWidget names none).
        return f"{id_}_0" if id_ else ""

    def value_from_datadict(self, data, files, name):
        parts = super().value_from_datadict(data, files, name)
        if any(parts) or not data.get(name):
            return parts
        # One ISO date under the field's own name (?date=2026-03-27): the links, exports and
        # clients that speak the parameter, which the three boxes do not replace.
        if match := ISO_DATE.fullmatch(data[name].strip()):
            year, month, day = match.groups()
            return [day, month, year]
        return [data[name]] * 3  # not a date: refused as one, with the field's message

    def value_omitted_from_data(self, data, files, name):
        return super().value_omitted_from_data(data, files, name) and name not in data

    def decompress(self, value):
        if isinstance(value, datetime.date):
            return [value.day, value.month, value.year]
        return [None, None, None]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        labels = (_("Day"), _("Month"), _("Year"))
        for subwidget, label in zip(context["widget"]["subwidgets"], labels, strict=True):
            subwidget["label"] = label
            if attrs and attrs.get("aria-invalid"):
                subwidget["attrs"]["class"] += " govuk-input--error"
        return context


class DayMonthYearField(forms.MultiValueField):
    """A date from three boxes; an impossible date (31 February) is one clear error."""

    widget = DayMonthYearWidget
    default_error_messages = {
        "invalid": _("Enter a real date, for example 27 3 2026."),
        "incomplete": _("Enter the day, the month and the year."),
    }

    def __init__(self, **kwargs):
        fields = (
            forms.IntegerField(min_value=1, max_value=31),
            forms.IntegerField(min_value=1, max_value=12),
            forms.IntegerField(min_value=1, max_value=9999),  # a form bounds its own years
        )
        kwargs.setdefault("require_all_fields", True)
        super().__init__(fields, **kwargs)

    def clean(self, value):
        if isinstance(value, list | tuple) and any(value) and not all(value):
            raise forms.ValidationError(self.error_messages["incomplete"], code="incomplete")
        try:
            return super().clean(value)
        except forms.ValidationError as error:
            if any(e.code == "required" for e in error.error_list):
                raise
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None

    def compress(self, data_list):
        if not data_list:
            return None
        day, month, year = data_list
        try:
            return datetime.date(year, month, day)
        except ValueError:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None
