"""The fixed vocabularies of activities: kinds, audiences, statuses, costs, the languages
their texts are written in, and the actions of their history. events.models re-exports
them, so `from events.models import Audience` keeps working."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.language import short_code


class ActivityKind(models.TextChoices):
    EVENT = "event", _("one-off event")
    RECURRING = "recurring", _("recurring activity")
    PEER_GROUP = "peer_group", _("peer group")
    PROGRAMME = "programme", _("programme")


class Audience(models.TextChoices):
    EVERYONE = "everyone", _("everyone")
    CHILDREN = "children", _("children")
    YOUTH = "youth", _("young people")
    ADULTS = "adults", _("adults")
    SENIORS = "seniors", _("seniors")
    FAMILIES = "families", _("families")
    PARENTS = "parents", _("parents")
    NEWCOMERS = "newcomers", _("newcomers")
    WOMEN = "women", _("women")


class Status(models.TextChoices):
    DRAFT = "draft", _("draft")
    PENDING = "pending", _("waiting for moderation")
    PUBLISHED = "published", _("published")
    CANCELLED = "cancelled", _("cancelled")


class CostKind(models.TextChoices):
    FREE = "free", _("free")
    PAID = "paid", _("paid")
    # The poster did not say: shown as "ask", never as free.
    UNKNOWN = "unknown", _("not said")


# The languages an activity's texts can be written in: the site's own, by their short code
# ("nl", "fr", "en") and the names settings.LANGUAGES gives them. A language added to the site
# comes with a migration of Activity.text_language's choices (makemigrations writes it).
TEXT_LANGUAGES = [(short_code(code), name) for code, name in settings.LANGUAGES]


class ChangeAction(models.TextChoices):
    CREATED = "created", _("created")
    UPDATED = "updated", _("changed")
    SCHEDULED = "scheduled", _("dates changed")
    PUBLISHED = "published", _("published")
    REJECTED = "rejected", _("rejected")
    CANCELLED = "cancelled", _("cancelled")
    DATE_CANCELLED = "date_cancelled", _("one date cancelled")
    RESTORED = "restored", _("cancellation undone")
    DATE_RESTORED = "date_restored", _("cancelled date restored")
    VERIFIED = "verified", _("confirmed still correct")
    SYNCED = "synced", _("updated from the calendar feed")
