"""Activities: the work models, the summary, list and detail bodies, the schedule, and the
body that creates or changes an activity."""

from collections.abc import Mapping
from datetime import datetime, timedelta

from django.core.exceptions import ValidationError as DjangoValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from buurt.models import Area
from events.models import (
    TEXT_LANGUAGES,
    Activity,
    ActivityKind,
    Audience,
    CostKind,
    Status,
    WorkModel,
)
from events.recurrence.rules import BRUSSELS, parse_rrule, rrule_validate
from events.services import translations_errors
from events.texts import translations_of
from places.models import Organisation, Place

from .places import OrganisationRefSerializer, PublicPlaceSerializer
from .territory import AreaRefSerializer

DISTANCE_FIELD = serializers.FloatField(
    allow_null=True,
    help_text="Geodesic metres to the public point when `near` is given; else null.",
)


class WorkModelSerializer(serializers.ModelSerializer):
    name = serializers.CharField(read_only=True, help_text="The research's name of the model.")
    label = serializers.CharField(
        read_only=True,
        help_text='The plain label residents read first ("Iets bijleren"), with `name` second.',
    )
    description = serializers.CharField(read_only=True)

    class Meta:
        model = WorkModel
        fields = ["code", "name", "label", "description"]


class CostSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=CostKind.choices)
    amount = serializers.DecimalField(max_digits=7, decimal_places=2, allow_null=True)
    social_tariff = serializers.CharField()


class OccurrenceRefSerializer(serializers.Serializer):
    start = serializers.DateTimeField()
    end = serializers.DateTimeField()
    cancelled = serializers.BooleanField()
    cancel_reason = serializers.CharField(
        required=False, help_text="Why the date is cancelled, as shown to residents."
    )


class TranslationSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    summary = serializers.CharField(max_length=300)
    what_to_expect = serializers.CharField(max_length=2_000, required=False, allow_blank=True)


TRANSLATIONS_HELP = (
    "Title, summary and what to expect in more languages than text_language, keyed by the "
    'language code of `languages` (ISO 639-1; ber for Tamazight): {"ar": {"title": …, '
    '"summary": …, "what_to_expect": …}}. In a write the object is the whole set: a language '
    "left out is removed, {} removes all; not given in a PATCH, they stay as they are."
)


def translations_field(**kwargs) -> serializers.DictField:
    return serializers.DictField(
        child=TranslationSerializer(), help_text=TRANSLATIONS_HELP, **kwargs
    )


class ActivitySummarySerializer(serializers.ModelSerializer):
    work_models = serializers.SerializerMethodField()
    translations = serializers.SerializerMethodField()
    place = PublicPlaceSerializer(read_only=True, allow_null=True)
    organisation = OrganisationRefSerializer(read_only=True)
    cost = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()

    class Meta:
        model = Activity
        fields = [
            "id",
            "title",
            "summary",
            "text_language",
            "translations",
            "kind",
            "work_models",
            "place",
            "organisation",
            "languages",
            "cost",
            "url",
        ]

    def get_work_models(self, activity: Activity) -> list[str]:
        return [model.code for model in activity.work_models.all()]

    @extend_schema_field(translations_field())
    def get_translations(self, activity: Activity) -> dict:
        return translations_of(activity)

    @extend_schema_field(CostSerializer)
    def get_cost(self, activity: Activity) -> dict:
        amount = activity.cost_amount
        return {
            "kind": activity.cost,
            "amount": None if amount is None else f"{amount:.2f}",
            "social_tariff": activity.social_tariff,
        }

    def get_url(self, activity: Activity) -> str:
        path = reverse("frontend:activity", args=[activity.id])
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path


class ActivityListSerializer(ActivitySummarySerializer):
    next_occurrence = serializers.SerializerMethodField()
    distance_m = serializers.SerializerMethodField()

    class Meta(ActivitySummarySerializer.Meta):
        fields = [*ActivitySummarySerializer.Meta.fields, "status", "next_occurrence", "distance_m"]

    @extend_schema_field(OccurrenceRefSerializer(allow_null=True))
    def get_next_occurrence(self, activity: Activity) -> dict | None:
        start = getattr(activity, "next_start", None)
        if start is None:
            return None
        schedule = getattr(activity, "schedule", None)
        duration = schedule.duration if schedule else timedelta(0)
        return {
            "start": timezone.localtime(start).isoformat(),
            "end": timezone.localtime(start + duration).isoformat(),
            "cancelled": False,
        }

    @extend_schema_field(DISTANCE_FIELD)
    def get_distance_m(self, activity: Activity) -> float | None:
        distance = getattr(activity, "distance", None)
        return None if distance is None else round(distance.m, 1)


class ScheduleSerializer(serializers.Serializer):
    dtstart = serializers.DateTimeField(
        help_text="First start, ISO 8601 with offset; the rule repeats in Brussels time."
    )
    duration_minutes = serializers.IntegerField(min_value=1, max_value=31 * 24 * 60)
    rrule = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=500,
        help_text="RFC 5545 RRULE without DTSTART, e.g. FREQ=WEEKLY;BYDAY=TU",
    )
    exdates = serializers.ListField(
        child=serializers.DateTimeField(),
        required=False,
        max_length=500,
        help_text="Cancelled dates.",
    )
    rdates = serializers.ListField(
        child=serializers.DateTimeField(), required=False, max_length=500, help_text="Extra dates."
    )

    def to_internal_value(self, data):
        # The rule is checked here, beside the other fields, so that one 400 names every
        # problem (the service checked it only after the other fields had passed).
        errors, value = {}, None
        try:
            value = super().to_internal_value(data)
        except serializers.ValidationError as error:
            errors = dict(error.detail)
        rule = data.get("rrule") if isinstance(data, Mapping) else None
        if isinstance(rule, str) and rule.strip() and "rrule" not in errors:
            try:
                if value is not None and "dtstart" in value:
                    rrule_validate(rule, dtstart=value["dtstart"])
                else:
                    # No usable start: check the rule's own spelling only.
                    parse_rrule(rule, dtstart=datetime(2000, 1, 1, tzinfo=BRUSSELS))
            except DjangoValidationError as error:
                errors["rrule"] = error.message_dict.get("rrule", error.messages)
        if errors:
            raise serializers.ValidationError(errors)
        return value


class ActivityDetailSerializer(ActivityListSerializer):
    service_areas = AreaRefSerializer(many=True, read_only=True)
    schedule = serializers.SerializerMethodField()
    recurrence_text = serializers.SerializerMethodField()
    next_occurrences = serializers.SerializerMethodField()
    registration = serializers.SerializerMethodField()

    class Meta(ActivityListSerializer.Meta):
        fields = [
            *ActivityListSerializer.Meta.fields,
            "description",
            "what_to_expect",
            "audiences",
            "basic_dutch_ok",
            "registration",
            "host_name",
            "contact_phone",
            "contact_email",
            "service_areas",
            "schedule",
            "recurrence_text",
            "next_occurrences",
            "last_verified",
            "cancel_reason",
        ]

    @extend_schema_field(ScheduleSerializer(allow_null=True))
    def get_schedule(self, activity: Activity) -> dict | None:
        schedule = getattr(activity, "schedule", None)
        if schedule is None:
            return None
        return {
            "dtstart": timezone.localtime(schedule.dtstart).isoformat(),
            "duration_minutes": int(schedule.duration.total_seconds() // 60),
            "rrule": schedule.rrule,
            "exdates": [timezone.localtime(d).isoformat() for d in schedule.exdates],
            "rdates": [timezone.localtime(d).isoformat() for d in schedule.rdates],
        }

    def get_recurrence_text(self, activity: Activity) -> str:
        from django.utils import translation

        from events.recurrence.words import activity_schedule_in_words

        return activity_schedule_in_words(activity, translation.get_language() or "nl")

    @extend_schema_field(OccurrenceRefSerializer(many=True))
    def get_next_occurrences(self, activity: Activity) -> list[dict]:
        upcoming = activity.occurrences.filter(start__gte=timezone.now()).order_by("start")[:10]
        return [
            {
                "start": timezone.localtime(o.start).isoformat(),
                "end": timezone.localtime(o.end).isoformat(),
                "cancelled": o.cancelled,
                "cancel_reason": o.cancel_reason,
            }
            for o in upcoming
        ]

    @extend_schema_field(OpenApiTypes.OBJECT)
    def get_registration(self, activity: Activity) -> dict:
        return {"required": activity.registration_required, "how": activity.registration_how}


class ActivityWriteSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    summary = serializers.CharField(max_length=300)
    text_language = serializers.ChoiceField(
        choices=TEXT_LANGUAGES,
        required=False,
        help_text="The language title, summary and texts are written in; nl when not said.",
    )
    translations = translations_field(required=False)
    kind = serializers.ChoiceField(choices=ActivityKind.choices)
    work_models = serializers.ListField(
        child=serializers.CharField(max_length=40), min_length=1, max_length=7
    )
    organisation = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.all())
    place = serializers.PrimaryKeyRelatedField(
        queryset=Place.objects.all(), required=False, allow_null=True
    )
    service_areas = serializers.ListField(
        child=serializers.CharField(max_length=40),
        required=False,
        max_length=500,
        help_text="Area codes served, instead of a place.",
    )
    schedule = ScheduleSerializer(required=False)
    status = serializers.ChoiceField(
        choices=[Status.DRAFT, Status.PUBLISHED],
        required=False,
        help_text="draft to keep it to yourself; published asks to publish (an unverified "
        "organisation's post then waits for a moderator). A change to the title, summary, "
        "description, contact or place of an unverified organisation's published activity "
        "sets it back to pending.",
    )
    description = serializers.CharField(max_length=10_000, required=False, allow_blank=True)
    what_to_expect = serializers.CharField(max_length=2_000, required=False, allow_blank=True)
    audiences = serializers.ListField(
        child=serializers.ChoiceField(choices=Audience.choices), required=False, max_length=20
    )
    languages = serializers.ListField(
        child=serializers.CharField(max_length=3),
        required=False,
        max_length=30,
        help_text="ISO 639-1 codes (nl, fr, ar); ber for Tamazight, which has none.",
    )
    basic_dutch_ok = serializers.BooleanField(
        required=False, allow_null=True, help_text="null: not said (unknown)."
    )
    cost = serializers.ChoiceField(
        choices=CostKind.choices,
        required=False,
        help_text="unknown (the default) when not said: shown as 'ask', never as free.",
    )
    cost_amount = serializers.DecimalField(
        max_digits=7, decimal_places=2, min_value=0, required=False, allow_null=True
    )
    social_tariff = serializers.CharField(max_length=200, required=False, allow_blank=True)
    registration_required = serializers.BooleanField(
        required=False, allow_null=True, help_text="null: not said (unknown)."
    )
    registration_how = serializers.CharField(max_length=300, required=False, allow_blank=True)
    host_name = serializers.CharField(max_length=100, required=False, allow_blank=True)
    contact_phone = serializers.CharField(max_length=40, required=False, allow_blank=True)
    contact_email = serializers.EmailField(required=False, allow_blank=True)

    def to_internal_value(self, data):
        # Every field error and the place rule in one 400: DRF stops before validate()
        # when a field fails, and the service checked the place only after all fields passed.
        errors, value = {}, None
        try:
            value = super().to_internal_value(data)
        except serializers.ValidationError as error:
            errors = dict(error.detail)
        no_place = isinstance(data, Mapping) and data.get("place") in (None, "")
        if (
            not self.partial
            and no_place
            and not data.get("service_areas")
            and "place" not in errors
        ):
            errors["place"] = [
                _("Give a place, or the areas served for a programme without a venue.")
            ]
        if errors:
            raise serializers.ValidationError(errors)
        return value

    def validate_translations(self, translations):
        # The languages here, beside the other fields (the service checks them again, and
        # whether one is the texts' own language in a PATCH, where text_language may be absent).
        language = self.initial_data.get("text_language") or (None if self.partial else "nl")
        try:
            errors = translations_errors(translations, text_language=language)
        except DjangoValidationError as error:
            raise serializers.ValidationError(error.messages) from None
        if errors:
            raise serializers.ValidationError(errors)
        return translations

    def validate_work_models(self, codes):
        known = set(WorkModel.objects.filter(code__in=codes).values_list("code", flat=True))
        unknown = [code for code in dict.fromkeys(codes) if code not in known]
        if unknown:
            raise serializers.ValidationError(
                _("Unknown work model: %(codes)s.") % {"codes": ", ".join(unknown[:10])}
            )
        return codes

    def validate_service_areas(self, codes):
        areas = list(Area.objects.filter(code__in=codes).defer("geometry"))
        unknown = sorted(set(codes) - {area.code for area in areas})
        if unknown:
            raise serializers.ValidationError(
                _("Unknown area codes: %(codes)s.") % {"codes": ", ".join(unknown[:10])}
            )
        return areas
