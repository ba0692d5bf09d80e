// Progressive enhancement only: every page works without this file.
// Moves focus to a form's error summary so that screen-reader users hear what to fix.
document.addEventListener("DOMContentLoaded", () => {
  const summary = document.querySelector(".error-summary");
  if (summary instanceof HTMLElement) summary.focus();
});
