// Progressive enhancement only: every page works without this file.
document.addEventListener("DOMContentLoaded", () => {
  // Moves focus to a form's error summary so that screen-reader users hear what to fix.
  const summary = document.querySelector(".error-summary");
  if (summary instanceof HTMLElement) summary.focus();

  setUpReadAloud();

  // Suggestions while typing in the search box: titles from the catalogue fill its datalist.
  const box = document.querySelector("input[data-suggest]");
  const list = box && document.getElementById(box.getAttribute("list") || "");
  if (!(box instanceof HTMLInputElement) || !list) return;
  let timer = 0;
  let asked = "";
  box.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const q = box.value.trim();
      if (q.length < 2 || q === asked) return;
      asked = q;
      try {
        const res = await fetch(`${box.dataset.suggest}?q=${encodeURIComponent(q)}`);
        if (!res.ok) return;
        const { items } = await res.json();
        list.replaceChildren(
          ...items.map((item) => {
            const option = document.createElement("option");
            option.value = item.title;
            return option;
          }),
        );
      } catch {
        // No suggestions is fine: the search itself does not need them.
      }
    }, 250);
  });
});

// A print button needs script; without it the button stays hidden and the browser's own menu prints.
document.addEventListener("DOMContentLoaded", () => {
  for (const button of document.querySelectorAll("button[data-print]")) {
    button.hidden = false;
    button.addEventListener("click", () => window.print());
  }
});

// 适老化 read-aloud: shown only where the browser can speak; reads the page's main content in Chinese.
function setUpReadAloud() {
  const button = document.querySelector("[data-read-aloud]");
  const main = document.getElementById("main");
  if (!(button instanceof HTMLButtonElement) || !main || !("speechSynthesis" in window)) return;
  const idle = button.textContent;
  button.hidden = false;
  button.addEventListener("click", () => {
    if (speechSynthesis.speaking) {
      speechSynthesis.cancel();
      button.textContent = idle;
      return;
    }
    // Long texts are cut by some engines: speak paragraph by paragraph. innerText, not textContent:
    // only what is shown, with a line break between blocks.
    // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is what should be read
    const parts = main.innerText
      .split(/\n+/)
      .map((p) => p.trim())
      .filter(Boolean);
    parts.forEach((text, i) => {
      const u = new SpeechSynthesisUtterance(text);
      u.lang = "zh-CN";
      if (i === 0) u.onstart = () => (button.textContent = "停止朗读");
      if (i === parts.length - 1) u.onend = () => (button.textContent = idle);
      speechSynthesis.speak(u);
    });
  });
  window.addEventListener("pagehide", () => speechSynthesis.cancel());
}
