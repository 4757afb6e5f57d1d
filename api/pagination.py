from django.core.paginator import InvalidPage
from django.utils.translation import gettext as _
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination

MAX_PAGE_SIZE = 200


class StrictPageNumberPagination(PageNumberPagination):
    """Page-number pagination that refuses a bad `page` or `page_size` with a 400 naming
    it, instead of quietly falling back to a default."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE
    page_size_query_description = f"Items per page (1–{MAX_PAGE_SIZE}, default 50)."

    def get_page_size(self, request):
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return self.page_size
        if not (raw.isascii() and raw.isdigit()) or not 1 <= int(raw) <= self.max_page_size:
            raise ValidationError(
                {
                    "page_size": [
                        _("Give a whole number from 1 to %(max)s.") % {"max": self.max_page_size}
                    ]
                }
            )
        return int(raw)

    def paginate_queryset(self, queryset, request, view=None):
        return list(self.page_for(queryset, request))

    def page_for(self, queryset, request):
        """Validate `page` and `page_size` and return the page, its rows not yet read (so a
        view may render them in the database)."""
        raw = self._page_number(request)
        self.request = request
        return self._page(self.django_paginator_class(queryset, self.get_page_size(request)), raw)

    def page_rendered(self, queryset, request, render) -> str:
        """Validate `page` and `page_size`, then let `render(queryset, offset=, limit=)`
        write the page and count the whole list in one statement; returns what it wrote.
        It returns (text, count), count None when it could not tell (an empty page): then
        the paginator counts, as page_for does, and says which pages exist."""
        raw = self._page_number(request)
        number = int(raw)
        self.request = request
        page_size = self.get_page_size(request)
        text, count = render(queryset, offset=(number - 1) * page_size, limit=page_size)
        paginator = self.django_paginator_class(queryset, page_size)
        if count is None and number == 1:
            count = 0  # nothing from the first row on: the list is empty
        if count is not None:
            paginator.count = count  # a cached_property: no COUNT query
        self._page(paginator, raw)
        return text

    def _page_number(self, request) -> str:
        """The `page` parameter, checked: digits only, 1 or more."""
        raw = request.query_params.get(self.page_query_param, "1")
        if not (raw.isascii() and raw.isdigit()) or int(raw) < 1 or len(raw) > 9:
            raise ValidationError({"page": [_("Give a page number of 1 or more.")]})
        return raw

    def _page(self, paginator, raw: str):
        try:
            self.page = paginator.page(int(raw))
        except InvalidPage:
            raise ValidationError(
                {
                    "page": [
                        _("Page %(page)s does not exist; there are %(pages)s.")
                        % {"page": raw, "pages": paginator.num_pages}
                    ]
                }
            ) from None
        return self.page

    def raw_json_response(self, results_json: str):
        """The paginated envelope around results already rendered as JSON text."""
        import json

        from django.http import HttpResponse

        envelope = json.dumps(
            {
                "count": self.page.paginator.count,
                "next": self.get_next_link(),
                "previous": self.get_previous_link(),
            }
        )
        return HttpResponse(
            envelope[:-1] + f', "results": {results_json}}}', content_type="application/json"
        )
