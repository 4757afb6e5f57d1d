"""The whole path through a real SMTP server on loopback: sign up on the real page, the one
confirmation mail, its link, the Monday digest with the right sessions and headers, a rerun
that sends nothing, and the one-click unsubscribe of RFC 8058 from the mail's header."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from subscriptions.models import Subscription

from .conftest import MONDAY, body, free_port, link_path

pytestmark = pytest.mark.django_db


def sign_up_and_confirm(client, smtp, *, email, data, language_prefix="") -> Subscription:
    response = client.post(
        language_prefix + reverse("frontend:subscribe"), {"email": email, **data}
    )
    assert response.status_code == 200, response.content.decode()[:2000]
    (confirmation,) = smtp.to(email)
    confirm_path = link_path(confirmation, "bevestigen")
    page = client.get(confirm_path)
    assert page.status_code == 200
    assert Subscription.objects.get(email=email).confirmed_at is None  # a GET confirms nothing
    assert client.post(confirm_path).status_code == 200
    return Subscription.objects.get(email=email)


def test_digest_arrives_with_the_week_and_one_click_unsubscribe(client, smtp, offer, sunday):
    client.post(reverse("frontend:subscribe"), {"email": "rita@example.org", "area": "T0001W1"})
    (confirmation,) = smtp.messages
    assert confirmation["To"] == "rita@example.org"
    assert "bevestig" in confirmation["Subject"].lower()
    assert confirmation["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    # Until the link is followed nothing but that one mail is sent.
    sunday.move_to(MONDAY)
    call_command("send_digests", stdout=StringIO())
    assert len(smtp.messages) == 1

    confirm_path = link_path(confirmation, "bevestigen")
    assert client.get(confirm_path).status_code == 200
    confirmed = client.post(confirm_path)
    assert confirmed.status_code == 200
    subscription = Subscription.objects.get()
    assert subscription.confirmed_at is not None

    out = StringIO()
    call_command("send_digests", "--week", "2026-12-07", stdout=out)
    assert "1 sent" in out.getvalue()
    assert len(smtp.messages) == 2
    digest = smtp.messages[1]
    assert digest["To"] == "rita@example.org"
    assert digest["From"] == "buurtwijzer@example.org"
    assert "7 december – 13 december 2026" in digest["Subject"]
    header = str(digest["List-Unsubscribe"]).strip()
    assert header.startswith("<") and header.endswith(">")
    unsubscribe_url = header[1:-1]
    assert unsubscribe_url.startswith("https://buurtwijzer.example.org/inschrijving/")
    assert digest["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert digest.get_content_type() == "multipart/alternative"

    text, html = body(digest, "plain"), body(digest, "html")
    for part in (text, html):
        assert "Praatcafé Nederlands" in part
        assert "dinsdag 8 december, 19:00" in part
        assert "Repair café" in part
        assert "AFGELAST" in part  # the cancelled Thursday is marked
        assert "Kerstmarkt" not in part  # next week
        assert "Oost kookt" not in part  # another neighbourhood
        assert f"/activiteit/{offer['weekly'].pk}/" in part
        assert "/buurt/T0001W1/affiche/" in part  # the poster
        assert "/wijzigen/" in part
    assert text.index("Praatcafé") < text.index("Repair café")  # by date
    assert "<img" not in html
    assert len(html.encode()) <= 30_000
    assert 'lang="nl-be"' in html

    # A rerun the same week sends nothing twice.
    out = StringIO()
    call_command("send_digests", "--week", "2026-12-09", stdout=out)
    assert "0 sent" in out.getvalue()
    assert len(smtp.messages) == 2

    # The mail client's one-click POST: no CSRF token, no cookie, the RFC 8058 body.
    mail_client = Client(enforce_csrf_checks=True)
    response = mail_client.post(
        unsubscribe_url.removeprefix("https://buurtwijzer.example.org"),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    assert not Subscription.objects.exists()
    # The link keeps answering (a second click) without a 500; the page asks no more.
    assert mail_client.post(unsubscribe_url.removeprefix("https://buurtwijzer.example.org"))
    assert (
        client.get(unsubscribe_url.removeprefix("https://buurtwijzer.example.org")).status_code
        == 404
    )


def test_unsubscribe_link_in_the_text_through_the_page(client, smtp, offer, sunday):
    sign_up_and_confirm(client, smtp, email="ali@example.org", data={"area": "T0001W1"})
    path = link_path(smtp.messages[0], "uitschrijven")
    page = client.get(path)
    assert page.status_code == 200
    assert Subscription.objects.exists()  # opening the link deletes nothing
    assert b'method="post"' in page.content
    assert client.post(path).status_code == 200
    assert not Subscription.objects.exists()


def test_digest_in_french_for_a_point_and_radius(client, smtp, offer, sunday):
    subscription = sign_up_and_confirm(
        client,
        smtp,
        email="amina@example.org",
        data={"near": "3.7051,51.0051", "radius": "500", "work_model": ["community"]},
        language_prefix="/fr",
    )
    assert subscription.language == "fr"
    assert subscription.area is None and subscription.radius_m == 500
    confirmation = smtp.messages[0]
    assert "/fr/inschrijving/" in body(confirmation, "plain")
    call_command("send_digests", "--week", "2026-W50", stdout=StringIO())
    digest = smtp.messages[-1]
    text = body(digest, "plain")
    assert "mardi 8 décembre, 19:00" in text
    assert "ANNULÉ" in text
    assert "Oost kookt" not in text  # 1.4 km away, beyond 500 m


def test_empty_week_sends_nothing(client, smtp, offer, sunday):
    sign_up_and_confirm(client, smtp, email="jan@example.org", data={"area": "T0001W2"})
    out = StringIO()
    call_command("send_digests", "--week", "2026-12-14", stdout=out)  # Oost: nothing then
    assert len(smtp.messages) == 1
    assert "0 sent, 1 with nothing to send" in out.getvalue()


def test_reminder_the_day_before(client, smtp, offer, sunday):
    activity = offer["weekly"]
    page = client.get(reverse("frontend:activity", args=[activity.pk]))
    assert b'name="activity"' in page.content
    sign_up_and_confirm(client, smtp, email="lea@example.org", data={"activity": activity.pk})
    out = StringIO()
    call_command("send_reminders", "--day", "2026-12-07", stdout=out)
    assert "1 sent" in out.getvalue()
    reminder = smtp.messages[-1]
    assert reminder["Subject"] == "Morgen: Praatcafé Nederlands"
    assert reminder["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "dinsdag 8 december, 19:00–21:00" in body(reminder, "plain")
    call_command("send_reminders", "--day", "2026-12-07", stdout=StringIO())
    call_command("send_reminders", "--day", "2026-12-08", stdout=StringIO())  # no Wednesday
    assert len(smtp.messages) == 2
    call_command("send_reminders", "--day", "2026-12-14", stdout=StringIO())
    assert len(smtp.messages) == 3  # the next Tuesday


@pytest.fixture
def smtp_down(settings):
    """Django's SMTP backend pointed at a port where nothing listens."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", free_port(), 2


def test_sign_up_while_the_mail_server_is_down_stores_nothing(client, offer, smtp_down):
    response = client.post("/inschrijven/", {"email": "rita@example.org", "area": "T0001W1"})
    assert response.status_code == 503
    assert "kon nu niet verstuurd worden" in response.content.decode()
    assert not Subscription.objects.exists()


def test_send_digests_while_the_mail_server_is_down_exits_with_a_sentence(
    client, smtp, offer, sunday, settings
):
    subscription = sign_up_and_confirm(
        client, smtp, email="rita@example.org", data={"area": "T0001W1"}
    )
    settings.EMAIL_PORT = free_port()
    with pytest.raises(CommandError, match=r"could not be reached.*run the command again"):
        call_command("send_digests", "--week", "2026-12-07", stdout=StringIO())
    subscription.refresh_from_db()
    assert subscription.last_sent_for is None
