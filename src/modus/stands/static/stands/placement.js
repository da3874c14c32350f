// Dragging stands on a hall's plan: each drag snaps to whole grid units and writes the
// position into the form's number fields, which the form then posts. Without this script
// the numbers alone place the stands.
(function () {
  "use strict";
  var svg = document.querySelector("svg.hall-editor");
  if (!svg) return;
  var hallWidth = Number(svg.dataset.width), hallHeight = Number(svg.dataset.height);

  function field(stand, axis) {
    return document.getElementById("id_" + axis + "_" + stand.dataset.stand);
  }
  function size(stand) {
    var rect = stand.querySelector("rect");
    return { w: Number(rect.getAttribute("width")), h: Number(rect.getAttribute("height")) };
  }
  function place(stand, x, y) {
    var s = size(stand);
    x = Math.max(0, Math.min(hallWidth - s.w, Math.round(x)));
    y = Math.max(0, Math.min(hallHeight - s.h, Math.round(y)));
    stand.setAttribute("transform", "translate(" + x + " " + y + ")");
    field(stand, "x").value = x;
    field(stand, "y").value = y;
  }
  function point(event) {
    var p = svg.createSVGPoint();
    p.x = event.clientX;
    p.y = event.clientY;
    return p.matrixTransform(svg.getScreenCTM().inverse());
  }

  svg.querySelectorAll(".plan-stand").forEach(function (stand) {
    var grab = null;
    stand.addEventListener("pointerdown", function (event) {
      var p = point(event);
      grab = { dx: p.x - Number(field(stand, "x").value), dy: p.y - Number(field(stand, "y").value) };
      stand.setPointerCapture(event.pointerId);
      stand.classList.add("dragging");
      event.preventDefault();
    });
    stand.addEventListener("pointermove", function (event) {
      if (!grab) return;
      var p = point(event);
      place(stand, p.x - grab.dx, p.y - grab.dy);
    });
    function drop() {
      grab = null;
      stand.classList.remove("dragging");
    }
    stand.addEventListener("pointerup", drop);
    stand.addEventListener("pointercancel", drop);
    // Arrow keys move a focused stand by one unit.
    stand.addEventListener("keydown", function (event) {
      var moves = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };
      var move = moves[event.key];
      if (!move) return;
      place(stand, Number(field(stand, "x").value) + move[0], Number(field(stand, "y").value) + move[1]);
      event.preventDefault();
    });
    ["x", "y"].forEach(function (axis) {
      field(stand, axis).addEventListener("change", function () {
        var x = Number(field(stand, "x").value), y = Number(field(stand, "y").value);
        stand.setAttribute("transform", "translate(" + x + " " + y + ")");
      });
    });
  });
})();
