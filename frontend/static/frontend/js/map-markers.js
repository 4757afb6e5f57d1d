// Each marker is a copy of its legend's drawing (includes/map_legend.html), label on top.
import { text } from "./map-text.js";

const Mark = L.DivIcon.extend({
  createIcon(old) {
    const div = L.DivIcon.prototype.createIcon.call(this, old);
    div.append(document.querySelector(`.map-legend [data-shape=${this.options.shape}]`).cloneNode(true));
    if (this.options.label) div.append(text(this.options.label));
    return div;
  },
});

export const mark = (shape, { label, size = 44, anchor } = {}) =>
  new Mark({ shape, label, className: `marker marker-${shape}`, iconSize: [size, size], iconAnchor: anchor });
