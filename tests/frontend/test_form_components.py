"""Every form is drawn with the design system's components (frontend/forms/rendering.py):
an error summary linking to each field, error messages with a prefix for screen readers,
checkboxes and radios as large targets, a date as day, month and year in the page's
language."""

import re

import pytest
from django import forms
from django.utils import translation

from frontend.forms.date_input import DayMonthYearField

PREFIX = {"nl-be": "Fout:", "fr": "Erreur :", "en": "Error:"}
TITLE = {"nl-be": "Er is een probleem", "fr": "Il y a un problème", "en": "There is a problem"}
DATE_LABELS = {"nl-be": ["Dag", "Maand", "Jaar"], "fr": ["Jour", "Mois", "Année"]}
DATE_LABELS["en"] = ["Day", "Month", "Year"]


class SampleForm(forms.Form):
    name = forms.CharField(label="Name", help_text="As people call you")
    day = DayMonthYearField(label="Day of the visit")
    models = forms.MultipleChoiceField(
        choices=[("a", "A"), ("b", "B")], widget=forms.CheckboxSelectMultiple
    )
    kind = forms.ChoiceField(choices=[("x", "X"), ("y", "Y")], widget=forms.RadioSelect)
    agree = forms.BooleanField(label="I agree")
    note = forms.CharField(widget=forms.Textarea, required=False)
    place = forms.ChoiceField(choices=[("", "—"), ("p", "P")], required=False)

    def clean(self):
        raise forms.ValidationError("These do not go together.")


def summary_links(html: str) -> list[str]:
    summary = html[html.index('<div class="govuk-error-summary"') :]
    summary = summary[: summary.index("</ul>")]
    return re.findall(r'<a href="#([^"]+)">', summary)


@pytest.mark.parametrize("language", ["nl-be", "fr", "en"])
def test_a_form_with_errors_starts_with_a_summary_that_links_to_each_field(language):
    with translation.override(language):
        form = SampleForm({"day_day": "31", "day_month": "2", "day_year": "2026"})
        assert not form.is_valid()
        html = str(form)
    assert html.lstrip().startswith('<div class="govuk-error-summary" tabindex="-1" autofocus>')
    assert '<div role="alert">' in html and TITLE[language] in html
    assert "These do not go together." in html.split("</ul>")[0]
    # Each link leads to an element of the form with that id (the day box of the date,
    # the first box of a group).
    links = summary_links(html)
    assert links == ["id_name", "id_day_0", "id_models_0", "id_kind_0", "id_agree"]
    for anchor in links:
        assert f'id="{anchor}"' in html
    # Every field's error says "Error:" to screen readers, in the page's language, and is
    # the description of its control.
    prefix = f'<span class="govuk-visually-hidden">{PREFIX[language]}</span>'
    assert html.count(prefix) == 5
    assert 'aria-describedby="id_name_helptext id_name_error"' in html
    assert '<p class="govuk-error-message" id="id_name_error">' in html
    assert 'class="govuk-input govuk-input--error"' in html


def test_a_form_without_errors_has_no_summary():
    assert "govuk-error-summary" not in str(SampleForm())


def test_widgets_carry_their_component_classes():
    html = str(SampleForm())
    assert '<div class="govuk-checkboxes" id="id_models">' in html
    assert (
        '<div class="govuk-checkboxes__item"><input type="checkbox" name="models" value="a"' in html
    )
    box, label = (
        'class="govuk-checkboxes__input"',
        '<label class="govuk-label govuk-checkboxes__label"',
    )
    assert f'{box} id="id_models_0">{label} for="id_models_0">A</label>' in html
    assert '<div class="govuk-radios" id="id_kind">' in html
    assert 'class="govuk-radios__input" id="id_kind_0">' in html
    assert f'{box} id="id_agree">{label} for="id_agree">I agree</label>' in html
    assert '<textarea name="note" cols="40" rows="10" class="govuk-textarea"' in html
    assert '<select name="place" class="govuk-select"' in html
    assert (
        '<legend class="govuk-fieldset__legend govuk-fieldset__legend--s">Day of the visit</legend>'
        in html
    )


def test_a_widgets_own_class_is_kept():
    class Form(forms.Form):
        language = forms.ChoiceField(
            choices=[("nl", "nl")], widget=forms.Select(attrs={"class": "autonyms"})
        )

    assert 'class="govuk-select autonyms"' in str(Form())


@pytest.mark.parametrize("language", ["nl-be", "fr", "en"])
def test_a_date_is_day_month_and_year_labelled_in_the_pages_language(language):
    with translation.override(language):
        html = str(SampleForm()["day"])
    labels = re.findall(
        r'<label class="govuk-label govuk-date-input__label" for="id_day_\d">([^<]+)</label>', html
    )
    assert labels == DATE_LABELS[language]
    assert html.count('inputmode="numeric"') == 3


@pytest.mark.parametrize(
    ("data", "cleaned", "error"),
    [
        ({"day_day": "27", "day_month": "3", "day_year": "2026"}, "2026-03-27", None),
        ({"day_day": "31", "day_month": "2", "day_year": "2026"}, None, "Enter a real date"),
        ({"day_day": "3", "day_month": "", "day_year": "2026"}, None, "Enter the day, the month"),
        # One ISO date under the field's own name, as links and clients send it (?date=).
        ({"day": "2026-03-27"}, "2026-03-27", None),
        ({"day": "2026-02-30"}, None, "Enter a real date"),
        ({"day": "gisteren"}, None, "Enter a real date"),
    ],
)
def test_a_date_from_three_boxes(data, cleaned, error):
    class Form(forms.Form):
        day = DayMonthYearField()

    with translation.override("en"):
        form = Form(data)
        form.is_valid()
        if cleaned:
            assert str(form.cleaned_data["day"]) == cleaned
        else:
            assert error in form.errors["day"][0]


def test_an_iso_date_in_the_query_shows_in_the_three_boxes():
    class Form(forms.Form):
        day = DayMonthYearField(required=False)

    html = str(Form({"day": "2026-03-07"})["day"])
    for box, value in (("day_day", "07"), ("day_month", "03"), ("day_year", "2026")):
        assert f'name="{box}" value="{value}"' in html


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["nl-be", "fr", "en"])
def test_a_post_with_errors_renders_the_summary_in_the_pages_language(client, language):
    from django.urls import reverse

    with translation.override(language):
        url = reverse("frontend:subscribe")
    response = client.post(url, {"email": "not an address", "area": "NOPE"})
    assert response.status_code == 400
    html = response.content.decode()
    assert TITLE[language] in html
    # Each erroneous field's control, by its id, in the order of the form.
    links = summary_links(html)
    assert links == ["id_area", "id_email"]
    for anchor in links:
        assert f'id="{anchor}"' in html
    assert html.count(f'<span class="govuk-visually-hidden">{PREFIX[language]}</span>') == 2


@pytest.mark.django_db
def test_the_login_page_starts_with_a_summary_when_the_password_is_wrong(client):
    response = client.post("/accounts/login/", {"username": "nobody", "password": "wrong"})
    html = response.content.decode()
    assert summary_links(html) == ["id_username"]
    assert 'class="govuk-input"' in html and "govuk-button" in html


@pytest.mark.django_db
def test_the_password_reset_pages_use_the_sites_layout(client):
    from tests.factories import UserFactory

    UserFactory(email="known@example.org")
    form = client.get("/accounts/password_reset/").content.decode()
    assert '<header class="bw-header site-header">' in form
    assert 'class="govuk-input' in form and "Stuur me de link" in form
    done = client.post("/accounts/password_reset/", {"email": "known@example.org"}, follow=True)
    assert "Kijk in je mailbox" in done.content.decode()
    assert "bw-header" in done.content.decode()
    empty = client.post("/accounts/password_reset/", {"email": ""}).content.decode()
    assert summary_links(empty) == ["id_email"]
    broken = client.get("/accounts/reset/MQ/bad-token/", follow=True).content.decode()
    assert "Deze link werkt niet meer" in broken and "bw-header" in broken


@pytest.mark.parametrize("value", ["", "x&y", "5", ["x&y", "z"]])
def test_a_select_draws_the_same_options_as_djangos_own(value):
    """The site's select writes its options in one tag (form_tags.select_options): the
    same elements, values, labels, groups and selection as Django's own templates draw,
    with everything escaped."""
    from django.forms.renderers import DjangoTemplates
    from django.test.html import parse_html

    from frontend.forms.rendering import DesignFormRenderer

    choices = [
        ("", "—"),
        ('Groep <"1">', [("x&y", "X & Y"), ("z", "<script>Z</script>")]),
        (5, translation.gettext_lazy("Free only")),
    ]
    widget = forms.SelectMultiple if isinstance(value, list) else forms.Select
    widget = widget(choices=choices, attrs={"id": "id_a", "class": "govuk-select"})
    ours = widget.render("a", value, renderer=DesignFormRenderer())
    djangos = widget.render("a", value, renderer=DjangoTemplates())
    assert parse_html(ours) == parse_html(djangos)
    assert "<script>" not in ours and "&lt;script&gt;Z&lt;/script&gt;" in ours
    assert ours.count(" selected") == (len(value) if isinstance(value, list) else 1)
