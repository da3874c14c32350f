// The table plan: drag a meeting onto another cell. The server moves it through the same
// service as the pick-a-slot form and answers with the redrawn plan, or with the reason it
// refused, which htmx swaps in without a reload. The listeners sit on the document so they
// keep working after each swap; htmx sends the CSRF token from the body's hx-headers.
(function () {
  "use strict";

  let dragged = null;

  function dropCell(event) {
    const cell = dragged && event.target.closest && event.target.closest(".plan-cell");
    // Dropping a meeting back where it is would move nothing.
    return cell && !cell.contains(dragged) ? cell : null;
  }

  function unmark() {
    document.querySelectorAll(".plan-cell.drop-over").forEach((cell) => {
      cell.classList.remove("drop-over");
    });
  }

  document.addEventListener("dragstart", (event) => {
    const meeting = event.target.closest && event.target.closest(".plan-meeting");
    if (!meeting || meeting.getAttribute("draggable") !== "true") {
      return;
    }
    dragged = meeting;
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", meeting.dataset.meeting);
  });

  document.addEventListener("dragend", () => {
    dragged = null;
    unmark();
  });

  document.addEventListener("dragover", (event) => {
    const cell = dropCell(event);
    if (!cell) {
      return;
    }
    event.preventDefault();
    event.dataTransfer.dropEffect = "move";
    if (!cell.classList.contains("drop-over")) {
      unmark();
      cell.classList.add("drop-over");
    }
  });

  document.addEventListener("drop", (event) => {
    const cell = dropCell(event);
    if (!cell) {
      return;
    }
    event.preventDefault();
    const url = dragged.dataset.drop;
    dragged = null;
    unmark();
    htmx.ajax("POST", url, {
      target: "#table-plan",
      swap: "outerHTML",
      values: { slot: cell.dataset.slot, table: cell.dataset.table },
    });
  });
})();
