"""A model's check constraints validated in one query instead of one per constraint.

Django's full_clean asks the database about each CheckConstraint on its own, inside a
savepoint when a transaction is open: three round trips each, twelve for an activity's four,
on every write. The same conditions as one SELECT give the same verdicts.
"""

from contextlib import nullcontext

from django.core.exceptions import FieldError, ValidationError
from django.db import connections, router, transaction
from django.db.models import BooleanField, CheckConstraint, ExpressionWrapper, Q, Value
from django.db.models.functions import Coalesce
from django.db.models.sql import Query
from django.db.models.sql.constants import SINGLE


def failed_checks(instance, model, checks: list[CheckConstraint], *, exclude, using: str):
    """The constraints of `checks` that `instance` breaks, in their order. A constraint
    that reads an excluded field is not checked, as CheckConstraint.validate does; a NULL
    verdict passes, as in the database."""
    against = instance._get_field_expression_map(meta=model._meta, exclude=exclude)
    query = Query(None)
    for name, value in against.items():
        if not hasattr(value, "resolve_expression"):
            value = Value(value)
        query.add_annotation(value, name, select=False)
    asked = []
    for constraint in checks:
        verdict = Coalesce(
            ExpressionWrapper(Q(constraint.condition), output_field=BooleanField()),
            True,
            output_field=BooleanField(),
        )
        try:
            query.add_annotation(verdict, f"check_{len(asked)}")
        except FieldError:
            continue  # it reads a field left out of this validation
        asked.append(constraint)
    if not asked:
        return []
    connection = connections[using]
    # A failing query would break the caller's transaction: a savepoint, as Q.check takes.
    with transaction.atomic(using=using) if connection.in_atomic_block else nullcontext():
        verdicts = query.get_compiler(using=using).execute_sql(SINGLE)
    return [constraint for constraint, ok in zip(asked, verdicts, strict=True) if not ok]


class ChecksInOneQuery:
    """Model mixin: validate_constraints asks about all check constraints in one query and
    leaves the others (unique constraints) to Django, with the same errors."""

    def get_constraints(self):
        # Read by validate_constraints alone (Django 5.2): the checks are asked below.
        return [
            (model, [c for c in constraints if not _is_plain_check(c)])
            for model, constraints in super().get_constraints()
        ]

    def validate_constraints(self, exclude=None):
        using = router.db_for_write(type(self), instance=self)
        errors = {}
        for model, constraints in super().get_constraints():
            checks = [c for c in constraints if _is_plain_check(c)]
            for constraint in failed_checks(self, model, checks, exclude=exclude, using=using):
                error = ValidationError(
                    constraint.get_violation_error_message(), code=constraint.violation_error_code
                )
                errors = error.update_error_dict(errors)
        try:
            super().validate_constraints(exclude=exclude)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)


def _is_plain_check(constraint) -> bool:
    # A subclass may validate in its own way: it keeps it.
    return type(constraint) is CheckConstraint
