"""The short links printed on posters (`/b/00K7`): a redirect to the activity's page."""

from django.http import Http404, HttpRequest, HttpResponseRedirect
from django.urls import reverse
from django.utils import translation

from events.listing import activity_visible_exists
from events.short_codes import short_code_id


def short_link(request: HttpRequest, code: str) -> HttpResponseRedirect:
    """To the activity's page, in the visitor's language; the site's 404 page for a code
    that is wrong or whose activity is not public."""
    pk = short_code_id(code)
    if pk is None or not activity_visible_exists(user=request.user, pk=pk):
        raise Http404("No activity has this short code.")
    # The printed address has no language in it: the visitor's choice or browser decides.
    with translation.override(translation.get_language_from_request(request)):
        url = reverse("frontend:activity", args=[pk])
    # Not permanent: the same code may lead to a page that is gone later.
    return HttpResponseRedirect(url)
