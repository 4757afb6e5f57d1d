// Live preview of the next dates while a worker fills in "When". Without JavaScript the
// "Show the next dates" button asks the server for the same preview.
const form = document.querySelector(".activity-form");
const url = JSON.parse(document.getElementById("preview-url").textContent);
const FIELDS = ["date", "start_time", "end_time", "ends_next_day", "repeat", "weekdays", "month_position", "until"];
const words = document.getElementById("preview-words");
const list = document.getElementById("preview-dates");
const problem = document.getElementById("preview-error");
// A date is three boxes (date_day, date_month, date_year): the field is the name without them.
const fieldOf = (name) => name.replace(/_(day|month|year)$/, "");
let timer = null;
let latest = 0;

async function refresh() {
  const data = new FormData(form);
  const query = new URLSearchParams();
  for (const [name, value] of data.entries()) {
    if (FIELDS.includes(fieldOf(name))) query.append(name, value);
  }
  if (!query.get("date_year") || !query.get("start_time") || !query.get("end_time")) return;
  const ticket = ++latest;
  let response;
  let body;
  try {
    response = await fetch(`${url}?${query}`, { headers: { Accept: "application/json" } });
    body = await response.json();
  } catch {
    return; // offline or cut short: the "Show the next dates" button still works
  }
  if (ticket !== latest) return; // an older answer arriving late
  list.replaceChildren();
  if (!response.ok) {
    words.textContent = "";
    problem.textContent = Object.values(body.errors || {}).flat().join(" ");
    return;
  }
  words.textContent = body.words;
  problem.textContent = body.error || "";
  for (const day of body.dates) {
    const item = document.createElement("li");
    item.textContent = day;
    list.append(item);
  }
}

function schedule(event) {
  if (!FIELDS.includes(fieldOf(event.target.name))) return;
  clearTimeout(timer);
  timer = setTimeout(refresh, 250);
}

form.addEventListener("input", schedule);
form.addEventListener("change", schedule);
refresh();
