// Enhances the home page. The list and its filters work without JavaScript; this adds the
// map. Per viewport it asks the server what to draw: the places themselves (grouped on
// screen by leaflet.markercluster), or, when the viewport holds many, counts per grid cell
// built in PostGIS. Either way no viewport draws more than MAX_MARKERS markers.
// Clicking the map, or "Use my location", searches near that point with the form.

import { mark } from "./map-markers.js";
import { link, text } from "./map-text.js";

const MAX_MARKERS = 2000;
const CELL_PX = 64; // the server's cell size in screen pixels (places.queries)
const MAX_CELLS = 1900; // api.params.MAX_CLUSTER_CELLS
const MAX_POINTS = 1000;

// The map box shows from here on (site.css); Leaflet draws it at the page's load event.
document.documentElement.classList.add("map-ready");

const config = JSON.parse(document.getElementById("home-map-config").textContent);
const form = document.getElementById("filters");
const status = document.getElementById("map-status");

// Measurements for tests and bench/map_render.py: one entry per drawn viewport.
window.buurtwijzerMapTimings = [];

for (const element of document.querySelectorAll(".js-only")) {
  element.hidden = false;
}

function say(text) {
  status.textContent = text;
}

function searchNear(lon, lat) {
  form.elements.near.value = `${lon.toFixed(5)},${lat.toFixed(5)}`;
  form.elements.area.value = "";
  form.submit();
}

form.elements.area.addEventListener("change", () => {
  form.elements.near.value = "";
});

document.getElementById("locate").addEventListener("click", () => {
  if (!navigator.geolocation) {
    say(config.text.locateFailed);
    return;
  }
  say(config.text.locating);
  navigator.geolocation.getCurrentPosition(
    (position) => searchNear(position.coords.longitude, position.coords.latitude),
    () => say(config.text.locateFailed),
    { timeout: 10000, maximumAge: 600000 },
  );
});

function cellIcon(count) {
  // Stacked squares with a count (unlike a round place or a pin), at least 44 px.
  const size = Math.max(44, Math.round(30 + 8 * Math.log10(count)));
  return mark("group", { label: count >= 10000 ? `${Math.round(count / 1000)}k` : String(count), size });
}

const placeIcon = mark("place");

// A click (or Enter) on a place passes on to the map, which searches near that place.
function placeMarker(latlng, name) {
  return L.marker(latlng, { icon: placeIcon, title: name, alt: name, bubblingMouseEvents: true })
    .bindTooltip(text(name));
}

// The bounding box and zoom to ask for: the server refuses a zoom that would cut the box into
// more than MAX_CELLS cells (a very large screen), so ask for coarser cells then.
function viewport(map) {
  const bounds = map.getBounds();
  const size = map.getSize();
  let zoom = Math.round(map.getZoom());
  let scale = 1;
  while (zoom > 0 && (size.x / (CELL_PX * scale) + 2) * (size.y / (CELL_PX * scale) + 2) > MAX_CELLS) {
    zoom -= 1;
    scale *= 2;
  }
  const clamp = (value, limit) => Math.max(-limit, Math.min(limit, value));
  const bbox = [
    clamp(bounds.getWest(), 180),
    clamp(bounds.getSouth(), 85),
    clamp(bounds.getEast(), 180),
    clamp(bounds.getNorth(), 85),
  ].map((value) => value.toFixed(5));
  return { bbox: bbox.join(","), zoom };
}

function setUp(map) {
  const cells = L.layerGroup().addTo(map);
  const clusters = L.markerClusterGroup({
    showCoverageOnHover: false,
    // Synchronous: the markers are on the page when draw() returns (1,000 take a few ms).
    chunkedLoading: false,
    maxClusterRadius: 50,
    iconCreateFunction: (cluster) => cellIcon(cluster.getChildCount()),
  }).addTo(map);
  let controller = null;

  function draw(data) {
    cells.clearLayers();
    clusters.clearLayers();
    const features = data.features.slice(0, MAX_MARKERS);
    if (data.clustered) {
      for (const feature of features) {
        const [lon, lat] = feature.geometry.coordinates;
        const { count, name } = feature.properties;
        if (count === 1) {
          cells.addLayer(placeMarker([lat, lon], name));
          continue;
        }
        const label = `${count} ${config.text.places}`;
        const marker = L.marker([lat, lon], {
          icon: cellIcon(count),
          title: label,
          alt: label,
          bubblingMouseEvents: false,
        });
        marker.on("click", () => map.setView([lat, lon], Math.min(map.getZoom() + 2, map.getMaxZoom())));
        cells.addLayer(marker);
      }
    } else {
      clusters.addLayers(
        features.map((feature) => {
          const [lon, lat] = feature.geometry.coordinates;
          return placeMarker([lat, lon], feature.properties.name);
        }),
      );
    }
  }

  async function refresh() {
    const { bbox, zoom } = viewport(map);
    controller?.abort();
    controller = new AbortController();
    const url = `${config.clustersUrl}?bbox=${bbox}&zoom=${zoom}&max_points=${MAX_POINTS}`;
    let text;
    const started = performance.now();
    try {
      const response = await fetch(url, { headers: { Accept: "application/json" }, signal: controller.signal });
      if (!response.ok) {
        throw new Error(`${response.status}`);
      }
      text = await response.text();
    } catch (error) {
      if (error.name !== "AbortError") {
        say(config.text.loadFailed);
      }
      return;
    }
    const received = performance.now();
    const data = JSON.parse(text);
    const parsed = performance.now();
    draw(data);
    const drawn = performance.now();
    // The frame after the markers were added: layout and paint included.
    requestAnimationFrame(() =>
      setTimeout(() => {
        window.buurtwijzerMapTimings.push({
          url,
          bytes: text.length,
          clustered: data.clustered,
          features: data.features.length,
          total: data.total,
          fetchMs: received - started,
          parseMs: parsed - received,
          renderMs: drawn - received,
          paintedMs: performance.now() - received,
        });
        map.getContainer().dataset.drawn = String(window.buurtwijzerMapTimings.length);
      }),
    );
  }

  map.on("moveend", refresh);
  return refresh;
}

function addSearch(map) {
  const resultLayer = L.featureGroup().addTo(map);
  config.results.forEach((result, index) => {
    // One numbering: the marker's number is the activity's number in the list.
    const number = String(config.firstNumber + index);
    const label = `${number}. ${result.title}`;
    L.marker([result.lat, result.lon], {
      // The pin's point is on the place.
      icon: mark("result", { label: number, anchor: [22, 44] }),
      title: label,
      alt: label,
      zIndexOffset: 1000,
      bubblingMouseEvents: false,
    })
      .bindPopup(link(result.url, result.title))
      .addTo(resultLayer);
  });
  if (config.near) {
    const [lon, lat] = config.near;
    const circle = L.circle([lat, lon], {
      radius: config.radius,
      color: "#0072b2",
      weight: 2,
      dashArray: "6 4",
      fillOpacity: 0.05,
      interactive: false,
    }).addTo(map);
    L.marker([lat, lon], { icon: mark("point", { size: 28 }), title: config.text.youAreHere, interactive: false, keyboard: false })
      .addTo(map);
    map.fitBounds(circle.getBounds(), { padding: [10, 10] });
  } else if (resultLayer.getLayers().length) {
    map.fitBounds(resultLayer.getBounds(), { padding: [30, 30], maxZoom: 15 });
  } else if (config.extent) {
    const [west, south, east, north] = config.extent;
    map.fitBounds([[south, west], [north, east]], { padding: [10, 10] });
  }
  map.on("click", (event) => searchNear(event.latlng.lng, event.latlng.lat));
}

function addOutlines(map) {
  if (!config.areasUrl) {
    return;
  }
  map.createPane("outlines");
  map.getPane("outlines").style.zIndex = 350;
  fetch(config.areasUrl, { headers: { Accept: "application/json" } })
    .then((response) => (response.ok ? response.json() : null))
    .then((areas) => {
      if (areas) {
        L.geoJSON(areas, {
          pane: "outlines",
          interactive: false,
          style: { color: "#6b7a8a", weight: 1, opacity: 0.6, fill: false, dashArray: "4 3" },
        }).addTo(map);
      }
    })
    .catch(() => {});
}

function watchTiles(map) {
  map.eachLayer((layer) => {
    if (layer instanceof L.TileLayer) {
      let warned = false;
      layer.on("tileerror", () => {
        map.getContainer().classList.add("tiles-failed");
        if (!warned) {
          warned = true;
          say(config.text.tilesFailed);
        }
      });
    }
  });
}

// Without JavaScript there is no map, so its stylesheets wait in a <template> until now; they
// are in before the window's load event, on which django-leaflet draws the map.
const stylesheets = document.getElementById("map-stylesheets");
document.head.append(stylesheets.content.cloneNode(true));

function init(map) {
  window.buurtwijzerHomeMap = map; // for the browser tests and bench/map_render.py
  watchTiles(map);
  const refresh = setUp(map);
  addSearch(map);
  addOutlines(map);
  refresh();
}

window.buurtwijzerMapInit = init;
