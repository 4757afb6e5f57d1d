"""No map script gives Leaflet a string to insert as HTML (issue 20, finding 1).

Leaflet puts a string passed to bindTooltip, bindPopup, setContent or a divIcon's `html` into
the page as HTML. Every map script therefore passes a node from frontend/js/map-text.js;
this test keeps it so for scripts written later. tests/browser/test_hostile_names.py checks
the same in the browser, with hostile names on every map.
"""

import re
from pathlib import Path

import pytest

JS = Path(__file__).resolve().parents[2] / "frontend" / "static" / "frontend" / "js"
HELPER = "map-text.js"
# Leaflet calls whose argument becomes HTML when it is a string, and divIcon's html option.
SINKS = re.compile(
    r"\.(?:bindTooltip|bindPopup|setContent|setTooltipContent|setPopupContent)\(\s*|\bhtml:\s*"
)
SAFE_START = re.compile(r"(?:text|link)\(")
RAW_HTML = re.compile(r"\.(?:innerHTML|outerHTML)\b|insertAdjacentHTML|document\.write")


def html_sinks(source: str) -> list[str]:
    """The places in a script where Leaflet or the DOM would parse something as HTML."""
    found = []
    for match in SINKS.finditer(source):
        if not SAFE_START.match(source, match.end()):
            line = source.count("\n", 0, match.start()) + 1
            found.append(f"line {line}: {source[match.start() : match.end() + 40].strip()}")
    for match in RAW_HTML.finditer(source):
        line = source.count("\n", 0, match.start()) + 1
        found.append(f"line {line}: {match.group()}")
    return found


def scripts() -> list[Path]:
    return sorted(path for path in JS.glob("*.js") if path.name != HELPER)


@pytest.mark.parametrize("script", scripts(), ids=lambda path: path.name)
def test_map_scripts_give_leaflet_nodes_not_html(script: Path):
    source = script.read_text(encoding="utf-8")
    assert html_sinks(source) == [], f"{script.name}: use text()/link() from {HELPER}"
    if SINKS.search(source):
        assert f'from "./{HELPER}"' in source


def test_the_check_catches_the_old_tooltip():
    # The line of sensitivity-map.js that let a place name run as a script.
    assert html_sinks("shape.bindTooltip(`${feature.properties.name}: ${label}`);")
    assert html_sinks("L.divIcon({ html: `<span>${count}</span>` })")
    assert html_sinks("span.innerHTML = name;")
    assert not html_sinks("shape.bindTooltip(text(feature.properties.name));")
