import time

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from buurt.models import AreaKind
from events.coverage.distances import CYCLING_M, WALKING_M
from events.coverage.kept import coverage_rebuild
from events.coverage.matrix import coverage_rows


class Command(BaseCommand):
    help = (
        "Build the kept coverage figures from scratch (events/coverage/kept.py), in one "
        "transaction. Run after a bulk load that bypassed the services (bench.generate, a "
        "restore); until then the coverage reads compute from scratch."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--check",
            action="store_true",
            help="Then compare the kept figures of every area kind with a computation from "
            "scratch; exit non-zero when they differ.",
        )

    def handle(self, *args, **options) -> None:
        started = time.perf_counter()
        try:
            with transaction.atomic():
                counts = coverage_rebuild()
        except Exception as error:
            raise CommandError(f"The coverage figures could not be rebuilt: {error}") from error
        seconds = time.perf_counter() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"Coverage rebuilt in {seconds:.1f} s: {counts['points']} resident points, "
                f"{counts['reach']} point × work model rows, {counts['supply']} area × "
                "activity rows."
            )
        )
        if not options["check"]:
            return
        for kind in AreaKind.values:
            kept = coverage_rows(kind=kind, distances_m=(WALKING_M, CYCLING_M))
            scratch = coverage_rows(kind=kind, distances_m=(WALKING_M, CYCLING_M), kept=False)
            if kept != scratch:
                different = [a["code"] for a, b in zip(kept, scratch, strict=False) if a != b]
                raise CommandError(
                    f"The kept figures of {kind} differ from a computation from scratch "
                    f"(areas {', '.join(different[:10]) or 'count'})."
                )
        self.stdout.write("Checked: the kept figures equal a computation from scratch.")
