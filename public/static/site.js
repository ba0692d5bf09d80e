// Progressive enhancement only: every page works without this file.
document.addEventListener("DOMContentLoaded", () => {
  // Moves focus to a form's error summary so that screen-reader users hear what to fix.
  const summary = document.querySelector(".error-summary");
  if (summary instanceof HTMLElement) summary.focus();

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
