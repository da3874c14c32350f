// What the pages do in the browser besides following links and posting forms, keyed by data-
// attributes: the Content-Security-Policy runs no inline handler (onclick=, hx-on), so the
// handlers are here. The listeners sit on the document, so they also serve what htmx swaps in.
(function () {
  "use strict";

  document.addEventListener("click", (event) => {
    const target = event.target;
    if (!(target instanceof Element)) {
      return;
    }
    if (target.closest("[data-print]")) {
      window.print();
    }
    // A field of text to copy, such as the calendar address: one tap selects all of it.
    const field = target.closest("[data-select-on-click]");
    if (field) {
      field.select();
    }
    // A button whose action cannot be undone asks first.
    const asking = target.closest("[data-confirm]");
    if (asking && !window.confirm(asking.dataset.confirm)) {
      event.preventDefault();
    }
  });

  // htmx swaps only 2xx answers; where a refusal (409, 422) is an answer to show too, the
  // target says so.
  document.addEventListener("htmx:beforeSwap", (event) => {
    const status = event.detail.xhr.status;
    if ((status === 409 || status === 422) && event.target.closest("[data-swap-refusals]")) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });

  // A form for one entry after another (the check-in desk): emptied and ready for the next.
  document.addEventListener("htmx:afterRequest", (event) => {
    const form = event.target.closest("form[data-reset-after-request]");
    if (!form) {
      return;
    }
    form.reset();
    const first = form.querySelector("input:not([type=hidden])");
    if (first) {
      first.focus();
    }
  });

  // A dialog that htmx fills opens when its content arrives.
  document.addEventListener("htmx:afterSwap", (event) => {
    const dialog = event.target.closest("dialog[data-open-on-swap]");
    if (dialog && !dialog.open) {
      dialog.showModal();
    }
  });
})();
