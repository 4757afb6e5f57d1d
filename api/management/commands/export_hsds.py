from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from api.hsds.export import FILES, export_directory
from core.language import content_languages


class Command(BaseCommand):
    help = (
        "Write the whole directory as Open Referral HSDS 3.0 JSON files, one per object type "
        f"({', '.join(name + '.json' for name in FILES)}), for open-data portals: published "
        "activities only, places as the public sees them."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help="The folder to write into (made when missing).")
        parser.add_argument(
            "--base-url",
            default=settings.SITE_URL,
            help=f"The site's public address, for the links in the files (default SITE_URL: "
            f"{settings.SITE_URL}).",
        )
        parser.add_argument(
            "--language",
            default=content_languages()[0],
            choices=content_languages(),
            help="Language of the texts Buurtwijzer writes (work models, schedules in words).",
        )

    def handle(self, *args, **options) -> None:
        folder = Path(options["path"])
        if folder.exists() and not folder.is_dir():
            raise CommandError(f"{folder} is a file, not a folder: give a folder to write into.")
        base_url = options["base_url"]
        if not base_url.startswith(("http://", "https://")):
            raise CommandError(f"--base-url must start with http:// or https://, not {base_url!r}.")
        try:
            folder.mkdir(parents=True, exist_ok=True)
            counts = export_directory(folder, base_url=base_url, language=options["language"])
        except OSError as error:
            raise CommandError(f"Cannot write into {folder}: {error.strerror}.") from None
        for name, count in counts.items():
            self.stdout.write(f"{folder / (name + '.json')}: {count}")
