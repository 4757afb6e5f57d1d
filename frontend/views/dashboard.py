"""The policymakers' coverage dashboard (read only): the page, its downloads and its report.
The figures come from events.coverage.figures; this module only reads parameters and
renders."""

from urllib.parse import urlencode

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from buurt.models import Area, AreaKind
from events.coverage.distances import CYCLING_M, WALKING_M
from events.coverage.figures import LEVELS, coverage_dashboard, default_level
from events.models import WorkModel
from frontend.exports.coverage import TABLES, export_tables, html_pdf, table_csv, tables_xlsx
from frontend.printing import printed

from .guards import dashboard_only


class DashboardParams(forms.Form):
    level = forms.ChoiceField(
        label=gettext_lazy("Level"),
        choices=[(kind.value, kind.label) for kind in LEVELS],
        required=False,
    )
    model = forms.ChoiceField(label=gettext_lazy("Work model on the map"), required=False)
    date = forms.DateField(
        label=gettext_lazy("Compare with the date"),
        required=False,
        input_formats=["%Y-%m-%d"],
        help_text=gettext_lazy("Figures at the end of that day, from the change history."),
    )
    table = forms.ChoiceField(
        label=gettext_lazy("Table"), choices=[(t, t) for t in TABLES], required=False
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
    models = list(WorkModel.objects.order_by("position", "id"))
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
    level = data["level"] or default_level(municipality)
    return {
        "level": level,
        "model": data["model"] or models[0].code,
        "then": data["date"],
        "table": data["table"] or "matrix",
        "form": form,
    }, None


def _heat(share: float | None) -> str:
    """A background from white (nobody within walking distance) to dark blue (everybody),
    with the text colour that stays readable on it."""
    if share is None:
        return "background: #eee"
    lightness = round(97 - 57 * share)
    text = "#fff" if lightness < 60 else "#1d1d1b"
    return f"background: hsl(210, 65%, {lightness}%); color: {text}"


def _percent(share: float | None) -> str:
    return "–" if share is None else f"{round(share * 100)} %"


def _query(params: dict, **extra) -> str:
    values = {"level": params["level"], "model": params["model"]}
    if params["then"]:
        values["date"] = params["then"].isoformat()
    return urlencode({**values, **extra})


def _context(request: HttpRequest, municipality: Area, params: dict) -> dict:
    dashboard = coverage_dashboard(
        municipality=municipality, level=params["level"], then=params["then"]
    )
    activities_url = reverse("api:activity-list")
    for row in dashboard.rows:
        for code, cell in row["work_models"].items():
            cell["style"] = _heat(cell["walking"])
            cell["walking_pct"] = _percent(cell["walking"])
            cell["cycling_pct"] = _percent(cell["cycling"])
            if "then" in cell:
                cell["then"]["walking_pct"] = _percent(cell["then"]["walking"])
            # The activities behind the cell, in the public API (published ones only).
            cell["url"] = (
                activities_url
                + "?"
                + urlencode({"area": row["code"], "area_kind": params["level"], "work_model": code})
            )
    model = next(m for m in dashboard.models if m.code == params["model"])
    base = reverse("frontend:coverage", args=[municipality.code])
    exports = reverse("frontend:coverage-export", args=[municipality.code, "csv"])
    map_config = {
        # The areas API filters by direct parent: one request per parent of the areas shown
        # (the municipality itself, or its districts for wijken).
        "areasUrls": [
            reverse("api:area-list")
            + "?"
            + urlencode({"kind": params["level"], "parent": parent, "simplify": 10})
            for parent in sorted(
                set(
                    Area.objects.filter(
                        kind=params["level"], code__in=[row["code"] for row in dashboard.rows]
                    )
                    .exclude(parent=None)
                    .values_list("parent__code", flat=True)
                )
            )
        ],
        "shares": {
            row["code"]: row["work_models"][model.code]["walking"] for row in dashboard.rows
        },
        "model": model.name,
        "noData": _("no residents known"),
    }
    chart_config = {
        "labels": [row["name"] for row in dashboard.rows],
        "datasets": [
            {
                "label": m.name,
                "data": [row["work_models"][m.code]["activities"] for row in dashboard.rows],
            }
            for m in dashboard.models
        ],
        "title": _("Published activities per area and work model"),
    }
    return {
        "municipality": municipality,
        "dashboard": dashboard,
        "level_label": AreaKind(params["level"]).label,
        "params": params,
        "form": params["form"],
        "model": model,
        "walking_m": WALKING_M,
        "cycling_m": CYCLING_M,
        "query": _query(params),
        "base_url": base,
        "csv_urls": {table: f"{exports}?{_query(params, table=table)}" for table in TABLES},
        "xlsx_url": reverse("frontend:coverage-export", args=[municipality.code, "xlsx"])
        + "?"
        + _query(params),
        "pdf_url": reverse("frontend:coverage-export", args=[municipality.code, "pdf"])
        + "?"
        + _query(params),
        "map_config": map_config,
        "chart_config": chart_config,
        "generated": timezone.localtime(),
    }


def _municipality(code: str) -> Area:
    return get_object_or_404(Area.objects.defer("geometry"), kind=AreaKind.MUNICIPALITY, code=code)


@dashboard_only
def coverage_index(request: HttpRequest) -> HttpResponse:
    """The municipalities to choose from."""
    municipalities = (
        Area.objects.filter(kind=AreaKind.MUNICIPALITY).defer("geometry").order_by("name")
    )
    return render(request, "frontend/dashboard/index.html", {"municipalities": municipalities})


@dashboard_only
def coverage(request: HttpRequest, code: str) -> HttpResponse:
    """The dashboard of one municipality at one level, optionally next to an earlier date."""
    municipality = _municipality(code)
    params, error = _params(request, municipality)
    if error:
        return error
    return render(
        request, "frontend/dashboard/coverage.html", _context(request, municipality, params)
    )


@dashboard_only
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
            context = _context(request, municipality, params)
            html = render_to_string("frontend/dashboard/report.html", context, request=request)
            return html_pdf(html)

        then = params["then"].isoformat() if params["then"] else ""
        pdf = printed(
            request,
            kind="coverage-pdf",
            parts=[municipality.code, params["level"], params["model"], then],
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
    response = HttpResponse("\ufeff" + table_csv(table), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{stem}-{table.name}.csv"'
    return response
