// "Read aloud": the page's main text (the elements marked data-read-aloud-text) spoken by the
// browser's own speech synthesis, each part in the language it is written in. Shown only
// when the browser can speak and has a voice for the text's language; without JavaScript
// the controls stay hidden.
const controls = document.querySelector("[data-read-aloud]");
const synthesis = window.speechSynthesis;

function voiceFor(language) {
  const wanted = language.toLowerCase().split("-")[0];
  return synthesis
    .getVoices()
    .find((voice) => voice.lang.toLowerCase().replace("_", "-").split("-")[0] === wanted);
}

// Chromium stops an utterance after about 15 seconds: speak sentence by sentence.
function sentences(text) {
  return text.match(/[^.!?…]+[.!?…]*/g)?.map((part) => part.trim()).filter(Boolean) || [];
}

function parts() {
  return [...document.querySelectorAll("[data-read-aloud-text]")].flatMap((element) => {
    const language = element.closest("[lang]")?.lang || document.documentElement.lang;
    return sentences(element.innerText).map((text) => ({ text, language }));
  });
}

function start() {
  const language = controls.dataset.lang;
  const play = controls.querySelector("[data-read=play]");
  const pause = controls.querySelector("[data-read=pause]");
  const stop = controls.querySelector("[data-read=stop]");
  let queue = [];

  function idle() {
    queue = [];
    play.disabled = false;
    pause.disabled = true;
    stop.disabled = true;
    pause.textContent = pause.dataset.pauseLabel;
    pause.setAttribute("aria-pressed", "false");
  }

  function next() {
    const part = queue.shift();
    if (!part) return idle();
    const utterance = new SpeechSynthesisUtterance(part.text);
    utterance.lang = part.language;
    const voice = voiceFor(part.language) || voiceFor(language);
    if (voice) utterance.voice = voice;
    utterance.addEventListener("end", next);
    utterance.addEventListener("error", idle);
    synthesis.speak(utterance);
  }

  play.addEventListener("click", () => {
    synthesis.cancel();
    queue = parts();
    play.disabled = true;
    pause.disabled = false;
    stop.disabled = false;
    next();
  });
  pause.addEventListener("click", () => {
    if (synthesis.paused) {
      synthesis.resume();
      pause.textContent = pause.dataset.pauseLabel;
      pause.setAttribute("aria-pressed", "false");
    } else {
      synthesis.pause();
      pause.textContent = pause.dataset.resumeLabel;
      pause.setAttribute("aria-pressed", "true");
    }
  });
  stop.addEventListener("click", () => {
    queue = [];
    synthesis.cancel();
    idle();
  });
  window.addEventListener("pagehide", () => synthesis.cancel());
  controls.hidden = false;
}

function showWhenVoiced() {
  if (!controls.hidden) return;
  if (voiceFor(controls.dataset.lang)) start();
}

if (controls && synthesis && window.SpeechSynthesisUtterance) {
  // Voices arrive late in some browsers: look again when they change.
  showWhenVoiced();
  synthesis.addEventListener?.("voiceschanged", showWhenVoiced);
}
