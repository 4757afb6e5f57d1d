"""Measurements of the reach bars of the public site, shared by the browser tests: axe-core
violations, tap targets, horizontal overflow, keyboard reach, compressed page weight and
time to the first activity on a throttled network."""

import gzip
import json
import time
from pathlib import Path

from playwright.sync_api import Browser, CDPSession, Page

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = ROOT / "test-artifacts"
FIGURES = ARTIFACTS / "reach.json"

# Chrome DevTools' "Slow 3G" preset: 400 kbit/s down and up, 2,000 ms round trip.
SLOW_3G = {
    "offline": False,
    "downloadThroughput": 500 * 1000 / 8 * 0.8,
    "uploadThroughput": 500 * 1000 / 8 * 0.8,
    "latency": 400 * 5,
}
# Targets that WCAG 2.5.5 exempts: links inside a sentence, and the map's attribution.
TAP_TARGETS = """() => {
  const tooSmall = [];
  for (const el of document.querySelectorAll(
      'a[href], button, input:not([type=hidden]), select, textarea, summary, [role=button]')) {
    const box = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    if (!box.width || !box.height || style.visibility === 'hidden') continue;
    if (el.closest('.leaflet-control-attribution')) continue;
    // The skip link is a 1 px box until it has the focus (then it is 44 px high).
    if (el.classList.contains('govuk-skip-link') && document.activeElement !== el) continue;
    const block = el.closest('p, li, dd, td, figcaption');
    if (el.tagName === 'A' && block && block.textContent.trim() !== el.textContent.trim()) continue;
    // A checkbox or radio counts with its label when the label makes the target larger.
    let target = box;
    if (el.labels && el.labels.length) {
      const label = el.labels[0].getBoundingClientRect();
      if (label.width * label.height > box.width * box.height) target = label;
    }
    if (target.width < 44 || target.height < 44) {
      const name = (el.textContent || el.name || el.id).trim().slice(0, 40);
      const size = `${Math.round(target.width)}x${Math.round(target.height)}`;
      tooSmall.push(`${el.tagName.toLowerCase()} "${name}" ${size}`);
    }
  }
  return tooSmall;
}"""


def inject_axe(page: Page) -> None:
    """axe-core into the page, from the page's own origin, so that its Content-Security-
    Policy (script-src 'self') lets it run; an inline copy (add_script_tag(path=...)) would
    be a CSP violation."""
    origin = "/".join(page.url.split("/")[:3])
    url = f"{origin}/__test__/axe.min.js"
    page.route(url, lambda route: route.fulfill(path=AXE, content_type="text/javascript"))
    page.add_script_tag(url=url)


def axe_violations(page: Page, impacts=("serious", "critical")) -> list[str]:
    """axe-core's violations of the given impacts, as "rule: target" lines."""
    inject_axe(page)
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{violation['id']} ({violation['impact']}): {node['target']}"
        for violation in result["violations"]
        if violation["impact"] in impacts
        for node in violation["nodes"]
    ]


def tap_targets_too_small(page: Page) -> list[str]:
    return page.evaluate(TAP_TARGETS)


def horizontal_overflow(page: Page) -> int:
    """How many CSS pixels the page is wider than the viewport (0 when it fits)."""
    return page.evaluate(
        "() => Math.max(0, document.documentElement.scrollWidth - window.innerWidth)"
    )


def wider_than_viewport(page: Page) -> list[str]:
    """The elements that reach past the right edge, to say what overflows."""
    return page.evaluate(
        """() => [...document.querySelectorAll('body *')]
          .filter(el => el.getBoundingClientRect().right > window.innerWidth + 0.5
                  || (el.children.length === 0 && el.scrollWidth > el.clientWidth + 1
                      && getComputedStyle(el).overflowX === 'visible'))
          .map(el => `${el.tagName.toLowerCase()}.${el.className} right=${
            Math.round(el.getBoundingClientRect().right)}`).slice(0, 10)"""
    )


def keyboard_reachable(page: Page, *, steps: int = 80) -> set[str]:
    """Names of the elements that Tab reaches, from the top of the page."""
    reached: set[str] = set()
    page.locator("body").focus()
    for _ in range(steps):
        page.keyboard.press("Tab")
        reached.add(
            page.evaluate(
                "() => { const el = document.activeElement;"
                " return (el.getAttribute('aria-label') || el.labels?.[0]?.textContent"
                " || el.textContent || el.name || el.tagName).trim().slice(0, 60); }"
            )
        )
    return reached


def compressed_weight(responses: list, types=("document", "stylesheet")) -> dict[str, int]:
    """Bytes of the given resource types as a server would send them gzip-compressed
    (level 6, as nginx and Django's GZipMiddleware do), per URL."""
    weights = {}
    for response in responses:
        if response.request.resource_type in types and response.status == 200:
            weights[response.url] = len(gzip.compress(response.body(), compresslevel=6))
    return weights


def time_to_first(page: Page, url: str, selector: str, *, network: dict) -> float:
    """Seconds from navigation until `selector` is visible, on a throttled network."""
    session = page.context.new_cdp_session(page)
    session.send("Network.enable")
    session.send("Network.emulateNetworkConditions", network)
    started = time.perf_counter()
    page.goto(url, wait_until="commit")
    page.locator(selector).first.wait_for(state="visible", timeout=30_000)
    return time.perf_counter() - started


def throttle_service_workers(browser: Browser, page: Page, network: dict) -> CDPSession:
    """Put the service workers of the page's context on the same throttled network as the
    page: a page's emulated conditions do not reach the worker's own fetches (it is a target
    of its own). Keep the returned session open for as long as the throttling should last."""
    own = page.context.new_cdp_session(page)
    context_id = own.send("Target.getTargetInfo")["targetInfo"]["browserContextId"]
    own.detach()
    session = browser.new_browser_cdp_session()
    workers = [
        target["targetId"]
        for target in session.send("Target.getTargets")["targetInfos"]
        # A worker of another (closing) context may come without a browserContextId.
        if target["type"] == "service_worker" and target.get("browserContextId") == context_id
    ]
    assert workers, "no service worker is running"
    for target in workers:
        attached = session.send("Target.attachToTarget", {"targetId": target, "flatten": False})
        for number, (method, params) in enumerate(
            [("Network.enable", {}), ("Network.emulateNetworkConditions", network)], start=1
        ):
            message = json.dumps({"id": number, "method": method, "params": params})
            session.send(
                "Target.sendMessageToTarget",
                {"sessionId": attached["sessionId"], "message": message},
            )
    # The worker confirms the conditions only once it next uses the network: check that a
    # fetch of its own now takes a slow round trip.
    took = page.context.service_workers[0].evaluate(WORKER_ROUND_TRIP)
    assert took >= network["latency"], f"the worker's fetch took {took} ms: not throttled"
    return session


WORKER_ROUND_TRIP = """async () => {
  const started = performance.now();
  await fetch('/manifest.webmanifest', { cache: 'no-store' });
  return performance.now() - started;
}"""

# Run before the page's own scripts: the moment the first activity card is in the document,
# then the next frame (when it is painted), in milliseconds since the navigation started.
FIRST_ACTIVITY_IN_PAGE = """
new MutationObserver((_, observer) => {
  if (!document.querySelector('.activity-card')) return;
  observer.disconnect();
  requestAnimationFrame(() => setTimeout(() => { window.firstActivityMs = performance.now(); }));
}).observe(document, { childList: true, subtree: true });
"""


def record(name: str, value) -> None:
    """Keep a figure for the closing note in test-artifacts/reach.json."""
    ARTIFACTS.mkdir(exist_ok=True)
    figures = json.loads(FIGURES.read_text()) if FIGURES.exists() else {}
    figures[name] = value
    FIGURES.write_text(json.dumps(figures, indent=2, sort_keys=True))
