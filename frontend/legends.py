"""How the sensitivity types look on the workers' map: colour and a plain explanation."""

from django.utils.translation import gettext_lazy as _

from buurt.models import SensitivityType

SENSITIVITY_LEGEND = {
    SensitivityType.SUSCEPTIBLE: (
        "#fee08b",
        _("vulnerable residents, no change yet, next to areas where prices are high or rising"),
    ),
    SensitivityType.EARLY_TYPE_1: (
        "#fdae61",
        _("vulnerable residents, no change yet, prices rising fast"),
    ),
    SensitivityType.EARLY_TYPE_2: (
        "#f46d43",
        _("vulnerable residents who are starting to change, next to rising areas"),
    ),
    SensitivityType.DYNAMIC: (
        "#d73027",
        _("vulnerable residents who are changing, prices rising fast"),
    ),
    SensitivityType.LATE: ("#a50026", _("residents have changed and homes became expensive")),
    SensitivityType.CONTINUED_LOSS: (
        "#762a83",
        _("vulnerable residents have largely left; prices went up"),
    ),
    SensitivityType.NONE: ("#e0e0e0", _("none of the types")),
    SensitivityType.INSUFFICIENT_DATA: ("#ffffff", _("too few figures to say anything")),
}
