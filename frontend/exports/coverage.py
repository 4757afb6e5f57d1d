"""The coverage dashboard as downloads: each table as CSV, all tables as one XLSX workbook
(a sheet per table), and the whole page as a PDF. The rows are the dashboard's own figures,
so that a download always says what the page says."""

import csv
import io
from dataclasses import dataclass

from django.utils.translation import gettext as _

from events.coverage.figures import Dashboard

TABLES = ["matrix", "time", "languages", "gaps", "priority"]


@dataclass
class Table:
    name: str
    title: str
    headers: list[str]
    rows: list[list]


def _then(dashboard: Dashboard, headers: list[str]) -> list[str]:
    when = dashboard.then.isoformat() if dashboard.then else ""
    return [f"{header} ({when})" for header in headers] if dashboard.then else []


def export_tables(dashboard: Dashboard) -> dict[str, Table]:
    """Every table of the dashboard, by name; shares as fractions of 1 (4 decimals)."""
    names = {model.code: model.name for model in dashboard.models}
    area = [_("area code"), _("area")]

    headers = [*area, _("residents"), _("work model code"), _("work model")]
    figures = [
        _("published activities"),
        _("activities per 1,000 residents"),
        _("share within walking distance"),
        _("share within cycling distance"),
    ]
    matrix = Table(
        "matrix", _("Work models per area"), headers + figures + _then(dashboard, figures), []
    )
    for row in dashboard.rows:
        for code, cell in row["work_models"].items():
            values = [cell["activities"], cell["per_1000"], cell["walking"], cell["cycling"]]
            if dashboard.then:
                past = cell["then"]
                values += [past["activities"], past["per_1000"], past["walking"], past["cycling"]]
            matrix.rows.append(
                [row["code"], row["name"], row["residents"], code, names[code], *values]
            )

    figures = [_("activities"), _("in the evening (18:00 or later)"), _("at weekends")]
    timing = Table(
        "time", _("Evenings and weekends"), area + figures + _then(dashboard, figures), []
    )
    for row in dashboard.rows:
        values = [row["activities"], row["evening"], row["weekend"]]
        if dashboard.then:
            values += [row["then"]["activities"], row["then"]["evening"], row["then"]["weekend"]]
        timing.rows.append([row["code"], row["name"], *values])

    languages = Table(
        "languages",
        _("Languages other than Dutch"),
        [*area, _("activities"), _("basic Dutch is fine"), _("languages (number of activities)")],
        [
            [
                row["code"],
                row["name"],
                row["activities"],
                row["basic_dutch_ok"],
                "; ".join(f"{code} {n}" for code, n in row["languages"].items()),
            ]
            for row in dashboard.rows
        ],
    )
    gaps = Table(
        "gaps",
        _("Gaps within walking distance"),
        [*area, _("residents"), _("work models out of walking distance")],
        [
            [gap["code"], gap["name"], gap["residents"], "; ".join(gap["model_names"])]
            for gap in dashboard.gaps
        ],
    )
    priority = Table(
        "priority",
        _("Priority: sensitive areas with the weakest offer"),
        [
            _("rank"),
            *area,
            _("sensitivity type"),
            _("residents"),
            _("mean share within walking distance"),
            _("work models within walking distance"),
            _("activities per 1,000 residents"),
        ],
        [
            [
                rank,
                p["code"],
                p["name"],
                str(p["type_label"]),
                p["residents"],
                p["walking_mean"],
                p["models_within_walking"],
                p["per_1000"],
            ]
            for rank, p in enumerate(dashboard.priority, start=1)
        ],
    )
    return {table.name: table for table in (matrix, timing, languages, gaps, priority)}


def table_csv(table: Table) -> str:
    """One table as CSV text (comma-separated, a header line, empty for unknown)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(table.headers)
    writer.writerows([["" if value is None else value for value in row] for row in table.rows])
    return out.getvalue()


def tables_xlsx(tables: dict[str, Table]) -> bytes:
    """All tables as one workbook, a sheet per table, numbers as numbers."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    workbook.remove(workbook.active)
    for table in tables.values():
        sheet = workbook.create_sheet(title=table.name)
        sheet.append(table.headers)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in table.rows:
            sheet.append(row)
        sheet.freeze_panes = "A2"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def html_pdf(html: str) -> bytes:
    """A self-contained page (styles inline, no images or links to fetch) as PDF."""
    from weasyprint import HTML

    return HTML(string=html).write_pdf()
