// Workers' map: areas coloured by sensitivity type, activities' places on top.
import { mark } from "./map-markers.js";
import { text } from "./map-text.js";

const config = JSON.parse(document.getElementById("sensitivity-config").textContent);

async function getJson(url) {
  const response = await fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } });
  if (!response.ok) {
    throw new Error(`${url}: ${response.status}`);
  }
  return response.json();
}

async function draw(map) {
  const [areas, assessments] = await Promise.all([
    getJson(config.areasUrl),
    getJson(config.sensitivityUrl),
  ]);
  const typeOf = new Map(assessments.map((row) => [row.code, row.type]));
  const layer = L.geoJSON(areas, {
    style: (feature) => ({
      color: "#333",
      weight: 1,
      fillOpacity: 0.6,
      fillColor: config.colours[typeOf.get(feature.properties.code) || "none"],
    }),
    onEachFeature: (feature, shape) => {
      const type = typeOf.get(feature.properties.code) || "none";
      shape.bindTooltip(text(feature.properties.name, ": ", config.labels[type]));
      shape.getElement?.()?.setAttribute("data-type", type);
    },
  }).addTo(map);
  layer.eachLayer((shape) => {
    const type = typeOf.get(shape.feature.properties.code) || "none";
    shape.getElement()?.setAttribute("data-type", type);
  });
  if (layer.getBounds().isValid()) {
    map.fitBounds(layer.getBounds());
    const bounds = layer.getBounds();
    const bbox = [bounds.getWest(), bounds.getSouth(), bounds.getEast(), bounds.getNorth()].join(",");
    const places = await getJson(`${config.placesUrl}?bbox=${bbox}`);
    // The same round places as on the home map, explained by the same legend.
    const placeIcon = mark("place");
    L.geoJSON(places, {
      pointToLayer: (feature, latlng) =>
        L.marker(latlng, { icon: placeIcon, title: feature.properties.name }).bindTooltip(text(feature.properties.name)),
    }).addTo(map);
  }
}

window.buurtwijzerSensitivityInit = (map) => {
  for (const element of document.querySelectorAll(".js-only")) {
    element.hidden = false;
  }
  draw(map).catch((error) => console.error(error));
};
