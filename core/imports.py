"""Shared vocabulary of every import: the summary line and the error that stops an import."""

from dataclasses import dataclass, field

from django.core.management.base import CommandError, OutputWrapper


class ImportRejected(Exception):
    """The input cannot be imported; nothing was written. The message is one sentence."""

    def __init__(self, message: str, *, problems: list[str] | None = None) -> None:
        super().__init__(message)
        self.problems = problems or []


@dataclass
class ImportSummary:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    repaired: int = 0
    notes: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        line = (
            f"created {self.created}, updated {self.updated}, "
            f"unchanged {self.unchanged}, rejected {self.rejected}"
        )
        if self.repaired:
            line += f" (repaired {self.repaired} invalid geometries)"
        return line


def import_rejected_report(
    rejected: ImportRejected, *, stderr: OutputWrapper, summary: bool
) -> CommandError:
    """What an import command says when its input is rejected: every problem on stderr,
    with `summary` the summary line of an import that wrote nothing, and the CommandError
    (to raise) that ends the command with the rejection's sentence."""
    for problem in rejected.problems:
        stderr.write(f"  rejected {problem}")
    if summary and rejected.problems:
        stderr.write(str(ImportSummary(rejected=len(rejected.problems))))
    return CommandError(str(rejected))
