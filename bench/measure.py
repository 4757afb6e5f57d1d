"""How the benchmarks measure and report: app and reference calls alternated, p50 and p95,
the ratio against a target, and the table printed at the end."""

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class Metric:
    name: str
    target: str
    n: int = 0
    app_p50_ms: float | None = None
    app_p95_ms: float | None = None
    reference_p50_ms: float | None = None
    reference_p95_ms: float | None = None
    ratio_p50: float | None = None
    ratio_p95: float | None = None
    met: bool | None = None
    details: dict = field(default_factory=dict)


def percentile(values: list[float], p: float) -> float:
    """Linear interpolation between closest ranks (numpy's default)."""
    ordered = sorted(values)
    k = (len(ordered) - 1) * p / 100
    low = int(k)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (k - low)


def timed(call: Callable[[], object]) -> tuple[float, object]:
    started = time.perf_counter()
    result = call()
    return (time.perf_counter() - started) * 1000, result


def alternate(
    app: Callable[[int], object],
    reference: Callable[[int], object],
    *,
    repetitions: int,
    warmup: int,
) -> tuple[list[float], list[float]]:
    """A B A B ...: the i-th app and reference calls get the same argument i."""
    for i in range(warmup):
        app(i)
        reference(i)
    apps, references = [], []
    for i in range(repetitions):
        apps.append(timed(lambda i=i: app(i))[0])
        references.append(timed(lambda i=i: reference(i))[0])
    return apps, references


def summarise(metric: Metric, apps: list[float], references: list[float], *, limit) -> None:
    metric.n = len(references)
    metric.reference_p50_ms = round(statistics.median(references), 2)
    metric.reference_p95_ms = round(percentile(references, 95), 2)
    if not apps:
        return
    metric.app_p50_ms = round(statistics.median(apps), 2)
    metric.app_p95_ms = round(percentile(apps, 95), 2)
    metric.ratio_p50 = round(statistics.median(apps) / statistics.median(references), 2)
    metric.ratio_p95 = round(percentile(apps, 95) / percentile(references, 95), 2)
    metric.met = limit(metric)


def table(metrics: list[Metric]) -> str:
    def ms(value: float | None) -> str:
        return "—" if value is None else f"{value:.1f}"

    def ratio(value: float | None) -> str:
        return "—" if value is None else f"{value:.2f}×"

    header = (
        f"{'metric':<54} {'n':>3} {'app p50':>8} {'app p95':>8} {'ref p50':>8} "
        f"{'ref p95':>8} {'p50 ×':>7} {'p95 ×':>7}  target met"
    )
    lines = [header, "-" * len(header)]
    for m in metrics:
        met = {True: "yes", False: "NO", None: "no app"}[m.met]
        lines.append(
            f"{m.name:<54} {m.n:>3} {ms(m.app_p50_ms):>8} {ms(m.app_p95_ms):>8} "
            f"{ms(m.reference_p50_ms):>8} {ms(m.reference_p95_ms):>8} "
            f"{ratio(m.ratio_p50):>7} {ratio(m.ratio_p95):>7}  {met}"
        )
    return "\n".join(lines)
