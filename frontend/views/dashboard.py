"""The policymakers' coverage dashboard (read only): the page, its downloads and its report.
The figures come from events.coverage.figures; this module only reads parameters and
renders."""

from urllib.parse import urlencode

from django import forms
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from buurt.models import Area, AreaKind
from buurt.queries import municipalities, municipality_by_code
from events.coverage.distances import CYCLING_M, WALKING_M
from events.coverage.figures import LEVELS, coverage_dashboard, work_models
from events.coverage.summary import coverage_summary, model_panels, opening_level, priority_levels
from events.models import WorkModel
from frontend.coverage_display import decorate_cells, map_config, report_map
from frontend.coverage_scale import legend
from frontend.exports.coverage import (
    SEPARATORS,
    TABLES,
    export_tables,
    html_pdf,
    table_csv,
    tables_xlsx,
)
from frontend.forms.date_input import DayMonthYearField
from frontend.printing import printed

from .guards import guarded

# Part of the printed report's cache key: moved on when the report's layout changes, so that
# a PDF made with the old layout is not handed out until the data change.
REPORT_LAYOUT = "2"  # 2: summary, small multiples and map before the tables


class DashboardParams(forms.Form):
    level = forms.ChoiceField(
        label=gettext_lazy("Level"),
        choices=[(kind.value, kind.label) for kind in LEVELS],
        required=False,
    )
    model = forms.ChoiceField(label=gettext_lazy("Work model on the map"), required=False)
    date = DayMonthYearField(
        label=gettext_lazy("Compare with the date"),
        required=False,
        help_text=gettext_lazy("Figures at the end of that day, from the change history."),
    )
    table = forms.ChoiceField(
        label=gettext_lazy("Table"), choices=[(t, t) for t in TABLES], required=False
    )
    # CSV only: Belgian spreadsheets in Dutch and French expect ";" and a decimal comma.
    separator = forms.ChoiceField(
        label=gettext_lazy("Separator"), choices=[(s, s) for s in SEPARATORS], required=False
    )

    def __init__(self, *args, models: list[WorkModel], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["model"].choices = [(m.code, m.name) for m in models]

    def clean_date(self):
        value = self.cleaned_data["date"]
        if value is not None and value >= timezone.localdate():
            raise forms.ValidationError(_("Choose a date before today."))
        return value


def _params(request: HttpRequest, municipality: Area):
    """The checked parameters, or a 400 response naming each bad one."""
    models = work_models()
    form = DashboardParams(request.GET, models=models)
    if not form.is_valid():
        errors = [f"{field}: {' '.join(messages)}" for field, messages in form.errors.items()]
        response = render(
            request,
            "frontend/dashboard/bad_request.html",
            {"municipality": municipality, "errors": errors},
            status=400,
        )
        return None, response
    data = form.cleaned_data
    levels = priority_levels(municipality)
    language = (translation.get_language() or "nl")[:2]
    return {
        "level": data["level"] or opening_level(municipality, levels_with_priority=levels),
        "chosen_level": bool(data["level"]),
        "levels_with_priority": levels,
        "model": data["model"] or models[0].code,
        "then": data["date"],
        "table": data["table"] or "matrix",
        "separator": data["separator"] or ("comma" if language == "en" else "semicolon"),
        "form": form,
    }, None


def _query(params: dict, **extra) -> str:
    values = {"level": params["level"], "model": params["model"]}
    if params["then"]:
        values["date"] = params["then"].isoformat()
    return urlencode({**values, **extra})


def _context(request: HttpRequest, municipality: Area, params: dict, *, report=False) -> dict:
    dashboard = coverage_dashboard(
        municipality=municipality, level=params["level"], then=params["then"]
    )
    decorate_cells(dashboard)
    model = next(m for m in dashboard.models if m.code == params["model"])
    exports = reverse("frontend:coverage-export", args=[municipality.code, "csv"])
    summary = coverage_summary(dashboard, levels_with_priority=params["levels_with_priority"])
    return {
        "municipality": municipality,
        "dashboard": dashboard,
        "summary": summary,
        "other_levels": [(level, AreaKind(level).label) for level in summary.levels_with_priority],
        "panels": model_panels(dashboard),
        "legend": legend(),
        "level_label": AreaKind(params["level"]).label,
        "params": params,
        "form": params["form"],
        "model": model,
        "walking_m": WALKING_M,
        "cycling_m": CYCLING_M,
        "query": _query(params),
        "base_url": reverse("frontend:coverage", args=[municipality.code]),
        "csv_urls": {table: f"{exports}?{_query(params, table=table)}" for table in TABLES},
        "csv_comma_urls": {
            table: f"{exports}?{_query(params, table=table, separator='comma')}" for table in TABLES
        },
        "xlsx_url": reverse("frontend:coverage-export", args=[municipality.code, "xlsx"])
        + "?"
        + _query(params),
        "pdf_url": reverse("frontend:coverage-export", args=[municipality.code, "pdf"])
        + "?"
        + _query(params),
        "map_config": map_config(dashboard, model_code=model.code, model_name=model.name),
        "report_map": report_map(dashboard, model_code=model.code) if report else None,
        "generated": timezone.localtime(),
    }


def _municipality(code: str) -> Area:
    municipality = municipality_by_code(code)
    if municipality is None:
        raise Http404("No municipality has this code.")
    return municipality


@guarded
def coverage_index(request: HttpRequest) -> HttpResponse:
    """The municipalities to choose from."""
    return render(request, "frontend/dashboard/index.html", {"municipalities": municipalities()})


@guarded
def coverage(request: HttpRequest, code: str) -> HttpResponse:
    """The dashboard of one municipality at one level, optionally next to an earlier date."""
    municipality = _municipality(code)
    params, error = _params(request, municipality)
    if error:
        return error
    return render(
        request, "frontend/dashboard/coverage.html", _context(request, municipality, params)
    )


@guarded
def coverage_export(request: HttpRequest, code: str, fmt: str) -> HttpResponse:
    """One table as CSV (`table=`), every table as XLSX, or the whole dashboard as PDF."""
    municipality = _municipality(code)
    params, error = _params(request, municipality)
    if error:
        return error
    stem = f"dekking-{municipality.code}-{params['level']}"
    if params["then"]:
        stem += f"-{params['then'].isoformat()}"
    if fmt == "pdf":

        def make() -> bytes:
            context = _context(request, municipality, params, report=True)
            html = render_to_string("frontend/dashboard/report.html", context, request=request)
            return html_pdf(html)

        then = params["then"].isoformat() if params["then"] else ""
        pdf = printed(
            request,
            kind="coverage-pdf",
            parts=[municipality.code, params["level"], params["model"], then, REPORT_LAYOUT],
            make=make,
        )
        if isinstance(pdf, HttpResponse):
            return pdf
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{stem}.pdf"'
        return response
    dashboard = coverage_dashboard(
        municipality=municipality, level=params["level"], then=params["then"]
    )
    tables = export_tables(dashboard)
    if fmt == "xlsx":
        response = HttpResponse(
            tables_xlsx(tables),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = f'attachment; filename="{stem}.xlsx"'
        return response
    table = tables[params["table"]]
    # A byte-order mark, so that spreadsheet programs read the accents as UTF-8.
    text = table_csv(table, separator=params["separator"])
    response = HttpResponse("\ufeff" + text, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{stem}-{table.name}.csv"'
    return response
