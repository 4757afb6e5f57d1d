// Reading offline (frontend/offline.py): register the service worker (/sw.js) and, on a page
// it answered from its saved copy, say so: "offline — last updated at HH:MM" (or "slow
// connection — …" when the network was only too slow to wait for). Browsers
// without service workers (or without JavaScript) get the site as it always was.
const notice = document.getElementById("offline-notice");

function show(since, slow) {
  const lang = document.documentElement.lang;
  const time = since.toLocaleTimeString(lang, { hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
  const today = since.toDateString() === new Date().toDateString();
  const date = since.toLocaleDateString(lang, { day: "numeric", month: "long" });
  const { dataset } = notice;
  const text = slow
    ? (today ? dataset.slowToday : dataset.slowEarlier)
    : (today ? dataset.today : dataset.earlier);
  notice.textContent = text.replace("{time}", time).replace("{date}", date);
  notice.hidden = false;
}

if (notice && "serviceWorker" in navigator) {
  const { offlineSince, offlineWhy } = document.documentElement.dataset;
  if (offlineSince) show(new Date(offlineSince), offlineWhy === "slow");
  // The worker showed the saved copy on a slow line, and has the fresh page now.
  navigator.serviceWorker.addEventListener("message", (event) => {
    if (event.data?.fresh !== location.href || notice.hidden || notice.querySelector("a")) return;
    const link = document.createElement("a");
    link.href = location.href;
    link.textContent = notice.dataset.fresh;
    notice.append(" ", link);
  });
  const controlled = Boolean(navigator.serviceWorker.controller);
  navigator.serviceWorker
    .register(notice.dataset.worker)
    .then(() => navigator.serviceWorker.ready)
    .then((registration) => {
      // Opened before the worker took over: it saves this page and the files it loaded.
      if (!controlled && registration.active) {
        const files = performance.getEntriesByType("resource").map((entry) => entry.name);
        // How long this page took to start arriving: the worker's first measure of the line.
        const [navigation] = performance.getEntriesByType("navigation");
        const roundTripMs = navigation ? navigation.responseStart - navigation.requestStart : NaN;
        registration.active.postMessage({ save: location.href, files, roundTripMs });
      }
    })
    .catch(() => {}); // no worker (private window, blocked storage): the site works as before
}
