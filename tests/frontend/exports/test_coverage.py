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
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    header, body = rows[0], rows[1:]
    assert len(header) == 9 and len(body) == 2 * 7
    for area, _name, _residents, model, _model_name, activities, per_1000, walking, cycling in body:
        cell = cells[(area, model)]
        assert cell["cell-activities"] == activities
        assert cell["cell-per-1000"] == per_1000.replace(".", ",")
        assert cell["cell-walking"] == f"{round(float(walking) * 100)} %"
        assert cell["cell-cycling"] == f"{round(float(cycling) * 100)} %"
    assert body[3][:4] == ["T0001W1", "West", "4000", "peer"]

    workbook = load_workbook(
        io.BytesIO(client.get("/beleid/dekking/T0001/dekking.xlsx?level=neighbourhood").content)
    )
    assert workbook.sheetnames == TABLES
    sheet = [list(row) for row in workbook["matrix"].iter_rows(values_only=True)]
    assert sheet[0] == header
    assert [[same(value) for value in row] for row in sheet[1:]] == [
        [same(value) for value in row] for row in body
    ]
    assert workbook["time"]["A2"].value == "T0001W1" and workbook["time"]["D2"].value == 1

    gaps = client.get("/beleid/dekking/T0001/dekking.csv?level=neighbourhood&table=gaps")
    gap_rows = list(csv.reader(io.StringIO(gaps.content.decode("utf-8-sig"))))[1:]
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
