// Coverage dashboard: bars per area and work model (Chart.js), and a choropleth of one work
// model's walking-distance share (Leaflet). Both enhance tables that hold the same numbers.
import { text } from "./map-text.js";

const mapConfig = JSON.parse(document.getElementById("coverage-map-config").textContent);
const chartConfig = JSON.parse(document.getElementById("coverage-chart-config").textContent);

// The same scale as the table's heat map (frontend/views/dashboard.py, _heat).
function fill(share) {
  if (share === null || share === undefined) {
    return "#eee";
  }
  return `hsl(210, 65%, ${Math.round(97 - 57 * share)}%)`;
}

function drawChart() {
  const canvas = document.getElementById("coverage-chart");
  if (!canvas || typeof window.Chart === "undefined") {
    return;
  }
  const palette = ["#174a7c", "#2a9d8f", "#e9c46a", "#f4a261", "#e76f51", "#6d597a", "#8ab17d"];
  new window.Chart(canvas, {
    type: "bar",
    data: {
      labels: chartConfig.labels,
      datasets: chartConfig.datasets.map((dataset, i) => ({
        ...dataset,
        backgroundColor: palette[i % palette.length],
      })),
    },
    options: {
      maintainAspectRatio: false,
      animation: false,
      plugins: { title: { display: true, text: chartConfig.title } },
      scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
    },
  });
  canvas.dataset.drawn = "true";
}

async function getJson(url) {
  const response = await fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } });
  if (!response.ok) {
    throw new Error(`${url}: ${response.status}`);
  }
  return response.json();
}

async function drawMap(map) {
  const collections = await Promise.all(mapConfig.areasUrls.map(getJson));
  // Only the areas of the table (a parent may hold areas of another municipality's table).
  const features = collections
    .flatMap((collection) => collection.features)
    .filter((feature) => feature.properties.code in mapConfig.shares);
  const layer = L.geoJSON({ type: "FeatureCollection", features }, {
    style: (feature) => ({
      color: "#333",
      weight: 1,
      fillOpacity: 0.75,
      fillColor: fill(mapConfig.shares[feature.properties.code]),
    }),
    onEachFeature: (feature, shape) => {
      const share = mapConfig.shares[feature.properties.code];
      const value = share === null || share === undefined ? mapConfig.noData : `${Math.round(share * 100)} %`;
      shape.bindTooltip(text(feature.properties.name, ": ", value));
    },
  }).addTo(map);
  layer.eachLayer((shape) => {
    const share = mapConfig.shares[shape.feature.properties.code];
    shape.getElement()?.setAttribute("data-share", share === null || share === undefined ? "" : String(share));
  });
  if (layer.getBounds().isValid()) {
    map.fitBounds(layer.getBounds());
  }
}

drawChart();

window.buurtwijzerCoverageInit = (map) => {
  drawMap(map).catch((error) => console.error(error));
};
