"""Which calendar addresses the server may fetch: the one rule for registering a feed (the
workspace form, the admin, the service) and for fetching it (events.calendars.sync, every
redirect included).

The server fetches addresses that organisations give it, so an address on its own network
(the database, Redis, cloud metadata at 169.254.169.254) would let anyone with a workspace
probe that network (SSRF). Development and tests serve calendars from 127.0.0.1:
`CALENDAR_SYNC_ALLOW_PRIVATE_HOSTS` switches the network part of the rule off there.
"""

from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _

from core.fetch import AddressRefused as FetchRefused
from core.fetch import checked_target, web_address


@dataclass
class AddressRefused(Exception):
    """Why an address is refused: `reason` is "scheme", "unknown" or "private"."""

    reason: str
    host: str = ""

    def __str__(self) -> str:
        # English, for the sync's log and command output.
        if self.reason == "scheme":
            return "the address must start with http:// or https://"
        if self.reason == "unknown":
            return f"the host {self.host} is unknown"
        return f"the host {self.host} is on a private network"

    def message(self) -> str:
        """The refusal in the active language, for a form field."""
        if self.reason == "scheme":
            return _("The calendar address must start with http:// or https://.")
        if self.reason == "unknown":
            return _("The host %(host)s of this calendar address cannot be found.") % {
                "host": self.host
            }
        return _(
            "The host %(host)s is on the server’s own network: give a public calendar address."
        ) % {"host": self.host}


def calendar_address_check(url: str) -> None:
    """Raise AddressRefused unless the server may fetch `url`: http(s) only, and (unless
    settings allow private hosts) every address the host name resolves to is global. The
    rule itself is core.fetch's, which the sync fetches through (connecting to the very
    address it checked)."""
    try:
        if settings.CALENDAR_SYNC_ALLOW_PRIVATE_HOSTS:
            web_address(url)  # development and tests: any host, but only http(s)
        else:
            checked_target(url, allow_private=False)
    except FetchRefused as refused:
        raise AddressRefused(refused.kind, refused.host) from None
