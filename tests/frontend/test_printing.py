"""Posters (HTML and PDF) and the dashboard's PDF report are made once per data version
and language, and making them is throttled: a PDF costs about a second of CPU."""

import pytest
import weasyprint
from django.urls import reverse
from rest_framework.throttling import SimpleRateThrottle

from events.models import Activity
from tests.events.coverage.test_figures import scene  # noqa: F401  (the fixture)
from tests.frontend.test_dashboard_pages import logged_in
from tests.frontend.test_public_pages import offer  # noqa: F401  (the fixture)

pytestmark = pytest.mark.django_db


@pytest.fixture
def renders(monkeypatch):
    """How many PDFs WeasyPrint has laid out."""
    count = {"pdf": 0}
    real = weasyprint.HTML.render

    def counting(self, *args, **kwargs):
        count["pdf"] += 1
        return real(self, *args, **kwargs)

    monkeypatch.setattr(weasyprint.HTML, "render", counting)
    return count


@pytest.fixture
def offers_made(monkeypatch):
    """How many times a poster's offer was read from the database."""
    import frontend.views.posters as posters

    count = {"offer": 0}
    real = posters.area_offer

    def counting(*args, **kwargs):
        count["offer"] += 1
        return real(*args, **kwargs)

    monkeypatch.setattr(posters, "area_offer", counting)
    return count


@pytest.fixture
def print_limit(monkeypatch):
    def set_rate(rate: str) -> None:
        rates = {**SimpleRateThrottle.THROTTLE_RATES, "print": rate}
        monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", rates)

    return set_rate


def test_the_second_poster_pdf_comes_from_the_cache(client, offer, renders):  # noqa: F811
    url = reverse("frontend:poster-pdf", args=["T0001W1"])
    first = client.get(url)
    pages_laid_out = renders["pdf"]
    assert first.status_code == 200 and pages_laid_out >= 1
    second = client.get(url)
    assert second.status_code == 200 and second.content == first.content
    assert second["Content-Disposition"] == first["Content-Disposition"]
    assert renders["pdf"] == pages_laid_out  # no PDF made the second time
    # Another language is another poster.
    assert client.get("/fr" + url).status_code == 200
    assert renders["pdf"] > pages_laid_out


def test_the_second_html_poster_does_not_read_the_offer_again(
    client,
    offer,  # noqa: F811
    offers_made,
):
    url = reverse("frontend:poster", args=["T0001"])
    first = client.get(url).content.decode()
    assert offers_made["offer"] == 1 and "Taalcafé De Linde" in first
    second = client.get(url).content.decode()
    assert offers_made["offer"] == 1 and "Taalcafé De Linde" in second


def test_a_change_to_the_data_makes_the_posters_again(
    client,
    offer,  # noqa: F811
    renders,
    offers_made,
):
    html_url = reverse("frontend:poster", args=["T0001"])
    pdf_url = reverse("frontend:poster-pdf", args=["T0001"])
    client.get(html_url)
    client.get(pdf_url)
    laid_out, read = renders["pdf"], offers_made["offer"]
    from events.services import activity_update

    activity_update(activity=offer["weekly"], title="Taalcafé Nieuwe Linde")
    assert "Taalcafé Nieuwe Linde" in client.get(html_url).content.decode()
    client.get(pdf_url)
    assert renders["pdf"] > laid_out and offers_made["offer"] > read


def test_making_posters_is_throttled_with_a_plain_429(
    client,
    offer,  # noqa: F811
    print_limit,
):
    print_limit("2/minute")
    base = reverse("frontend:poster", args=["T0001"])
    assert client.get(base).status_code == 200
    assert client.get(base, {"model": "peer"}).status_code == 200
    refused = client.get(base, {"model": "community"})
    assert refused.status_code == 429
    assert refused["Content-Type"].startswith("text/plain")
    assert "Retry-After" in refused
    pdf = client.get(reverse("frontend:poster-pdf", args=["T0001"]))
    assert pdf.status_code == 429
    # What is made already is still served: only making counts.
    assert client.get(base).status_code == 200


def test_the_dashboard_pdf_is_cached_and_throttled(scene, renders, print_limit):  # noqa: F811
    client = logged_in("policymaker")
    url = "/beleid/dekking/T0001/dekking.pdf"
    first = client.get(url, {"level": "neighbourhood"})
    laid_out = renders["pdf"]
    assert first.status_code == 200 and laid_out >= 1
    assert client.get(url, {"level": "neighbourhood"}).content == first.content
    assert renders["pdf"] == laid_out
    Activity.objects.first().save()  # a data change
    assert client.get(url, {"level": "neighbourhood"}).status_code == 200
    assert renders["pdf"] > laid_out
    print_limit("1/minute")
    from django.core.cache import cache

    cache.clear()
    assert client.get(url, {"level": "district"}).status_code == 200
    assert client.get(url, {"level": "neighbourhood"}).status_code == 429
