"""Help to write plainly: the workspace form asks how its summary and "what to expect" read
while a worker types (usertext.plain_language). Advice only: posting never waits for it."""

from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_POST

from usertext.plain_language import SCORED_LANGUAGES, plain_hint

from .guards import guarded

# The longest text field of an activity is far below this; more is not a text to advise on.
MAX_TEXT = 10_000


@require_POST
@guarded
def plain_language(request: HttpRequest) -> JsonResponse:
    text = request.POST.get("text", "")
    language = request.POST.get("language", "nl")
    errors = {}
    if len(text) > MAX_TEXT:
        errors["text"] = [f"At most {MAX_TEXT:,} characters."]
    if language not in SCORED_LANGUAGES:
        errors["language"] = [f"One of {', '.join(SCORED_LANGUAGES)}."]
    if errors:
        return JsonResponse({"errors": errors}, status=400)
    return JsonResponse(plain_hint(text, language).as_json())
