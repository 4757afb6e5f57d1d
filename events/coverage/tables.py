"""The coverage figures kept current (see events/coverage/kept.py): what each resident point
reaches, what each area has on offer, and which writes are still to be taken in. Written
only by `events.coverage.kept`; plain ids rather than foreign keys where the rows follow
writes that the triggers report (a deleted activity or place leaves its rows until the
catch-up removes them, in the same transaction)."""

from django.contrib.gis.db import models
from django.contrib.postgres.fields import ArrayField


class CoveragePoint(models.Model):
    """One resident point of one area (the target): the finest populated area whose point on
    surface lies in the target, or the target itself when it holds none, with its
    population (the weight of the point)."""

    target = models.ForeignKey("buurt.Area", on_delete=models.CASCADE, related_name="+")
    area = models.ForeignKey("buurt.Area", on_delete=models.CASCADE, related_name="+")
    population = models.IntegerField(null=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["target", "area"], name="coverage_point_unique")
        ]


class CoverageReach(models.Model):
    """Per resident point and work model: the nearest place with a published activity of the
    model (within MAX_DISTANCE_M, in the order of the places' index walk), and whether an
    area served by a published programme of the model covers the point."""

    area = models.ForeignKey("buurt.Area", on_delete=models.CASCADE, related_name="+")
    workmodel = models.ForeignKey("events.WorkModel", on_delete=models.CASCADE, related_name="+")
    pos = models.PointField(geography=True, srid=4326)
    place_id = models.BigIntegerField(null=True)
    # `<->` of the walk (the order), and the geodesic distance of that place (the figure).
    rank = models.FloatField(null=True)
    distance = models.FloatField(null=True)
    served = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["area", "workmodel"], name="coverage_reach_unique")
        ]
        indexes = [models.Index(fields=["place_id"], name="coverage_reach_place")]


class CoverageSupply(models.Model):
    """One (area, published activity) pair found by place or by served area, with the facts
    the figures count: its work models, languages, basic Dutch, evening and weekend."""

    target_id = models.BigIntegerField(db_index=True)
    activity_id = models.BigIntegerField(db_index=True)
    work_models = ArrayField(models.BigIntegerField())
    languages = ArrayField(models.CharField(max_length=12))
    basic_dutch_ok = models.BooleanField(null=True)
    evening = models.BooleanField()
    weekend = models.BooleanField()


class CoverageActivity(models.Model):
    """A published activity as the kept figures count it: its place, work models and served
    areas, so that a later write knows what to take back."""

    activity_id = models.BigIntegerField(primary_key=True)
    place_id = models.BigIntegerField(null=True)
    work_models = ArrayField(models.BigIntegerField())
    served = ArrayField(models.BigIntegerField())


class CoverageDirty(models.Model):
    """What the database triggers saw written and the kept figures have not taken in yet:
    an activity ('a'), a place ('p') or the areas ('r', key 0). Empty after every service
    write; while not empty, reads compute from scratch."""

    kind = models.CharField(max_length=1)
    key = models.BigIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "key"], name="coverage_dirty_unique")
        ]


class CoverageOffer(models.Model):
    """Per area, its `CoverageSupply` rows counted: activities, evening, weekend, basic Dutch,
    the languages other than Dutch ({code: activities}) and the activities per work model
    ({work model id: activities}); refreshed for the areas whose supply a write changed."""

    target_id = models.BigIntegerField(primary_key=True)
    activities = models.IntegerField()
    evening = models.IntegerField()
    weekend = models.IntegerField()
    basic_dutch_ok = models.IntegerField()
    languages = models.JSONField()
    counts = models.JSONField()


class CoverageCell(models.Model):
    """Per area and work model, the population of its resident points covered within the two
    distances of the dashboard (`distances.WALKING_M` and `CYCLING_M`): the sum that a read
    would otherwise make over `CoveragePoint` × `CoverageReach`. Kept by every update of
    `CoverageReach` in `kept.py` (`CELLS_FOLLOW`, in the same statement), which adds what
    each changed reach row adds or takes away."""

    target_id = models.BigIntegerField()
    workmodel_id = models.BigIntegerField()
    walking = models.BigIntegerField()
    cycling = models.BigIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["target_id", "workmodel_id"], name="coverage_cell_unique"
            )
        ]


class CoverageFigure(models.Model):
    """Per area, its whole row of the coverage matrix at the dashboard's two distances, as
    `matrix.coverage_rows` returns it, written out as JSON (`document`): a read of all of
    Flanders then joins 2,767 ready texts instead of summing 19,369 cells. Rewritten, from
    the cells, the points and the offer, for every area a write touches."""

    target_id = models.BigIntegerField(primary_key=True)
    kind = models.CharField(max_length=20)
    code = models.CharField(max_length=40)
    document = models.TextField()
    # The Brussels day from which `document` holds (the day of the write that made it).
    since = models.DateField(null=True)

    class Meta:
        indexes = [models.Index(fields=["kind", "code"], name="coverage_figure_kind_code")]


class CoverageFigureDay(models.Model):
    """A `CoverageFigure` document as it stood on the days `since` to `until` (exclusive):
    kept when a write on a later day rewrites it, so that the figures at the end of any
    day since the kept days began (`CoverageDays`) are read instead of recomputed."""

    target_id = models.BigIntegerField()
    kind = models.CharField(max_length=20)
    code = models.CharField(max_length=40)
    since = models.DateField()
    until = models.DateField()
    document = models.TextField()

    class Meta:
        indexes = [models.Index(fields=["kind", "until"], name="coverage_day_kind_until")]


class CoverageDays(models.Model):
    """One row: since which Brussels day the kept documents answer for the end of a day
    (`started_on`, set by every full rebuild; none: not answerable), and the latest day a
    write was taken in (`last_day`). A write dated before `last_day` (a clock set back)
    clears `started_on`: the days would no longer follow each other."""

    started_on = models.DateField(null=True)
    last_day = models.DateField(null=True)
