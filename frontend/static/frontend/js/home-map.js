// Enhances the home page: the list works without JavaScript; the map adds the places.
const markers = JSON.parse(document.getElementById("places-data").textContent);

function addPlaces(map) {
  const bounds = [];
  for (const place of markers) {
    const marker = L.circleMarker([place.lat, place.lon], {
      radius: place.precision === "area" ? 14 : 7,
      weight: 2,
    });
    marker.bindTooltip(place.name);
    marker.addTo(map);
    bounds.push([place.lat, place.lon]);
  }
  if (bounds.length) {
    map.fitBounds(bounds, { padding: [20, 20], maxZoom: 15 });
  }
}

window.buurtwijzerMapInit = (map) => addPlaces(map);
if (window.buurtwijzerMap) {
  addPlaces(window.buurtwijzerMap);
}
