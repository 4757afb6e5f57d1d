from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from core.imports import ImportRejected
from events.demo import DEMO_ADMIN_USERNAME, demo_load, demo_remove


class Command(BaseCommand):
    help = (
        "Load the fictional demo territory Buurtegem (data/neighbourhoods/) with activities "
        "dated from today. Safe to run again."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--remove",
            action="store_true",
            help="Take the demo out again (before loading a real territory).",
        )

    def handle(self, *args, **options) -> None:
        if options["remove"]:
            try:
                removed = demo_remove(directory=settings.DEMO_DATA_DIR)
            except (ImportRejected, FileNotFoundError) as error:
                raise CommandError(f"The demo could not be removed: {error}") from None
            self.stdout.write(self.style.SUCCESS(f"Demo removed: {removed}"))
            return
        try:
            summary = demo_load(directory=settings.DEMO_DATA_DIR)
        except (ImportRejected, FileNotFoundError) as error:
            raise CommandError(f"The demo could not be loaded: {error}") from None
        self.stdout.write(self.style.SUCCESS(f"Demo loaded: {summary}"))
        if settings.DEBUG:
            self._ensure_demo_admin()

    def _ensure_demo_admin(self) -> None:
        """Development only (DEBUG): an admin account, so that `make run` needs no manual
        step before the admin can be opened."""
        from django.contrib.auth import get_user_model

        User = get_user_model()
        password = settings.DEMO_ADMIN_PASSWORD
        user, created = User.objects.get_or_create(
            username=DEMO_ADMIN_USERNAME, defaults={"is_staff": True, "is_superuser": True}
        )
        if created:
            user.set_password(password)
            user.save()
        self.stdout.write(f"Admin (development only): {DEMO_ADMIN_USERNAME} / {password}")
