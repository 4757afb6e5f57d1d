"""How every Django form of the site is drawn: with the design system's components
(govuk-frontend's classes, docs/design.md). FORM_RENDERER names DesignFormRenderer, so
`{{ form }}` draws an error summary and one form group per field, `{{ field.as_field_group }}`
one group (label, hint, error message, control), and every widget carries its component's
class, also where a template places widgets one by one."""

from django import forms
from django.forms.boundfield import BoundField
from django.forms.renderers import DjangoTemplates
from django.forms.widgets import Input

# The widgets whose markup the design system draws differently (checkboxes and radios as
# items: a 40 px box in a 44 px target, with the label beside it).
WIDGET_TEMPLATES = {
    "django/forms/widgets/checkbox_select.html": "frontend/forms/widgets/checkboxes.html",
    "django/forms/widgets/radio.html": "frontend/forms/widgets/radios.html",
    "django/forms/widgets/select.html": "frontend/forms/widgets/select.html",  # faster
}


def widget_class(widget: forms.Widget, *, error: bool) -> str:
    """The component class of a widget ('' where the design system has none)."""
    if isinstance(widget, forms.CheckboxSelectMultiple):
        return "govuk-checkboxes__input"
    if isinstance(widget, forms.RadioSelect):
        return "govuk-radios__input"
    if isinstance(widget, forms.CheckboxInput):
        return "govuk-checkboxes__input"
    if isinstance(widget, forms.Select):
        return "govuk-select" + (" govuk-select--error" if error else "")
    if isinstance(widget, forms.Textarea):
        return "govuk-textarea" + (" govuk-textarea--error" if error else "")
    if isinstance(widget, Input) and not isinstance(widget, forms.HiddenInput | forms.FileInput):
        return "govuk-input" + (" govuk-input--error" if error else "")
    return ""


class DesignBoundField(BoundField):
    """A form field whose widget carries its component's class (and the error variant),
    next to the classes the form itself gives it."""

    def build_widget_attrs(self, attrs, widget=None):
        attrs = super().build_widget_attrs(attrs, widget)
        widget = widget or self.field.widget
        css = widget_class(widget, error=bool(self.errors))
        if css:
            own = " ".join(filter(None, [widget.attrs.get("class"), attrs.get("class")]))
            attrs["class"] = f"{css} {own}".strip()
        return attrs

    @property
    def summary_anchor(self) -> str:
        """The id the error summary links to: the control, or the first checkbox or radio
        of a group (whose id_for_label is empty: the group has a legend, not a label)."""
        if anchor := getattr(self.field, "summary_anchor", ""):
            return anchor  # a template that draws the control itself names its id
        return self.id_for_label or (f"{self.auto_id}_0" if self.auto_id else "")


class DesignFormRenderer(DjangoTemplates):
    form_template_name = "frontend/forms/form.html"
    field_template_name = "frontend/forms/field.html"
    bound_field_class = DesignBoundField

    def get_template(self, template_name):
        return super().get_template(WIDGET_TEMPLATES.get(template_name, template_name))
