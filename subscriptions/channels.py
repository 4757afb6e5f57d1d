"""How a message reaches a subscriber. E-mail is the only channel built; an SMS channel
(docs/sms.md) implements the same two methods and renders its own short text."""

from dataclasses import dataclass, field
from typing import Protocol

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection


@dataclass(frozen=True)
class Message:
    """One message for one subscriber, in their language, with the links every message
    must carry (RFC 8058 one-click unsubscribe, and a page to change the filter)."""

    to: str
    subject: str
    text: str
    html: str
    unsubscribe_url: str
    change_url: str
    # Sent as mail headers by the e-mail channel (List-Id, Auto-Submitted, …).
    headers: dict[str, str] = field(default_factory=dict)


class Channel(Protocol):
    """A delivery channel. Used as a context manager around a batch, so that a batch shares
    one connection (one SMTP session, one HTTP client for a gateway)."""

    def __enter__(self) -> "Channel": ...

    def __exit__(self, *exc) -> None: ...

    def send(self, message: Message) -> None:
        """Deliver one message or raise; a raised error leaves the row unsent."""


class EmailChannel:
    """Django's e-mail backend (EMAIL_BACKEND, EMAIL_HOST, …): plain text with an HTML
    alternative, and the List-Unsubscribe headers of RFC 2369 and RFC 8058."""

    def __init__(self, connection=None):
        self.connection = connection or get_connection()

    def __enter__(self) -> "EmailChannel":
        self.connection.open()
        return self

    def __exit__(self, *exc) -> None:
        self.connection.close()

    def mail(self, message: Message) -> EmailMultiAlternatives:
        mail = EmailMultiAlternatives(
            subject=message.subject,
            body=message.text,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[message.to],
            connection=self.connection,
            headers={
                "List-Unsubscribe": f"<{message.unsubscribe_url}>",
                # RFC 8058: the mail client POSTs this body to the URL above, no page shown.
                "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
                "Auto-Submitted": "auto-generated",
                **message.headers,
            },
        )
        mail.attach_alternative(message.html, "text/html")
        return mail

    def send(self, message: Message) -> None:
        self.mail(message).send(fail_silently=False)


def default_channel() -> Channel:
    return EmailChannel()
