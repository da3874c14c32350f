// The pickers' text boxes (common/pickers.py). htmx sends the typed text as `q`, whatever
// the box is named in its form; a suggestion clicked is copied into the box, or, for a box
// of several choices, added above it as a ticked box of the same name.
document.addEventListener("htmx:configRequest", (event) => {
  const box = event.detail.elt;
  if (box.dataset.suggestions === undefined) return;
  event.detail.parameters.q = box.value;
});

function addChosen(box, label) {
  const chosen = document.querySelector(`[data-chosen-for="${CSS.escape(box.id)}"]`);
  const already = [...chosen.querySelectorAll("input")].find((tick) => tick.value === label);
  if (already) {
    already.checked = true;
    return;
  }
  const tick = document.createElement("input");
  tick.type = "checkbox";
  tick.name = box.name;
  tick.value = label;
  tick.checked = true;
  const name = document.createElement("label");
  name.append(tick, ` ${label}`);
  const item = document.createElement("li");
  item.append(name);
  chosen.append(item);
}

document.addEventListener("click", (event) => {
  const choice = event.target.closest("[data-suggestion]");
  if (!choice) return;
  const list = choice.closest("[data-suggestions-for]");
  const box = document.getElementById(list.dataset.suggestionsFor);
  if (box.dataset.multiple === undefined) {
    box.value = choice.dataset.suggestion;
  } else {
    addChosen(box, choice.dataset.suggestion);
    box.value = "";
  }
  list.replaceChildren();
  box.focus();
});
