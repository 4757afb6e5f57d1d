"""What a sync of an outside source (a calendar feed, a UiT query) reports: the counts, the
error that stopped it, the events it skipped, and the line the commands print."""

from dataclasses import dataclass, field


@dataclass(kw_only=True)
class SyncResult:
    created: int = 0
    updated: int = 0
    cancelled: int = 0
    unchanged: int = 0
    error: str = ""
    # Events skipped for a reason of their own; the rest of the source still syncs.
    event_errors: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        raise NotImplementedError

    @property
    def failed(self) -> bool:
        return bool(self.error or self.event_errors)

    def counts_extra(self) -> str:
        """More counts for the line after the four above ("" for none)."""
        return ""

    def __str__(self) -> str:
        if self.error:
            return f"{self.name}: FAILED: {self.error}"
        text = (
            f"{self.name}: created {self.created}, updated {self.updated}, "
            f"cancelled {self.cancelled}, unchanged {self.unchanged}"
        ) + self.counts_extra()
        if self.event_errors:
            text += f"; {len(self.event_errors)} event(s) skipped: " + "; ".join(self.event_errors)
        return text


def results_report(
    command, results: list[SyncResult], *, dry_run: bool, what: str, others: str
) -> None:
    """Print each result on `command`'s output; raise CommandError naming the failed ones.
    `what` and `others` name the sources in the sentences ("calendar(s)", "calendars")."""
    from django.core.management import CommandError

    for result in results:
        style = command.style.ERROR if result.failed else command.style.SUCCESS
        command.stdout.write(style(str(result)))
    if dry_run:
        command.stdout.write("Dry run: nothing was changed.")
    failed = [result for result in results if result.failed]
    if failed:
        names = ", ".join(result.name for result in failed)
        raise CommandError(
            f"{len(failed)} of {len(results)} {what} could not be synced completely: "
            f"{names}. The other {others} were synced."
        )
    command.stdout.write(f"{len(results)} {what} synced.")
