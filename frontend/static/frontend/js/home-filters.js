// The home page's filters, enhanced. Without JavaScript everything works as plain links and
// a GET form; this opens the filters on wide screens, lets "Near me" ask for the location,
// and chooses "Choose dates" when a date is typed (the server applies typed dates anyway).

const config = JSON.parse(document.getElementById("home-map-config").textContent);
const form = document.getElementById("filters");
const details = form.querySelector(".filter-details");
const wide = window.matchMedia("(min-width: 56rem)");

// On a wide screen the filters have their own column: open them there.
if (wide.matches) {
  details.open = true;
}

// The date boxes are from_date_day, from_date_month, from_date_year, and the same for to_date.
form.addEventListener("change", (event) => {
  if (/^(from|to)_date_/.test(event.target.name) && event.target.value) {
    const dates = form.querySelector('input[name="when"][value="dates"]');
    if (dates) {
      dates.checked = true;
    }
  }
});

const nearMe = document.querySelector("[data-near-me]");
const nearStatus = document.getElementById("near-me-status");

function chooseNeighbourhood(message) {
  nearStatus.textContent = message;
  details.open = true;
  form.elements.area.focus();
}

if (nearMe && navigator.geolocation) {
  nearMe.setAttribute("role", "button");
  nearMe.addEventListener("click", (event) => {
    event.preventDefault();
    nearStatus.textContent = config.text.locating;
    navigator.geolocation.getCurrentPosition(
      (position) => {
        const { longitude, latitude } = position.coords;
        form.elements.near.value = `${longitude.toFixed(5)},${latitude.toFixed(5)}`;
        form.elements.area.value = "";
        form.submit();
      },
      () => chooseNeighbourhood(config.text.nearMeFailed),
      { timeout: 10000, maximumAge: 600000 },
    );
  });
} else if (nearMe) {
  // No location in this browser: the link leads to the neighbourhood choice.
  nearMe.addEventListener("click", () => {
    details.open = true;
  });
}
