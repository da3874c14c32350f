// The pickers' text boxes (common/pickers.py). htmx sends the typed text as `q`, whatever
// the box is named in its form; a suggestion clicked is copied into the box.
document.addEventListener("htmx:configRequest", (event) => {
  const box = event.detail.elt;
  if (box.dataset.suggestions === undefined) return;
  event.detail.parameters.q = box.value;
});

document.addEventListener("click", (event) => {
  const choice = event.target.closest("[data-suggestion]");
  if (!choice) return;
  const list = choice.closest("[data-suggestions-for]");
  const box = document.getElementById(list.dataset.suggestionsFor);
  box.value = choice.dataset.suggestion;
  list.replaceChildren();
  box.focus();
});
