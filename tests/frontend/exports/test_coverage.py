"""The coverage dashboard's downloads (CSV, XLSX, PDF) say what the page says."""

import csv
import io
import re

import pytest
from openpyxl import load_workbook

from frontend.exports.coverage import TABLES
from tests.events.coverage.test_figures import scene  # noqa: F401  (the fixture)
from tests.frontend.test_dashboard_pages import PAGE, logged_in, page_cells

pytestmark = pytest.mark.django_db


def same(value):
    """A CSV text and an XLSX cell compared as numbers where they are numbers."""
    try:
        return float(value)
    except (TypeError, ValueError):
        return str(value)


def test_the_csv_and_xlsx_say_what_the_page_says(scene):  # noqa: F811
    client = logged_in("policymaker")
    cells = page_cells(client.get(PAGE).content.decode())

    response = client.get("/beleid/dekking/T0001/dekking.csv?level=neighbourhood&table=matrix")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    # Dutch page: ";" between columns and decimal commas, as a Belgian spreadsheet reads.
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    header, body = rows[0], rows[1:]
    assert len(header) == 9 and len(body) == 2 * 7
    for area, _name, _residents, model, _model_name, activities, per_1000, walking, cycling in body:
        cell = cells[(area, model)]
        assert cell["cell-activities"] == activities
        assert cell["cell-per-1000"] == per_1000
        assert cell["cell-walking"] == f"{round(float(walking.replace(',', '.')) * 100)} %"
        assert cell["cell-cycling"] == f"{round(float(cycling.replace(',', '.')) * 100)} %"
    assert body[3][:4] == ["T0001W1", "West", "4000", "peer"]
    assert body[3][5:] == ["2", "0,5", "1,0", "1,0"]
    # The explicit choice: "," and decimal points, the same figures.
    comma = client.get(
        "/beleid/dekking/T0001/dekking.csv?level=neighbourhood&table=matrix&separator=comma"
    )
    comma_rows = list(csv.reader(io.StringIO(comma.content.decode("utf-8-sig"))))
    assert comma_rows[0] == header
    assert comma_rows[4][5:] == ["2", "0.5", "1.0", "1.0"]
    assert [row[:5] for row in comma_rows] == [row[:5] for row in rows]

    workbook = load_workbook(
        io.BytesIO(client.get("/beleid/dekking/T0001/dekking.xlsx?level=neighbourhood").content)
    )
    assert workbook.sheetnames == TABLES
    sheet = [list(row) for row in workbook["matrix"].iter_rows(values_only=True)]
    assert sheet[0] == header
    assert [[same(value) for value in row] for row in sheet[1:]] == [
        [same(value) for value in row] for row in comma_rows[1:]
    ]
    assert workbook["time"]["A2"].value == "T0001W1" and workbook["time"]["D2"].value == 1

    gaps = client.get("/beleid/dekking/T0001/dekking.csv?level=neighbourhood&table=gaps")
    gap_rows = list(csv.reader(io.StringIO(gaps.content.decode("utf-8-sig")), delimiter=";"))[1:]
    assert [row[:3] for row in gap_rows] == [
        ["T0001W2", "Oost", "6000"],
        ["T0001W1", "West", "4000"],
    ]


def test_the_pdf_report_holds_the_whole_dashboard(scene):  # noqa: F811
    from pypdf import PdfReader

    response = logged_in("policymaker").get("/beleid/dekking/T0001/dekking.pdf?level=neighbourhood")
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    assert 'filename="dekking-T0001-neighbourhood.pdf"' in response["Content-Disposition"]
    reader = PdfReader(io.BytesIO(response.content))
    text = " ".join(page.extract_text() for page in reader.pages)
    for words in ("Testdorp", "West", "Oost", "Lotgenotennetwerken"):
        assert words in text
    assert re.search(r"Prioriteit|Priority", text)


@pytest.mark.parametrize(
    ("language", "delimiter", "decimal"), [("nl", ";", ","), ("fr", ";", ","), ("en", ",", ".")]
)
def test_the_csv_follows_the_language_of_the_page(scene, language, delimiter, decimal):  # noqa: F811
    prefix = "" if language == "nl" else f"/{language}"
    response = logged_in("policymaker").get(
        f"{prefix}/beleid/dekking/T0001/dekking.csv?level=neighbourhood"
    )
    assert response.status_code == 200
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    assert all(len(row) == 9 for row in rows)
    west_peer = next(row for row in rows if row[0] == "T0001W1" and row[3] == "peer")
    assert west_peer[6] == f"0{decimal}5"


def test_a_bad_separator_is_a_400_that_names_it(scene):  # noqa: F811
    response = logged_in("policymaker").get("/beleid/dekking/T0001/dekking.csv?separator=tab")
    assert response.status_code == 400
    assert "separator:" in response.content.decode()


def test_the_xlsx_shows_percentages_language_names_and_readable_columns(scene):  # noqa: F811
    response = logged_in("policymaker").get(
        "/beleid/dekking/T0001/dekking.xlsx?level=neighbourhood"
    )
    workbook = load_workbook(io.BytesIO(response.content))
    matrix = workbook["matrix"]
    headers = [cell.value for cell in matrix[1]]
    walking = headers.index("aandeel op wandelafstand") + 1
    per_1000 = headers.index("activiteiten per 1.000 inwoners") + 1
    for row in matrix.iter_rows(min_row=2):
        assert row[walking - 1].number_format == "0%"
        assert row[walking].number_format == "0%"  # cycling, next to it
        assert row[per_1000 - 1].number_format == "0.00"
        assert isinstance(row[walking - 1].value, (int, float))
    assert workbook["priority"].max_row == 1  # no assessment in the scene: a header only
    # Columns as wide as their contents (openpyxl's default is 13 characters for all).
    widths = {letter: dimension.width for letter, dimension in matrix.column_dimensions.items()}
    assert widths["A"] >= len("T0001W1") and widths["E"] >= len("Lotgenotennetwerken")
    assert all(8 <= width <= 45 for width in widths.values())
    assert matrix.freeze_panes == "A2" and matrix.auto_filter.ref
    # Languages by name, in the page's language, not as ISO codes.
    languages = {row[0].value: row[4].value for row in workbook["languages"].iter_rows(min_row=2)}
    assert "Arabisch" in languages["T0001W1"] and "Frans" in languages["T0001W1"]
    assert "ar " not in languages["T0001W1"]


def test_the_pdf_opens_with_the_summary_the_chart_and_the_map(scene):  # noqa: F811
    from pypdf import PdfReader

    response = logged_in("policymaker").get(
        "/beleid/dekking/T0001/dekking.pdf?level=neighbourhood&model=peer"
    )
    reader = PdfReader(io.BytesIO(response.content))
    pages = [page.extract_text() for page in reader.pages]
    first = pages[0]
    # The summary on the first page: the largest gaps per work model, the priority list's
    # state (the scene has no assessment: the reason is given).
    assert "In het kort" in first
    assert "Grootste gaten" in first
    assert "niet beoordeeld" in first
    text = " ".join(pages)
    # The chart: a small multiple per work model, with the areas' shares.
    assert "Inwoners binnen wandelafstand (1200 m), per werkmodel" in text
    # The map, drawn on the server: the areas' names and shares on it.
    map_page = next(page for page in pages if "Inwoners binnen 1200 m van" in page)
    assert "West" in map_page and "Oost" in map_page and "100 %" in map_page
    # Then the tables, as before.
    assert re.search(r"Prioriteit", text)
