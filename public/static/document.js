// A document page's print and share buttons. Progressive enhancement only: without this file the
// address is shown to copy by hand, the browser prints with the print stylesheet, and each
// article's number is a plain link to its anchor.
document.addEventListener("DOMContentLoaded", () => {
  const status = document.querySelector(".copy-status");
  const say = (text) => {
    if (status) status.textContent = text;
  };
  const copy = async (text) => {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch {
      return false;
    }
  };

  const printButton = document.querySelector("[data-print]");
  if (printButton instanceof HTMLButtonElement) {
    printButton.hidden = false;
    printButton.addEventListener("click", () => window.print());
  }

  // The printed date is the day of printing: the page itself may come from a cache.
  window.addEventListener("beforeprint", () => {
    const now = new Date();
    const day = [now.getFullYear(), now.getMonth() + 1, now.getDate()]
      .map((n) => String(n).padStart(2, "0"))
      .join("-");
    for (const el of document.querySelectorAll("[data-print-date]")) el.textContent = day;
  });

  const copyButton = document.querySelector("[data-copy]");
  const field = copyButton && document.getElementById(copyButton.getAttribute("data-copy") || "");
  if (copyButton instanceof HTMLButtonElement && field instanceof HTMLInputElement && navigator.clipboard) {
    copyButton.hidden = false;
    copyButton.addEventListener("click", async () => {
      if (await copy(field.value)) say("链接已复制。");
      else {
        field.select();
        say("无法自动复制，请按 Ctrl+C 复制已选中的链接。");
      }
    });
  }

  // An article's number links to its anchor; following it also copies the address to cite.
  for (const link of document.querySelectorAll(".doc-body a.anchor-link")) {
    link.addEventListener("click", async () => {
      const url = new URL(link.getAttribute("href") || "", window.location.href).href;
      if (!navigator.clipboard || !(await copy(url))) return;
      say(`已复制${link.textContent}的链接。`);
      // Shown beside the article itself, far from the status line at the top.
      link.setAttribute("data-copied", "");
      setTimeout(() => link.removeAttribute("data-copied"), 2000);
    });
  }
});
