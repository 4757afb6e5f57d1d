"""Pages for community workers, moderators and policymakers (never public)."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation

from .guards import guarded


@guarded
def worker_map(request: HttpRequest) -> HttpResponse:
    """The gentrification-sensitivity map: for workers, moderators and policymakers only."""
    from collections import Counter

    from django.urls import reverse

    from buurt.models import AreaKind, SensitivityType
    from buurt.sensitivity.queries import sensitivity_for

    from ..legends import SENSITIVITY_LEGEND

    kind = request.GET.get("kind", AreaKind.NEIGHBOURHOOD)
    if kind not in AreaKind.values:
        kind = AreaKind.NEIGHBOURHOOD
    form_errors = []
    if request.method == "POST":
        # Policymakers read only; workers and moderators may assess again (places.roles).
        form_errors = _assess_from_form(request, kind)
        if not form_errors:
            return redirect(f"{reverse('frontend:worker-map')}?kind={kind}")
    assessments = list(sensitivity_for(kind).select_related("area").order_by("area__code"))
    counts = Counter(a.type for a in assessments)
    types = [
        {
            "value": value,
            "label": SensitivityType(value).label,
            "colour": colour,
            "explanation": explanation,
            "count": counts.get(value, 0),
        }
        for value, (colour, explanation) in SENSITIVITY_LEGEND.items()
    ]
    rows = [{"area": a.area, "label": SensitivityType(a.type).label} for a in assessments]
    map_config = {
        "areasUrl": reverse("api:area-list") + f"?kind={kind}&simplify=10",
        "sensitivityUrl": reverse("api:sensitivity") + f"?kind={kind}",
        "placesUrl": reverse("api:place-list"),
        "colours": {t["value"]: t["colour"] for t in types},
        "labels": {t["value"]: str(t["label"]) for t in types},
    }
    return render(
        request,
        "frontend/workers/map.html",
        {
            "kind": kind,
            "kinds": AreaKind.choices,
            "types": types,
            "rows": rows,
            "assessed": assessments[0] if assessments else None,
            "map_config": map_config,
            "form_errors": form_errors,
            "default_t0": settings.SENSITIVITY_T0,
            "default_t1": settings.SENSITIVITY_T1,
        },
    )


def _assess_from_form(request: HttpRequest, kind: str) -> list[str]:
    """Run the assessment from the workers' page; returns the errors to show, if any."""
    from django.contrib import messages
    from django.utils.translation import gettext as _

    from buurt.sensitivity.assess import sensitivity_assess

    try:
        t0, t1 = int(request.POST.get("t0", "")), int(request.POST.get("t1", ""))
    except ValueError:
        return [_("Give two years, such as 2018 and 2023.")]
    if not 1900 <= t0 < t1 <= 2200:
        return [_("The first year must come before the second.")]
    try:
        sensitivity_assess(kind=kind, t0=t0, t1=t1)
    except ValueError as error:
        return [str(error)]
    messages.success(request, _("The areas were assessed again."))
    return []


@guarded
def worker_area(request: HttpRequest, kind: str, code: str) -> HttpResponse:
    """One area's sensitivity assessment with its reasons in plain words (workers only)."""
    from buurt.models import SensitivityType
    from buurt.sensitivity.queries import sensitivity_for
    from buurt.sensitivity.words import reasons_in_words

    assessment = get_object_or_404(sensitivity_for(kind).select_related("area"), area__code=code)
    reasons = reasons_in_words(assessment, translation.get_language() or "nl")
    return render(
        request,
        "frontend/workers/area.html",
        {
            "assessment": assessment,
            "label": SensitivityType(assessment.type).label,
            "reasons": reasons,
        },
    )
