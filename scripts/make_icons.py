"""Render the app icons of the web app manifest from frontend/static/frontend/favicon.svg
with Debian's Chromium (Playwright): 192 and 512 pixels, and a 512-pixel "maskable" icon
whose drawing stays inside the safe zone that phones cut to a circle or a squircle.

    .venv/bin/python scripts/make_icons.py
"""

import re
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "frontend" / "static" / "frontend" / "favicon.svg"
ICONS = ROOT / "frontend" / "static" / "frontend" / "icons"


def maskable(svg: str) -> str:
    """The same drawing on a full square: the rounded background becomes a square 40 units
    wide with the 32-unit drawing in its middle, inside the 80% safe circle."""
    svg = svg.replace('viewBox="0 0 32 32"', 'viewBox="-4 -4 40 40"')
    return re.sub(
        r"<rect [^>]*/>", '<rect x="-4" y="-4" width="40" height="40" fill="#174a7c"/>', svg
    )


def main() -> None:
    svg = SOURCE.read_text()
    ICONS.mkdir(exist_ok=True)
    wanted = [
        ("icon-192.png", svg, 192),
        ("icon-512.png", svg, 512),
        ("maskable-512.png", maskable(svg), 512),
    ]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=["--no-sandbox"]
        )
        for name, drawing, size in wanted:
            page = browser.new_page(viewport={"width": size, "height": size})
            sized = drawing.replace("<svg ", f'<svg width="{size}" height="{size}" ', 1)
            page.set_content(f'<body style="margin:0;background:transparent">{sized}</body>')
            page.locator("svg").screenshot(path=str(ICONS / name), omit_background=True)
            page.close()
            print(ICONS / name)
        browser.close()


if __name__ == "__main__":
    main()
