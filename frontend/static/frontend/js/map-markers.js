// Each marker is a copy of its legend's drawing (includes/map_legend.html), label on top
// (a group's count is its name: a markercluster group has no title).
import { text } from "./map-text.js";

const Mark = L.DivIcon.extend({
  createIcon(old) {
    const div = L.DivIcon.prototype.createIcon.call(this, old);
    const { shape, label } = this.options;
    div.append(document.querySelector(`.map-legend [data-shape=${shape}]`).cloneNode(true));
    if (label) div.append(text(label));
    return div;
  },
});

export const mark = (shape, { label, size = 44, anchor } = {}) =>
  new Mark({ shape, label, className: `marker marker-${shape}`, iconSize: [size, size], iconAnchor: anchor });
