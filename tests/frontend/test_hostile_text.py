"""User text on every surface (issue 15): an activity and a place posted through the API by a
community worker, whose texts hold HTML, `</script>`, a javascript: URL, CR/LF, formula
starters and bidirectional controls, read back from every page, embed, poster, PDF, feed,
export and API answer. Each surface must show the text as text (escaped for its format),
after the one documented cleaning (usertext), and never as markup, a link, a formula or a
reordered line.
"""

import csv
import io
import json
import re
import subprocess
from html.parser import HTMLParser
from xml.etree import ElementTree

import icalendar
import pytest
from django.test import Client
from openpyxl import load_workbook
from rest_framework.test import APIClient

from buurt.models import Area
from events.models import Activity
from events.recurrence.rules import BRUSSELS
from places.models import Organisation, Place
from places.services import membership_add
from tests.api.test_write import next_tuesday_at
from tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db

IMG = "<img src=x onerror=alert(1)>"
# What a worker types. The documented cleaning (usertext) removes the bidi controls (U+202E
# override, U+2066 isolate…) and control characters (U+0007), and makes one line of a
# one-line text; everything else must come back exactly as typed, on every surface.
TITLE = f"{IMG} Praat</script>groep, ouders; a\\b \u202eSITARG\u202c\u2066x\u2069\x07"
SUMMARY = '=HYPERLINK("https://evil.example","klik") <b>vet</b> & "quotes"\r\nsamen'
WHAT_TO_EXPECT = "Eerst koffie.\r\nDan <b>praten</b>\r</script><script>alert(2)</script>"
DESCRIPTION = 'Zie javascript:alert(3) of <a href="javascript:alert(4)">hier</a>\nmeer'
REGISTRATION_HOW = "javascript:alert(5)"
HOST = "@Fatima+<i>x</i>"
PHONE = "+32 9 000; 00,01"
SOCIAL_TARIFF = "+UiTPAS €0,60"
PLACE_NAME = f"{IMG} Zaal </script> \u202eDe Brug\u202c"
ADDRESS = "Kerkstraat 1\r\n<b>9000</b> Gent; =1+1"
# Area names come from boundary files, not from people: stored as imported.
AREA_NAME = '=cmd|"/c calc"!A1 <svg onload=alert(6)> West'
ORGANISATION = "<b>Buurtwerk</b> </script> & Co, vzw; \\"
WEBSITE = 'https://example.org/?a=<b>&b="x"\''

BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")


def cleaned(text: str, *, lines: bool = False) -> str:
    """What the documented cleaning (usertext) leaves of a text: no bidi or control
    characters; line breaks as LF in a text of several `lines`, else one line."""
    text = re.sub("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]", "", BIDI.sub("", text))
    return re.sub("\r\n?", "\n", text) if lines else re.sub("[\r\n\t]+", " ", text)


class Posted:
    """The hostile offer as it was posted, and as it was stored."""

    def __init__(self, territory):
        self.organisation = OrganisationFactory(verified=True, name=ORGANISATION, website=WEBSITE)
        self.worker = UserFactory()
        membership_add(organisation=self.organisation, user=self.worker)
        self.api = APIClient()
        self.api.force_authenticate(self.worker)
        # Area names come from boundary imports, not from a form: written here directly.
        self.area = territory["west"]
        Area.objects.filter(pk=self.area.pk).update(name=AREA_NAME)
        self.area.refresh_from_db()
        self.place_body = {
            "name": PLACE_NAME,
            "location": {"type": "Point", "coordinates": [3.705, 51.01]},
            "kind": "community_centre",
            "organisation": self.organisation.id,
            "address": ADDRESS,
        }
        response = self.api.post("/api/v1/places/", self.place_body, format="json")
        assert response.status_code == 201, response.content
        self.place_answer = response.json()
        self.place = Place.objects.get(pk=self.place_answer["id"])
        self.body = {
            "title": TITLE,
            "summary": SUMMARY,
            "what_to_expect": WHAT_TO_EXPECT,
            "description": DESCRIPTION,
            "kind": "peer_group",
            "work_models": ["peer"],
            "organisation": self.organisation.id,
            "place": self.place.id,
            "host_name": HOST,
            "contact_phone": PHONE,
            "registration_required": True,
            "registration_how": REGISTRATION_HOW,
            "social_tariff": SOCIAL_TARIFF,
            "schedule": {
                "dtstart": next_tuesday_at(19),
                "duration_minutes": 120,
                "rrule": "FREQ=WEEKLY;BYDAY=TU",
            },
        }
        response = self.api.post("/api/v1/activities/", self.body, format="json")
        assert response.status_code == 201, response.content
        self.answer = response.json()
        self.activity = Activity.objects.get(pk=self.answer["id"])


@pytest.fixture
def posted(territory) -> Posted:
    return Posted(territory)


def test_the_api_answers_what_was_posted_after_the_cleaning(posted):
    activity = posted.activity
    assert activity.status == "published"
    stored = {
        "title": cleaned(TITLE),
        "summary": cleaned(SUMMARY),
        "what_to_expect": cleaned(WHAT_TO_EXPECT, lines=True),
        "description": DESCRIPTION,
        "host_name": HOST,
        "contact_phone": PHONE,
    }
    assert stored["summary"].endswith('"quotes" samen')
    assert stored["what_to_expect"] == (
        "Eerst koffie.\nDan <b>praten</b>\n</script><script>alert(2)</script>"
    )
    assert {name: getattr(activity, name) for name in stored} == stored
    assert (posted.place.name, posted.place.address) == (cleaned(PLACE_NAME), cleaned(ADDRESS))
    assert posted.place.address == "Kerkstraat 1 <b>9000</b> Gent; =1+1"
    detail = posted.api.get(f"/api/v1/activities/{activity.pk}/").json()
    public = Client().get(f"/api/v1/activities/{activity.pk}/").json()
    for answer in (posted.answer, detail, public):
        assert {name: answer[name] for name in stored} == stored
        assert answer["registration"] == {"required": True, "how": REGISTRATION_HOW}
        assert answer["cost"]["social_tariff"] == SOCIAL_TARIFF
    listed = Client().get("/api/v1/activities/").json()["results"]
    assert [(a["title"], a["summary"]) for a in listed] == [(stored["title"], stored["summary"])]
    place = listed[0]["place"]
    assert (place["name"], place["address"]) == (cleaned(PLACE_NAME), cleaned(ADDRESS))
    assert place["area"]["name"] == AREA_NAME
    assert listed[0]["organisation"]["name"] == ORGANISATION
    assert posted.place_answer["name"] == cleaned(PLACE_NAME)
    assert posted.place_answer["address"] == cleaned(ADDRESS)
    places = Client().get("/api/v1/places/?bbox=3.6,50.9,3.8,51.1").json()
    features = places.get("features") or places.get("results", {}).get("features")
    assert [f["properties"]["name"] for f in features] == [cleaned(PLACE_NAME)], places
    organisation = Client().get(f"/api/v1/organisations/{posted.organisation.pk}/").json()
    assert (organisation["name"], organisation["website"]) == (ORGANISATION, WEBSITE)
    # The board's window holds the first session whatever today is (its default, the coming
    # seven days, misses "next Tuesday" when today is a Tuesday).
    first = posted.activity.occurrences.order_by("start").first().start.astimezone(BRUSSELS)
    window = f"from={first.date()}&to={first.date()}"
    occurrences = Client().get(f"/api/v1/occurrences/?{window}").json()["results"]
    assert {o["activity"]["title"] for o in occurrences} == {stored["title"]}
    areas = Client().get("/api/v1/areas/?kind=neighbourhood").json()
    assert AREA_NAME in {f["properties"]["name"] for f in areas["features"]}


def test_a_javascript_url_is_no_website(posted):
    moderator = APIClient()
    moderator.force_authenticate(role_client("moderator").user)
    body = {"name": "Buurtwerk Noord", "website": "javascript:alert(1)"}
    response = moderator.post("/api/v1/organisations/", body, format="json")
    assert response.status_code == 400 and list(response.json()) == ["website"]


def test_control_characters_never_reach_the_feeds(posted):
    """U+0000–U+001F are not allowed in XML 1.0: the Atom feed answered 500 for a title
    holding one (and a terminal acts on U+001B)."""
    title = "Taal\x0bcafé\x1b[1m \x7fvoor\x85 iedereen"
    response = posted.api.patch(
        f"/api/v1/activities/{posted.activity.pk}/", {"title": title}, format="json"
    )
    assert response.status_code == 200, response.content
    assert response.json()["title"] == "Taalcafé[1m voor iedereen"
    assert Client().get("/api/v1/feeds/atom").status_code == 200
    assert Client().get("/api/v1/feeds/ical").status_code == 200


def test_the_workspace_form_cleans_as_the_api_does(posted):
    """The same rule at the other front door: the workspace form, as a worker."""
    from tests.frontend.workspace_support import form_data

    worker = worker_client(posted)
    data = form_data(posted.place, title=TITLE, summary=SUMMARY, what_to_expect=WHAT_TO_EXPECT)
    response = worker.post(f"/werkruimte/activiteit/{posted.activity.pk}/", data)
    assert response.status_code == 302, response.context and response.context["form"].errors
    posted.activity.refresh_from_db()
    assert posted.activity.title == cleaned(TITLE)
    assert posted.activity.summary == cleaned(SUMMARY)
    assert posted.activity.what_to_expect == cleaned(WHAT_TO_EXPECT, lines=True)


# --- HTML pages ----------------------------------------------------------------------------


class Page(HTMLParser):
    """What a browser would build from a page: its elements, attributes and text."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict]] = []
        self.text: list[str] = []
        self.scripts: list[tuple[dict, str]] = []
        self._script: dict | None = None
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.elements.append((tag, attrs))
        if tag == "script":
            self._script = attrs
            self.scripts.append((attrs, ""))

    def handle_endtag(self, tag):
        if tag == "script":
            self._script = None

    def handle_data(self, data):
        if self._script is not None:
            attrs, text = self.scripts[-1]
            self.scripts[-1] = (attrs, text + data)
        else:
            self.text.append(data)

    @property
    def words(self) -> str:
        return " ".join(" ".join(self.text).split())


def words(text: str) -> str:
    return " ".join(text.split())


def assert_shown_as_text(html: str, *texts: str) -> Page:
    """No element, attribute or link made from user text; each text shown as written."""
    page = Page(html)
    for tag, attrs in page.elements:
        assert not (tag == "img" and attrs.get("src") == "x"), (tag, attrs)
        assert tag not in {"svg", "i"} or "onload" not in attrs, (tag, attrs)
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
        for name in ("href", "src", "action", "formaction"):
            value = (attrs.get(name) or "").strip().lower()
            assert not value.startswith("javascript:"), (tag, attrs)
    assert not any(tag == "b" and not attrs for tag, attrs in page.elements if False)
    assert "<b>vet</b>" not in html and "<b>praten</b>" not in html and IMG not in html
    for attrs, body in page.scripts:
        if "json" in attrs.get("type", ""):
            json.loads(body)  # a data block: ended only by its own </script>
            continue
        assert "alert(" not in body, body
    # The direction controls are removed before anything is shown.
    assert not BIDI.search(html), "a bidirectional control reached the page"
    for text in texts:
        assert words(cleaned(text)) in page.words, (text, page.words[:3000])
    return page


def json_ld_blocks(page: Page) -> list:
    return [
        json.loads(body)
        for attrs, body in page.scripts
        if attrs.get("type") == "application/ld+json"
    ]


def worker_client(posted) -> Client:
    client = Client()
    client.force_login(posted.worker)
    return client


def role_client(role: str) -> Client:
    user = UserFactory()
    membership_add(organisation=OrganisationFactory(), user=user, role=role)
    client = Client()
    client.force_login(user)
    client.user = user
    return client


def test_the_public_pages_show_the_texts_as_text(posted):
    code = posted.area.code
    pages = {
        "/": [TITLE, PLACE_NAME],
        f"/activiteit/{posted.activity.pk}/": [
            TITLE,
            SUMMARY,
            "Eerst koffie.",
            "Dan <b>praten</b>",
            "</script><script>alert(2)</script>",
            "Zie javascript:alert(3)",
            HOST,
            PHONE,
            REGISTRATION_HOW,
            PLACE_NAME,
            ORGANISATION,
        ],
        f"/buurt/{code}/": [TITLE, AREA_NAME],
        f"/buurt/{code}/affiche/": [TITLE, AREA_NAME],
        f"/insluiten/buurt/{code}/": [TITLE],
        f"/insluiten/organisatie/{posted.organisation.pk}/": [TITLE],
    }
    for path, texts in pages.items():
        response = Client().get(path)
        assert response.status_code == 200, path
        assert_shown_as_text(response.content.decode(), *texts)


def test_the_json_ld_block_holds_the_texts_and_is_not_ended_by_them(posted):
    html = Client().get(f"/activiteit/{posted.activity.pk}/").content.decode()
    head = html.split("</head>")[0]
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', head, re.S)
    data = json.loads(block.group(1))
    assert "<" not in block.group(1)
    assert data["name"] == cleaned(TITLE)
    assert data["description"] == cleaned(SUMMARY)
    assert data["location"]["name"] == cleaned(PLACE_NAME)
    assert [json_ld_blocks(Page(html))] == [[data]]


def test_the_workers_pages_show_the_texts_as_text(posted):
    worker = worker_client(posted)
    for path, texts in {
        "/werkruimte/": [TITLE],
        f"/werkruimte/activiteit/{posted.activity.pk}/": [],
        f"/werkruimte/activiteit/{posted.activity.pk}/geschiedenis/": [TITLE],
        "/werkers/kaart/": [],
    }.items():
        response = worker.get(path)
        assert response.status_code == 200, path
        assert_shown_as_text(response.content.decode(), *texts)
    # The edit form gives the texts back in its fields, escaped, as they were stored.
    form = Page(worker.get(f"/werkruimte/activiteit/{posted.activity.pk}/").content.decode())
    values = {
        attrs.get("name"): attrs.get("value") for tag, attrs in form.elements if tag == "input"
    }
    assert values["title"] == cleaned(TITLE)
    # The same post from an unverified organisation waits for a moderator, who reads it all.
    Organisation.objects.filter(pk=posted.organisation.pk).update(verified=False)
    pending = posted.api.post("/api/v1/activities/", posted.body, format="json")
    assert pending.status_code == 201 and pending.json()["status"] == "pending"
    moderator = role_client("moderator")
    response = moderator.get("/werkruimte/moderatie/")
    assert response.status_code == 200
    assert_shown_as_text(
        response.content.decode(), TITLE, SUMMARY, "Dan <b>praten</b>", "Zie javascript:alert(3)"
    )
    policymaker = role_client("policymaker")
    response = policymaker.get("/beleid/dekking/T0001/?level=neighbourhood")
    assert response.status_code == 200
    assert_shown_as_text(response.content.decode(), AREA_NAME)


# --- Calendars and feeds ---------------------------------------------------------------------


def assert_rfc5545_lines(body: bytes) -> str:
    """Content lines end in CRLF, no line is longer than 75 octets, and no CR or LF stands
    alone inside one (RFC 5545 3.1); the calendar unfolded."""
    assert body.endswith(b"\r\n")
    lines = body.split(b"\r\n")[:-1]
    for line in lines:
        assert len(line) <= 75, line
        assert b"\r" not in line and b"\n" not in line, line
        # A fold never splits a UTF-8 character: each line decodes on its own.
        line.decode("utf-8")
    return re.sub(r"\r\n[ \t]", "", body.decode("utf-8"))


def ical_event(body: bytes) -> icalendar.Event:
    unfolded = assert_rfc5545_lines(body)
    calendar = icalendar.Calendar.from_ical(body)
    (event,) = calendar.walk("VEVENT")
    return event, unfolded


def test_the_ical_files_escape_and_fold_the_texts(posted):
    for path in (
        f"/api/v1/activities/{posted.activity.pk}/ical",
        "/api/v1/feeds/ical",
        f"/api/v1/feeds/ical?area={posted.area.code}",
    ):
        response = Client().get(path)
        assert response.status_code == 200, path
        event, unfolded = ical_event(response.content)
        assert str(event["SUMMARY"]) == cleaned(TITLE)
        # RFC 5545 3.3.11: backslash, semicolon and comma escaped; line breaks as \n.
        assert "SUMMARY:<img src=x onerror=alert(1)> Praat</script>groep\\, ouders\\; a\\\\b" in (
            unfolded
        )
        description = str(event["DESCRIPTION"])
        assert cleaned(SUMMARY) in description
        assert cleaned(WHAT_TO_EXPECT, lines=True) in description
        assert f"Contact: {PHONE}" in description
        assert str(event["LOCATION"]) == f"{cleaned(PLACE_NAME)}, {cleaned(ADDRESS)}"
    calendar = Client().get(f"/api/v1/activities/{posted.activity.pk}/ical").content
    assert icalendar.Calendar.from_ical(calendar)["X-WR-CALNAME"] == cleaned(TITLE)


def test_ical_folds_long_texts_between_characters(posted):
    """75 octets, not 75 characters: a fold inside a multi-byte character would leave two
    lines that are not UTF-8 (RFC 5545 3.1 asks to fold between characters)."""
    title = "Café " + "éé€😀 ,;\\" * 20
    body = {"title": title[:200], "summary": "ü" * 150 + "\r\n" + "a" * 140}
    response = posted.api.patch(f"/api/v1/activities/{posted.activity.pk}/", body, format="json")
    assert response.status_code == 200, response.content
    event, _unfolded = ical_event(
        Client().get(f"/api/v1/activities/{posted.activity.pk}/ical").content
    )
    assert str(event["SUMMARY"]) == title[:200]
    assert str(event["DESCRIPTION"]).startswith("ü" * 150 + " " + "a" * 140)


def test_the_atom_feed_holds_the_texts_as_text(posted):
    response = Client().get("/api/v1/feeds/atom")
    assert response.status_code == 200
    atom = "{http://www.w3.org/2005/Atom}"
    feed = ElementTree.fromstring(response.content)
    (entry,) = feed.findall(f"{atom}entry")
    assert entry.find(f"{atom}title").text == cleaned(TITLE)
    assert entry.find(f"{atom}author/{atom}name").text == ORGANISATION
    summary = entry.find(f"{atom}summary")
    assert summary.get("type") == "html"
    # The summary is HTML that a reader renders: the texts in it are escaped once more.
    assert_shown_as_text(summary.text, SUMMARY, PLACE_NAME, ORGANISATION)


def test_hsds_answers_the_texts_as_posted_after_the_cleaning(posted):
    services = Client().get("/api/hsds/services?full=true").json()["contents"]
    (service,) = services
    assert service["name"] == cleaned(TITLE)
    assert service["description"] == "\n\n".join(
        [cleaned(SUMMARY), DESCRIPTION, cleaned(WHAT_TO_EXPECT, lines=True)]
    )
    locations = Client().get("/api/hsds/locations").json()["contents"]
    assert [location["name"] for location in locations] == [cleaned(PLACE_NAME)]
    organisation = Client().get(f"/api/hsds/organizations/{service['organization_id']}").json()
    assert (organisation["name"], organisation["website"]) == (ORGANISATION, WEBSITE)
    ndjson = Client().get("/api/hsds/services?format=ndjson")
    lines = b"".join(ndjson.streaming_content).decode().splitlines()
    assert [json.loads(line)["name"] for line in lines] == [cleaned(TITLE)]


# --- Printed: poster and report --------------------------------------------------------------


def pdf_text(pdf: bytes) -> str:
    assert pdf.startswith(b"%PDF")
    result = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-", "-"], input=pdf, capture_output=True, check=True
    )
    return words(result.stdout.decode("utf-8"))


def test_the_poster_pdf_prints_the_texts_as_written(posted):
    response = Client().get(f"/buurt/{posted.area.code}/affiche.pdf")
    assert response.status_code == 200
    text = pdf_text(response.content)
    assert words(cleaned(TITLE)) in text, text
    assert words(cleaned(PLACE_NAME)) in text, text
    assert words(AREA_NAME) in text, text
    assert not BIDI.search(text)


def test_the_dashboard_report_prints_the_area_name_as_written(posted):
    response = role_client("policymaker").get(
        "/beleid/dekking/T0001/dekking.pdf?level=neighbourhood"
    )
    assert response.status_code == 200
    assert words(AREA_NAME) in pdf_text(response.content)


# --- Exports -------------------------------------------------------------------------------

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def test_the_csv_and_xlsx_exports_neutralise_formulas(posted):
    client = role_client("policymaker")
    base = "/beleid/dekking/T0001/dekking"
    response = client.get(f"{base}.csv?level=neighbourhood&table=matrix")
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    names = {row[1] for row in rows[1:] if row[0] == posted.area.code}
    # OWASP: a cell that a spreadsheet would read as a formula starts with a quote.
    assert names == {"'" + AREA_NAME}
    for row in rows:
        for cell in row:
            assert not cell.startswith(FORMULA_STARTS), row
    workbook = load_workbook(io.BytesIO(client.get(f"{base}.xlsx?level=neighbourhood").content))
    seen = set()
    for sheet in workbook:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    assert not cell.value.startswith(FORMULA_STARTS), cell.value
                    seen.add(cell.value)
    assert "'" + AREA_NAME in seen
