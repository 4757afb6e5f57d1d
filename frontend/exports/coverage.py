"""The coverage dashboard as downloads: each table as CSV, all tables as one XLSX workbook
(a sheet per table), and the whole page as a PDF. The rows are the dashboard's own figures,
so that a download always says what the page says.

CSV: Excel and LibreOffice in Belgium, set to Dutch or French, split lines at ";" and read
"0,25" as a number; "," and "0.25" come in as one column of text. So ";" with a decimal
comma unless `comma` is asked for (the default on English pages)."""

import csv
import io
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from events.coverage.figures import Dashboard
from events.languages import language_label

from .cells import spreadsheet_text

TABLES = ["matrix", "time", "languages", "gaps", "priority"]
SEPARATORS = {"semicolon": (";", ","), "comma": (",", ".")}

# Column formats (XLSX number formats); shares are fractions of 1, shown as percentages.
PERCENT, DECIMAL, INTEGER = "0%", "0.00", "0"
# Column widths in characters: wide enough for the header's words, within reason.
MIN_WIDTH, MAX_WIDTH = 8, 45


@dataclass
class Table:
    name: str
    title: str
    headers: list[str]
    rows: list[list]
    # Column index → number format, for the columns that are not plain text.
    formats: dict[int, str] = field(default_factory=dict)


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
    matrix.formats = {2: INTEGER}
    for start in (5, 9) if dashboard.then else (5,):
        matrix.formats |= {
            start: INTEGER,
            start + 1: DECIMAL,
            start + 2: PERCENT,
            start + 3: PERCENT,
        }
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
                "; ".join(f"{language_label(code)} {n}" for code, n in row["languages"].items()),
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
        {2: INTEGER},
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
        {0: INTEGER, 4: INTEGER, 5: PERCENT, 6: INTEGER, 7: DECIMAL},
    )
    return {table.name: table for table in (matrix, timing, languages, gaps, priority)}


def _csv_value(value, decimal: str):
    if value is None:
        return ""
    if isinstance(value, float) and decimal != ".":
        return repr(value).replace(".", decimal)
    return spreadsheet_text(value)


def table_csv(table: Table, *, separator: str = "semicolon") -> str:
    """One table as CSV text: a header line, empty for unknown; `separator` one of
    SEPARATORS ("semicolon": ";" and decimal commas, "comma": "," and decimal points)."""
    delimiter, decimal = SEPARATORS[separator]
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow([spreadsheet_text(header) for header in table.headers])
    writer.writerows([[_csv_value(value, decimal) for value in row] for row in table.rows])
    return out.getvalue()


def tables_xlsx(tables: dict[str, Table]) -> bytes:
    """All tables as one workbook, a sheet per table (its title above the header row would
    break sorting and filters, so it is the sheet's name and print title): numbers as
    numbers, shares as percentages, columns as wide as their contents."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    workbook.remove(workbook.active)
    for table in tables.values():
        sheet = workbook.create_sheet(title=table.name)
        sheet.append([spreadsheet_text(header) for header in table.headers])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        for row in table.rows:
            sheet.append([spreadsheet_text(value) for value in row])
        for index, number_format in table.formats.items():
            for (cell,) in sheet.iter_rows(min_row=2, min_col=index + 1, max_col=index + 1):
                cell.number_format = number_format
        for index, header in enumerate(table.headers):
            longest = max(
                [len(str(row[index])) for row in table.rows if row[index] is not None]
                + [max((len(word) for word in str(header).split()), default=0), len(header) // 2]
            )
            width = min(MAX_WIDTH, max(MIN_WIDTH, longest + 2))
            sheet.column_dimensions[get_column_letter(index + 1)].width = width
        sheet.freeze_panes = "A2"
        sheet.auto_filter.ref = sheet.dimensions
        sheet.print_title_rows = "1:1"
        sheet.oddHeader.center.text = table.title
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def html_pdf(html: str) -> bytes:
    """A self-contained page (styles inline, no images or links to fetch) as PDF."""
    from weasyprint import HTML

    return HTML(string=html).write_pdf()
