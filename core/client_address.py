"""The client's address, as far as the reverse proxies in front of the app vouch for it."""

from django.http import HttpRequest
from rest_framework.throttling import BaseThrottle


def client_address(request: HttpRequest) -> str:
    """REMOTE_ADDR, or the X-Forwarded-For entry that NUM_PROXIES names (docs/operations.md).

    DRF's own rule, so that login lockouts and reset limits count the same client as the
    API's throttles do.
    """
    return BaseThrottle().get_ident(request) or ""
