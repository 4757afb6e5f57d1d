"""The events board: dated occurrences of published activities."""

from drf_spectacular.utils import extend_schema
from rest_framework import viewsets

from events.queries import occurrences_board

from .. import params
from .. import serializers as s
from .common import check


class OccurrenceViewSet(viewsets.ReadOnlyModelViewSet):
    """The events board: dated occurrences ordered by start, or by distance with `near`;
    cancelled dates included with cancelled: true. Without from/to: the coming 7 days."""

    serializer_class = s.OccurrenceSerializer

    def get_queryset(self):
        checked = check(params.OccurrenceParams, self.request)
        start, end = checked.board_window()
        return occurrences_board(
            user=self.request.user, filters=checked.activity_filters(), date_from=start, date_to=end
        )

    @extend_schema(parameters=[params.OccurrenceParams])
    def list(self, request, *args, **kwargs):
        from django.urls import reverse

        from events.queries import occurrences_page_json_counted

        marker = 999999999
        url = request.build_absolute_uri(reverse("frontend:activity", args=[marker]))
        prefix = url[: url.index(str(marker))]
        # The page and the board's count in one statement (occurrences_page_json_counted).
        results = self.paginator.page_rendered(
            self.get_queryset(),
            request,
            lambda board, *, offset, limit: occurrences_page_json_counted(
                board, offset=offset, limit=limit, activity_url_prefix=prefix
            ),
        )
        return self.paginator.raw_json_response(results)
