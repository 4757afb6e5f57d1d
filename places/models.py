"""Who organises and where: organisations, their members and the places they use."""

from django.conf import settings
from django.contrib.gis.db import models
from django.contrib.postgres.indexes import GistIndex
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _

from usertext.fields import UserCharField, UserTextField


class Organisation(models.Model):
    name = UserCharField(_("name"), max_length=200, unique=True)
    description = UserTextField(_("description"), blank=True)
    website = models.URLField(_("website"), blank=True)
    phone = UserCharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    verified = models.BooleanField(
        _("verified"),
        default=False,
        help_text=_("Posts of verified organisations are published without moderation."),
    )
    last_verified = models.DateField(_("last verified"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class MemberRole(models.TextChoices):
    COMMUNITY_WORKER = "community_worker", _("community worker")
    MODERATOR = "moderator", _("moderator")
    # Reads what workers read (coverage, sensitivity); never writes.
    POLICYMAKER = "policymaker", _("policymaker (read only)")


ACTING_ROLES = [MemberRole.COMMUNITY_WORKER, MemberRole.MODERATOR]


class Membership(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(
        _("role"), max_length=20, choices=MemberRole.choices, default=MemberRole.COMMUNITY_WORKER
    )

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "user"], name="membership_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.organisation} ({self.role})"


class PlaceKind(models.TextChoices):
    COMMUNITY_CENTRE = "community_centre", _("community centre")
    LIBRARY = "library", _("library")
    SOCIAL_SERVICE = "social_service", _("social service")
    SCHOOL = "school", _("school")
    PARK = "park", _("park")
    CAFE = "cafe", _("café")
    OTHER = "other", _("other")


class Precision(models.TextChoices):
    EXACT = "exact", _("exact address")
    # For sensitive groups (debt, addiction, violence): the public sees only the area.
    AREA = "area", _("only the neighbourhood")


class Wheelchair(models.TextChoices):
    YES = "yes", _("wheelchair accessible")
    PARTIAL = "partial", _("partly wheelchair accessible")
    NO = "no", _("not wheelchair accessible")
    UNKNOWN = "unknown", _("accessibility unknown")


def hidden_places_follow(collector, field, sub_objs, using) -> None:
    """on_delete of Place.organisation. A place shown by its neighbourhood only exists for
    that organisation's groups (a meeting room whose address is given on registration):
    it is deleted with it, never left without owner for any organisation to use. A place
    with a public address (a library, a community centre) stays, without organisation."""
    ids = [place.pk for place in sub_objs]
    hidden = list(Place.objects.using(using).filter(pk__in=ids, precision=Precision.AREA))
    hidden_ids = {place.pk for place in hidden}
    shared = [place for place in sub_objs if place.pk not in hidden_ids]
    if hidden:
        models.CASCADE(collector, field, hidden, using)
    if shared:
        models.SET_NULL(collector, field, shared, using)


class Place(models.Model):
    name = UserCharField(_("name"), max_length=200)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=hidden_places_follow,
        related_name="places",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=PlaceKind.choices)
    address = UserCharField(_("address"), max_length=300, blank=True)
    # The real point. Never leaves the server for `area` precision: public reads use
    # public_location, which services keep in step.
    location = models.PointField(_("location"), geography=True, srid=4326)
    precision = models.CharField(
        _("location precision"), max_length=10, choices=Precision.choices, default=Precision.EXACT
    )
    area = models.ForeignKey(
        "buurt.Area",
        verbose_name=_("area"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="places",
        help_text=_("The finest area that contains the place."),
    )
    # Geometry, so that bounding-box reads use its GiST index directly; distance reads go
    # through the geography expression index below (metres on the spheroid).
    public_location = models.PointField(_("public location"), srid=4326)
    wheelchair = models.CharField(
        _("wheelchair access"),
        max_length=10,
        choices=Wheelchair.choices,
        default=Wheelchair.UNKNOWN,
    )
    accessible_toilet = models.BooleanField(_("accessible toilet"), default=False)
    hearing_loop = models.BooleanField(_("hearing loop"), default=False)
    opening_hours = UserTextField(_("opening hours"), blank=True)
    import_key = models.CharField(
        max_length=300, null=True, blank=True, unique=True, editable=False
    )
    # Where an imported place comes from (OpenStreetMap, a city's open data); such a place
    # without an organisation has been checked by nobody yet.
    source = models.ForeignKey(
        "buurt.OpenDataSource",
        verbose_name=_("source"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="places",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("place")
        verbose_name_plural = _("places")
        ordering = ["name"]
        indexes = [
            GistIndex(
                Cast("public_location", models.PointField(geography=True, srid=4326)),
                name="place_public_geography_idx",
            ),
        ]
        constraints = [
            # A hidden place must have an area to stand in for it.
            models.CheckConstraint(
                condition=Q(precision=Precision.EXACT) | Q(area__isnull=False),
                name="place_area_precision_needs_area",
            ),
            # A hidden place belongs to an organisation: only it (and moderators) may use it.
            models.CheckConstraint(
                condition=Q(precision=Precision.EXACT) | Q(organisation__isnull=False),
                name="place_area_precision_needs_organisation",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        # The constraint above, said on the field (admin form, services' full_clean).
        if self.precision == Precision.AREA and self.organisation_id is None:
            raise ValidationError(
                {
                    "organisation": _(
                        "A place shown by its neighbourhood only belongs to an organisation."
                    )
                }
            )

    @property
    def unverified(self) -> bool:
        """Imported from open data and not taken up by an organisation."""
        return self.source_id is not None and self.organisation_id is None

    @property
    def shows_area_only(self) -> bool:
        """Shown by its neighbourhood only: the public never sees its point or street address
        (places.public holds the projection that follows from this)."""
        return self.precision == Precision.AREA
