"""What the screenshot tests need besides the browser: the references' folder and names, the
comparison with a small tolerance (Pillow, which WeasyPrint already brings), the diff image
written next to the actual screenshot, and the focus check run in the page."""

import os
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageChops

ROOT = Path(__file__).resolve().parents[2]
REFERENCES = Path(__file__).resolve().parent / "screenshots"
ARTIFACTS = ROOT / "test-artifacts" / "screenshots"
# `make screenshots` sets it: the test writes the reference instead of comparing with it.
UPDATE_VARIABLE = "BUURTWIJZER_UPDATE_SCREENSHOTS"
UPDATE_COMMAND = "make screenshots"

# A pixel differs when one of its channels moved by more than this (of 255): antialiasing
# noise stays below it, a changed colour or a moved edge does not.
CHANNEL_THRESHOLD = 32
# The share of differing pixels a screenshot may match its reference with. Runs on the same
# kind of machine give identical pixels (three runs, 162 comparisons, not one pixel off);
# 0.02 % leaves room for a few glyphs drawn differently, and a changed word (about 1,000
# pixels) still fails on a laptop's page of 1366 x 3000.
MAX_DIFFERENT_FRACTION = 0.0002
# Full-page screenshots stop here: the top of a long page shows the design, and the files
# stay small enough for git.
MAX_HEIGHT = 3000


def updating() -> bool:
    return os.environ.get(UPDATE_VARIABLE, "") not in ("", "0")


@dataclass
class Comparison:
    fraction: float  # of the reference's pixels, 1.0 when the sizes differ
    different_pixels: int
    diff: Image.Image | None  # the reference faded, the differing pixels in red

    @property
    def matches(self) -> bool:
        return self.fraction <= MAX_DIFFERENT_FRACTION


def compare(actual: Image.Image, reference: Image.Image) -> Comparison:
    """How much of `actual` (reduced as references are) differs from `reference`: pixels
    whose largest channel difference passes CHANNEL_THRESHOLD, as a fraction of all."""
    actual, reference = reduced(actual).convert("RGB"), reference.convert("RGB")
    if actual.size != reference.size:
        return Comparison(1.0, actual.width * actual.height, None)
    red, green, blue = ImageChops.difference(actual, reference).split()
    largest = ImageChops.lighter(ImageChops.lighter(red, green), blue)
    mask = largest.point(lambda value: 255 if value > CHANNEL_THRESHOLD else 0)
    different = mask.histogram()[255]
    faded = Image.blend(
        reference.convert("L").convert("RGB"), Image.new("RGB", reference.size, "white"), 0.6
    )
    faded.paste(Image.new("RGB", reference.size, (220, 0, 0)), mask=mask)
    return Comparison(different / (reference.width * reference.height), different, faded)


def reduced(image: Image.Image) -> Image.Image:
    """The screenshot in 256 colours, as references are kept: a third of the bytes of a
    full-colour PNG. Median cut keeps the flat colours of the page (backgrounds, borders,
    text) within a few steps; only some antialiased edges move further. The same picture
    always gives the same result, so a new screenshot is reduced the same way before it is
    compared with its reference."""
    return image.convert("RGB").quantize(
        256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE
    )


def reference_save(actual: Image.Image, path: Path) -> bool:
    """Write `actual` as the reference at `path` unless the reference there already has
    exactly its pixels (so that an unchanged page leaves git nothing to commit)."""
    image = reduced(actual)
    if path.exists():
        with Image.open(path) as old:
            old_rgb, new_rgb = old.convert("RGB"), image.convert("RGB")
            if old.size == image.size and not ImageChops.difference(old_rgb, new_rgb).getbbox():
                return False
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, format="PNG", compress_level=9)
    return True


def artifact_save(image: Image.Image, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    image.convert("RGB").save(path, format="PNG", compress_level=1)


# The styles that can show focus. Before the first Tab, how every element looks unfocused
# is kept in the page (a WeakMap), so that each focused element is compared with itself.
FOCUS_KEYS = (
    "['outlineStyle', 'outlineWidth', 'outlineColor', 'boxShadow', 'borderTopColor',"
    " 'borderBottomColor', 'borderBottomWidth', 'backgroundColor', 'color', 'textDecorationLine']"
)
FOCUS_BEFORE = """() => {
  window.__unfocused = new WeakMap();
  for (const el of document.querySelectorAll('body *')) {
    const s = getComputedStyle(DRAWN(el), PSEUDO(el));
    window.__unfocused.set(el, Object.fromEntries(KEYS.map(k => [k, s[k]])));
  }
}"""
# govuk-frontend's checkboxes and radios hide the input itself (opacity 0, still focusable
# and read) and draw the box, and the focus ring around it, with the label's ::before and
# ::after: for those, the label's pseudo-element is what a person sees focused.
DRAWN = (
    "(el => el.matches('.govuk-checkboxes__input, .govuk-radios__input')"
    " && el.labels?.length ? el.labels[0] : el)"
)
PSEUDO = (
    "(el => el.matches('.govuk-checkboxes__input') ? '::before'"
    " : el.matches('.govuk-radios__input') ? '::before' : null)"
)
FOCUS_BEFORE = (
    FOCUS_BEFORE.replace("KEYS", FOCUS_KEYS).replace("DRAWN", DRAWN).replace("PSEUDO", PSEUDO)
)
# How a control is named in the test's report; a group of radio buttons is one stop for Tab
# (the arrow keys choose within it), so it is named by the group.
CONTROL_KEY = (
    "(el => el.type === 'radio' ? `radio ${el.name}`"
    " : (el.id || el.name || el.textContent.trim().slice(0, 40)))"
)
# The element Tab reached: its name, whether it is visible, whether it has an outline, and
# which of those styles differ from its unfocused self.
FOCUS_STATE = """() => {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return null;
  const drawn = DRAWN(el);
  const s = getComputedStyle(drawn, PSEUDO(el));
  const focused = Object.fromEntries(KEYS.map(k => [k, s[k]]));
  const unfocused = window.__unfocused?.get(el);
  const box = drawn.getBoundingClientRect();
  const visible = box.width > 0 && box.height > 0
    && drawn.checkVisibility({opacityProperty: true, visibilityProperty: true});
  const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
  const changed = unfocused ? KEYS.filter(k => focused[k] !== unfocused[k]) : [];
  const label = (el.getAttribute('aria-label') || el.labels?.[0]?.textContent || el.textContent
    || el.value || el.name || el.id || '').trim().replace(/\\s+/g, ' ').slice(0, 50);
  const name = `${el.tagName.toLowerCase()}${el.type ? '[' + el.type + ']' : ''} "${label}"`;
  // The first element reached again: Tab went round the page. One already seen: Tab
  // moved inside it (a date input's day, month and year).
  const first = el.hasAttribute('data-tab-first');
  if (!document.querySelector('[data-tab-first]')) el.setAttribute('data-tab-first', '');
  const seen = el.hasAttribute('data-tab-seen');
  el.setAttribute('data-tab-seen', '');
  const control = el.hasAttribute('data-control') ? CONTROL_KEY(el) : null;
  return {name, visible, outline, changed, first, seen, control};
}""".replace("KEYS", FOCUS_KEYS).replace("CONTROL_KEY", CONTROL_KEY)
FOCUS_STATE = FOCUS_STATE.replace("DRAWN", DRAWN).replace("PSEUDO", PSEUDO)
