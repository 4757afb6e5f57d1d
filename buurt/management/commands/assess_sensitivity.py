from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from buurt.sensitivity.assess import SensitivityInputError, sensitivity_assess


class Command(BaseCommand):
    help = (
        "Assess the gentrification sensitivity of every area of one kind between two years "
        "(Bates 2013, adapted; docs/sensitivity.md) and store it, replacing the assessments "
        "of that kind and those years."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        # No `choices` on --kind: an unknown kind is a one-sentence CommandError, like the
        # other bad input, rather than argparse's usage dump.
        parser.add_argument("--kind", required=True, help="Area kind, e.g. neighbourhood.")
        parser.add_argument(
            "--t0",
            type=int,
            default=getattr(settings, "SENSITIVITY_T0", None),
            help="First year (default: settings.SENSITIVITY_T0).",
        )
        parser.add_argument(
            "--t1",
            type=int,
            default=getattr(settings, "SENSITIVITY_T1", None),
            help="Second year (default: settings.SENSITIVITY_T1).",
        )

    def handle(self, *args, **options) -> None:
        if options["t0"] is None or options["t1"] is None:
            raise CommandError("Give both years with --t0 and --t1.")
        try:
            summary = sensitivity_assess(kind=options["kind"], t0=options["t0"], t1=options["t1"])
        except SensitivityInputError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(self.style.SUCCESS(str(summary)))
