// Text for Leaflet popups, tooltips and divIcons. Leaflet inserts a *string* as HTML, so a
// place or area name such as `<img src=x onerror=…>` would run in the reader's browser.
// Every map script hands Leaflet DOM nodes built here instead: their text is set with
// textContent and can never become markup. (tests/frontend/test_map_text.py checks that no
// map script passes Leaflet a string of its own.)

/** A <span> holding the parts as plain text, for bindTooltip, bindPopup and divIcon html. */
export function text(...parts) {
  const span = document.createElement("span");
  span.textContent = parts.join("");
  return span;
}

/** A link with plain-text label; only same-site paths and http(s) URLs become a href. */
export function link(url, ...parts) {
  const anchor = document.createElement("a");
  const target = new URL(String(url), window.location.href);
  if (target.protocol === "http:" || target.protocol === "https:") {
    anchor.href = target.href;
  }
  anchor.textContent = parts.join("");
  return anchor;
}
