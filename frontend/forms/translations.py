"""The workspace form's translations: one fieldset per language (title, summary, what to
expect), with a blank one to add a translation and a button for one more, all without
JavaScript. The rules (which languages, which texts are required) are
events.services.set_translations'; this only shapes the input."""

from contextlib import suppress

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from events.languages import SPOKEN_LANGUAGES
from events.services.translations import MAX_TRANSLATIONS, TRANSLATED_FIELDS
from events.texts import translations_of

PREFIX = "translation"
# The button that shows one more blank translation (the form is shown again, not saved).
ADD_BUTTON = "add_translation"


class TranslationForm(forms.Form):
    language = forms.ChoiceField(
        label=_("Translation into"),
        choices=[("", "—"), *SPOKEN_LANGUAGES],
        required=False,
        widget=forms.Select(attrs={"class": "autonyms"}),
    )
    # dir="auto": Arabic or Persian typed here reads right to left while it is typed.
    title = forms.CharField(
        # Labels of their own: a label shared with the form's own fields ("Title") would
        # leave a screen reader (and get_by_label) two fields of one name.
        label=_("Translation: name of the activity"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"dir": "auto"}),
    )
    summary = forms.CharField(
        label=_("Translation: short explanation"),
        max_length=300,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "dir": "auto"}),
    )
    what_to_expect = forms.CharField(
        label=_("Translation: what happens"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"}),
    )

    def clean(self):
        data = super().clean()
        texts = [data.get(name) for name in TRANSLATED_FIELDS]
        if any(texts) and not data.get("language"):
            self.add_error("language", _("Choose the language of this translation."))
        if data.get("language") and not data.get("DELETE"):
            for name in ("title", "summary"):
                if not data.get(name) and not self.has_error(name):
                    self.add_error(name, _("This field is required."))
        return data


class BaseTranslationFormSet(forms.BaseFormSet):
    def valid_or_not_sent(self) -> bool:
        return not self.is_bound or self.is_valid()

    def clean(self):
        languages = [
            form.cleaned_data.get("language")
            for form in self.forms
            if form.cleaned_data.get("language") and not form.cleaned_data.get("DELETE")
        ]
        twice = {language for language in languages if languages.count(language) > 1}
        if twice:
            raise ValidationError(_("Each language once: one translation per language."))

    def translations(self) -> dict[str, dict[str, str]] | None:
        """The translations as set_translations takes them: the whole set, without the
        ones marked for removal and the blank ones; None when the post had no fieldsets."""
        if not self.is_bound:
            return None
        return {
            form.cleaned_data["language"]: {
                name: form.cleaned_data.get(name, "") for name in TRANSLATED_FIELDS
            }
            for form in self.forms
            if form.cleaned_data.get("language") and not form.cleaned_data.get("DELETE")
        }

    def add_service_errors(self, errors: dict[str, list[str]]) -> bool:
        """Put set_translations' errors ("translations.ar.title") on the fieldset of that
        language; True when any was placed."""
        placed = False
        for key, messages in errors.items():
            parts = key.split(".")
            if parts[0] != "translations" or len(parts) < 2:
                continue
            for form in self.forms:
                if form.cleaned_data.get("language") == parts[1]:
                    field = parts[2] if len(parts) > 2 and parts[2] in form.fields else "language"
                    form.add_error(field, messages)
                    placed = True
        return placed


TranslationFormSet = forms.formset_factory(
    TranslationForm,
    formset=BaseTranslationFormSet,
    extra=1,
    can_delete=True,
    max_num=MAX_TRANSLATIONS,
    validate_max=True,
)


def translation_formset(request, activity) -> BaseTranslationFormSet:
    """The activity's translations as fieldsets plus a blank one; after "add a translation"
    (ADD_BUTTON), one blank more than was sent."""
    initial = [
        {"language": language, **texts}
        for language, texts in (translations_of(activity) if activity else {}).items()
    ]
    total = f"{PREFIX}-TOTAL_FORMS"
    if request.method != "POST" or total not in request.POST:
        # A post without the fieldsets (an older page, a script) leaves the translations
        # as they are: the formset stays unbound and saving passes None.
        return TranslationFormSet(initial=initial, prefix=PREFIX)
    data = request.POST
    if ADD_BUTTON in data:
        data = data.copy()
        # A broken count is left as it is: the formset reports its management form itself.
        with suppress(ValueError):
            data[total] = str(min(int(data.get(total, 0)) + 1, MAX_TRANSLATIONS))
    return TranslationFormSet(data, initial=initial, prefix=PREFIX)
