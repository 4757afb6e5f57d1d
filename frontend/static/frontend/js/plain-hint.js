// While a worker types the summary or "what to expect", say how plainly it reads (sentence
// length, long words, a readability score in the text's language). It only advises: the
// form posts whatever the worker wrote. Without JavaScript the hint shows how the text read
// when the page was made.
const form = document.querySelector(".activity-form");
const url = JSON.parse(document.getElementById("plain-language-url").textContent);
const token = form.querySelector("input[name=csrfmiddlewaretoken]").value;
const hints = new Map(
  [...document.querySelectorAll("[data-plain-hint]")].map((hint) => [hint.dataset.plainHint, hint]),
);
const timers = new Map();
const latest = new Map();

function language() {
  const chosen = form.querySelector("input[name=text_language]:checked, select[name=text_language]");
  return chosen ? chosen.value : "nl";
}

async function refresh(name) {
  const field = form.elements[name];
  const hint = hints.get(name);
  if (!field || !hint) return;
  const ticket = (latest.get(name) || 0) + 1;
  latest.set(name, ticket);
  const data = new FormData();
  data.append("text", field.value);
  data.append("language", language());
  let body;
  try {
    const response = await fetch(url, {
      method: "POST",
      body: data,
      headers: { Accept: "application/json", "X-CSRFToken": token },
      credentials: "same-origin",
    });
    if (!response.ok) return;
    body = await response.json();
  } catch {
    return; // offline: the hint keeps what it said
  }
  if (latest.get(name) !== ticket) return; // an older answer arriving late
  const list = hint.querySelector("ul");
  const lines = body.advice.length ? body.advice : [hint.dataset.empty || ""];
  list.replaceChildren(
    ...lines.filter(Boolean).map((line) => {
      const item = document.createElement("li");
      item.textContent = line;
      return item;
    }),
  );
  hint.classList.toggle("reads-well", body.reads_well);
}

function later(name) {
  clearTimeout(timers.get(name));
  timers.set(name, setTimeout(() => refresh(name), 400));
}

form.addEventListener("input", (event) => {
  if (hints.has(event.target.name)) later(event.target.name);
});
form.addEventListener("change", (event) => {
  if (event.target.name === "text_language") for (const name of hints.keys()) refresh(name);
});
