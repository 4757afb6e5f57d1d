// A "Print" button only where JavaScript runs; without it the browser's own menu prints.
for (const button of document.querySelectorAll("button[data-print]")) {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
}
