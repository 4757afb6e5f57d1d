from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .history import activity_snapshot, change_record
from .models import (
    Activity,
    ActivityChange,
    ActivityTranslation,
    CalendarFeed,
    ChangeAction,
    CoverageActivity,
    CoverageCell,
    CoverageDays,
    CoverageDirty,
    CoverageFigure,
    CoverageFigureDay,
    CoverageOffer,
    CoveragePoint,
    CoverageReach,
    CoverageSupply,
    Occurrence,
    Schedule,
    Status,
    UitSource,
    WorkModel,
)
from .services import (
    activity_publish,
    calendar_feed_url_check,
    occurrences_materialise,
    set_translations,
    translations_errors,
)
from .services.translations import TRANSLATED_FIELDS


class ReadOnlyAdmin(admin.ModelAdmin):
    """Shown, never written here: for rows that the services or the kept figures write."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(WorkModel)
class WorkModelAdmin(admin.ModelAdmin):
    list_display = ["code", "name_nl", "name_fr", "name_en"]
    search_fields = ["code", "name_nl", "name_fr", "name_en"]

    def has_add_permission(self, request):
        return False  # the seven models are fixed by the research

    def has_delete_permission(self, request, obj=None):
        return False


class ScheduleInline(admin.StackedInline):
    model = Schedule
    extra = 0


class ActivityChangeInline(admin.TabularInline):
    """The history, read-only: it is written by the services, never by hand."""

    model = ActivityChange
    extra = 0
    fields = ["at", "by", "action", "changes", "note"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Activity)
class ActivityAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "organisation", "status", "place", "last_verified"]
    list_filter = ["status", "kind", "work_models", "organisation"]
    search_fields = ["title", "summary", "description", "host_name"]
    filter_horizontal = ["work_models"]
    raw_id_fields = ["place", "service_areas", "organisation"]
    readonly_fields = ["created_by", "updated_by", "created_at", "updated_at"]
    inlines = [ScheduleInline, ActivityChangeInline]
    actions = ["publish"]

    def save_model(self, request, obj, form, change):
        obj.updated_by = request.user
        if not change:
            obj.created_by = request.user
            request._activity_before = None
        else:
            stored = Activity.objects.select_related("place").get(pk=obj.pk)
            request._activity_before = activity_snapshot(stored)
            if obj.status == Status.CANCELLED and stored.status != Status.CANCELLED:
                obj.status_before_cancel = stored.status  # what an undo goes back to
            elif obj.status != Status.CANCELLED and stored.status == Status.CANCELLED:
                obj.status_before_cancel = ""
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        """The form and its inlines are one change: one row, recorded after both (the
        schedule inline is saved here), or none when the form changed nothing. The dates
        follow the status as in the services: cancelled with it, open again without it."""
        super().save_related(request, form, formsets, change)
        occurrences_materialise(activity=form.instance)
        before = getattr(request, "_activity_before", None)
        change_record(
            activity=form.instance,
            action=_admin_action(before, form.instance.status) if change else ChangeAction.CREATED,
            by=request.user,
            before=before,
        )

    @admin.action(description=_("Publish the selected activities"))
    def publish(self, request, queryset):
        for activity in queryset.exclude(status=Status.PUBLISHED):
            activity_publish(activity=activity, by=request.user)
        messages.success(request, _("Published."))


def _admin_action(before: dict | None, status: str) -> str:
    """What the admin's save did, named as the services name it."""
    was = (before or {}).get("status")
    if status != was and status == Status.CANCELLED:
        return ChangeAction.CANCELLED
    if status != was and was == Status.CANCELLED:
        return ChangeAction.RESTORED
    if status != was and status == Status.PUBLISHED:
        return ChangeAction.PUBLISHED
    return ChangeAction.UPDATED


@admin.register(Occurrence)
class OccurrenceAdmin(ReadOnlyAdmin):
    """Read-only: dates are materialised from the schedule (a hand edit would be undone by
    the next run and leave no history); one date is cancelled in the workspace."""

    list_display = ["activity", "start", "end", "cancelled"]
    list_filter = ["cancelled"]
    search_fields = ["activity__title"]
    date_hierarchy = "start"
    raw_id_fields = ["activity"]


@admin.register(Schedule)
class ScheduleAdmin(admin.ModelAdmin):
    """A schedule edited on its own: its dates follow, and the activity's history says so."""

    list_display = ["activity", "dtstart", "duration", "rrule"]
    search_fields = ["activity__title", "rrule"]
    raw_id_fields = ["activity"]

    def save_model(self, request, obj, form, change):
        activity = Activity.objects.select_related("place").get(pk=obj.activity_id)
        before = activity_snapshot(activity)
        super().save_model(request, obj, form, change)
        occurrences_materialise(activity=activity)
        change_record(
            activity=activity, action=ChangeAction.SCHEDULED, by=request.user, before=before
        )

    def delete_model(self, request, obj):
        activity = Activity.objects.select_related("place").get(pk=obj.activity_id)
        before = activity_snapshot(activity)
        super().delete_model(request, obj)
        change_record(
            activity=activity, action=ChangeAction.SCHEDULED, by=request.user, before=before
        )

    def delete_queryset(self, request, queryset):
        for schedule in queryset:
            self.delete_model(request, schedule)


@admin.register(ActivityChange)
class ActivityChangeAdmin(ReadOnlyAdmin):
    """Read-only: the history is written by the services."""

    list_display = ["at", "activity", "action", "by"]
    list_filter = ["action"]
    search_fields = ["activity__title"]
    date_hierarchy = "at"
    raw_id_fields = ["activity"]


class CalendarFeedAdminForm(forms.ModelForm):
    class Meta:
        model = CalendarFeed
        fields = ["organisation", "name", "url", "place", "work_models", "kind", "active"]

    def clean_url(self):
        url = self.cleaned_data["url"]
        try:
            calendar_feed_url_check(url=url)
        except ValidationError as error:
            raise forms.ValidationError(error.message_dict["url"]) from None
        return url


@admin.register(CalendarFeed)
class CalendarFeedAdmin(admin.ModelAdmin):
    form = CalendarFeedAdminForm
    list_display = ["name", "organisation", "url", "active", "last_synced_at", "last_error"]
    list_filter = ["active"]
    search_fields = ["name", "url", "organisation__name"]
    autocomplete_fields = ["organisation", "place"]
    readonly_fields = ["last_synced_at", "last_error"]


@admin.register(UitSource)
class UitSourceAdmin(admin.ModelAdmin):
    """An organisation's UiTdatabank query (events.uit); the workspace has the same form."""

    list_display = [
        "name",
        "organisation",
        "query",
        "needs_moderation",
        "active",
        "last_synced_at",
        "last_error",
    ]
    list_filter = ["active", "needs_moderation"]
    search_fields = ["name", "query", "organisation__name"]
    autocomplete_fields = ["organisation", "place"]
    filter_horizontal = ["work_models"]
    readonly_fields = ["last_synced_at", "last_error"]
    fields = [
        "organisation",
        "name",
        "query",
        "work_models",
        "audiences",
        "needs_moderation",
        "place",
        "active",
        "last_synced_at",
        "last_error",
    ]


class ActivityTranslationForm(forms.ModelForm):
    """The same rules as the API and the workspace (events.services.translations)."""

    class Meta:
        model = ActivityTranslation
        fields = ["activity", "language", "title", "summary", "what_to_expect"]

    def clean(self):
        cleaned = super().clean()
        activity, language = cleaned.get("activity"), cleaned.get("language")
        if activity and language:
            texts = {name: cleaned.get(name) or "" for name in TRANSLATED_FIELDS}
            errors = translations_errors({language: texts}, text_language=activity.text_language)
            if errors:
                raise ValidationError(
                    [message for value in errors.values() for message in _messages(value)]
                )
        return cleaned


def _messages(value) -> list[str]:
    if isinstance(value, dict):
        return [message for item in value.values() for message in _messages(item)]
    return list(value)


@admin.register(ActivityTranslation)
class ActivityTranslationAdmin(admin.ModelAdmin):
    """One translation edited on its own: written through set_translations, so the
    activity's history says so and the moderation rule holds."""

    form = ActivityTranslationForm
    list_display = ["activity", "language", "title"]
    list_filter = ["language"]
    search_fields = ["activity__title", "title"]
    raw_id_fields = ["activity"]

    def _others(self, activity: Activity, language: str) -> dict:
        rows = ActivityTranslation.objects.filter(activity=activity).exclude(language=language)
        return {row.language: {f: getattr(row, f) for f in TRANSLATED_FIELDS} for row in rows}

    def save_model(self, request, obj, form, change):
        if change:
            old = ActivityTranslation.objects.get(pk=obj.pk)
            wanted = self._others(old.activity, old.language)
        else:
            wanted = self._others(obj.activity, obj.language)
        wanted[obj.language] = {name: getattr(obj, name) for name in TRANSLATED_FIELDS}
        set_translations(obj.activity, wanted, by=request.user)
        obj.pk = ActivityTranslation.objects.get(activity=obj.activity, language=obj.language).pk

    def delete_model(self, request, obj):
        set_translations(obj.activity, self._others(obj.activity, obj.language), by=request.user)

    def delete_queryset(self, request, queryset):
        for translation in queryset:
            self.delete_model(request, translation)


# Read-only: the kept coverage figures are derived data, written only by events.coverage.kept
# in the writes' transactions; shown to check a figure, never to edit one out of step
# (`manage.py rebuild_coverage` builds them again).
@admin.register(CoveragePoint)
class CoveragePointAdmin(ReadOnlyAdmin):
    list_display = ["target", "area", "population"]
    raw_id_fields = ["target", "area"]
    list_select_related = ["target", "area"]


@admin.register(CoverageReach)
class CoverageReachAdmin(ReadOnlyAdmin):
    list_display = ["area", "workmodel", "place_id", "distance", "served"]
    list_filter = ["workmodel", "served"]
    raw_id_fields = ["area"]
    list_select_related = ["area", "workmodel"]


@admin.register(CoverageCell)
class CoverageCellAdmin(ReadOnlyAdmin):
    list_display = ["target_id", "workmodel_id", "walking", "cycling"]


@admin.register(CoverageFigure)
class CoverageFigureAdmin(ReadOnlyAdmin):
    list_display = ["code", "kind"]
    list_filter = ["kind"]
    search_fields = ["code"]


@admin.register(CoverageFigureDay)
class CoverageFigureDayAdmin(ReadOnlyAdmin):
    list_display = ["code", "kind", "since", "until"]
    list_filter = ["kind"]
    search_fields = ["code"]


@admin.register(CoverageDays)
class CoverageDaysAdmin(ReadOnlyAdmin):
    list_display = ["started_on", "last_day"]


@admin.register(CoverageSupply)
class CoverageSupplyAdmin(ReadOnlyAdmin):
    list_display = ["target_id", "activity_id", "evening", "weekend", "basic_dutch_ok"]


@admin.register(CoverageOffer)
class CoverageOfferAdmin(ReadOnlyAdmin):
    list_display = ["target_id", "activities", "evening", "weekend", "basic_dutch_ok"]


@admin.register(CoverageActivity)
class CoverageActivityAdmin(ReadOnlyAdmin):
    list_display = ["activity_id", "place_id"]


@admin.register(CoverageDirty)
class CoverageDirtyAdmin(ReadOnlyAdmin):
    list_display = ["kind", "key"]
