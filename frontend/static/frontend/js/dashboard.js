// Coverage dashboard: a choropleth of one work model's walking-distance share (Leaflet),
// with the areas' names on it. It enhances the matrix, which holds the same numbers; the
// colours are the matrix's classes (frontend/coverage_scale.py), sent in the configuration.
import { text } from "./map-text.js";

const mapConfig = JSON.parse(document.getElementById("coverage-map-config").textContent);

async function getJson(url) {
  const response = await fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } });
  if (!response.ok) {
    throw new Error(`${url}: ${response.status}`);
  }
  return response.json();
}

function known(share) {
  return share !== null && share !== undefined;
}

async function drawMap(map) {
  const collections = await Promise.all(mapConfig.areasUrls.map(getJson));
  // Only the areas of the table (a parent may hold areas of another municipality's table).
  const features = collections
    .flatMap((collection) => collection.features)
    .filter((feature) => feature.properties.code in mapConfig.shares);
  const layer = L.geoJSON({ type: "FeatureCollection", features }, {
    // "No residents known" is no colour of the scale: a light fill with a dashed outline.
    style: (feature) => {
      const share = mapConfig.shares[feature.properties.code];
      return {
        color: "#333",
        weight: known(share) ? 1 : 2,
        dashArray: known(share) ? null : "6 4",
        fillOpacity: 0.8,
        fillColor: mapConfig.fills[feature.properties.code] || mapConfig.noDataFill,
      };
    },
    onEachFeature: (feature, shape) => {
      const share = mapConfig.shares[feature.properties.code];
      const value = known(share) ? `${Math.round(share * 100)} %` : mapConfig.noData;
      // The name on the map itself; the share on hover and focus.
      shape.bindTooltip(text(feature.properties.name), {
        permanent: true,
        direction: "center",
        className: "area-label",
      });
      shape.bindPopup(text(feature.properties.name, ": ", value));
    },
  }).addTo(map);
  layer.eachLayer((shape) => {
    const share = mapConfig.shares[shape.feature.properties.code];
    const element = shape.getElement();
    element?.setAttribute("data-share", known(share) ? String(share) : "");
    element?.setAttribute("data-area", shape.feature.properties.code);
  });
  if (layer.getBounds().isValid()) {
    map.fitBounds(layer.getBounds());
  }
  // With many areas, names only from a closer zoom on: 140 names at once are a grey blot.
  const container = map.getContainer();
  const showLabels = () =>
    container.classList.toggle("area-labels-hidden", map.getZoom() < mapConfig.labelsFromZoom);
  map.on("zoomend", showLabels);
  showLabels();
  container.dataset.drawn = "true";
}

window.buurtwijzerCoverageInit = (map) => {
  drawMap(map).catch((error) => console.error(error));
};
