// Drag-and-drop on the organizer's meeting grid (desktop): a layer over the move and swap
// forms, which keep working without it. While a meeting is dragged over a cell, the server
// says whether it may go there (GET .../grid/<id>/check, the services' own checks run and
// rolled back); a drop onto an allowed cell posts the move or swap form, a refused one does
// nothing and the cell says why.
(function () {
  "use strict";

  const grid = document.querySelector(".meeting-grid");
  const form = document.getElementById("grid-drop");
  if (!grid || !form) {
    return;
  }
  const status = document.getElementById("grid-drop-status");
  const DEBOUNCE_MS = 120; // a pointer crossing cells asks only where it stops

  let drag = null; // the meeting being dragged and the answers got for it, per cell
  let current = null; // the cell under the pointer
  let timer = null;

  function cellOf(target) {
    return target instanceof Element ? target.closest("td.grid-cell") : null;
  }

  function query(cell) {
    const other = cell.dataset.meeting;
    if (other && other !== drag.id) {
      return "other=" + encodeURIComponent(other);
    }
    return (
      "slot=" + encodeURIComponent(cell.dataset.slot) +
      "&table=" + encodeURIComponent(cell.dataset.tableId)
    );
  }

  function unknown() {
    return { allowed: false, action: "none", messages: [], label: grid.dataset.unknown };
  }

  // One request per cell and drag: the promise is kept, and its answer once it came.
  function ask(cell) {
    const key = query(cell);
    if (!drag.pending.has(key)) {
      const mine = drag;
      const answer = fetch(mine.checkUrl + "?" + key, {
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      })
        .then((response) => (response.ok ? response.json() : unknown()))
        .catch(unknown)
        .then((result) => {
          mine.answers.set(key, result);
          return result;
        });
      drag.pending.set(key, answer);
    }
    return drag.pending.get(key);
  }

  function clear(cell) {
    cell.classList.remove("grid-allowed", "grid-refused");
    cell.querySelectorAll(".grid-verdict").forEach((node) => node.remove());
  }

  function show(cell, answer) {
    clear(cell);
    cell.classList.add(answer.allowed ? "grid-allowed" : "grid-refused");
    const verdict = document.createElement("div");
    verdict.className = "grid-verdict";
    verdict.textContent = answer.label;
    cell.append(verdict);
    if (status) {
      status.textContent = answer.label;
    }
  }

  function enter(cell) {
    if (cell === current) {
      return;
    }
    if (current) {
      clear(current);
    }
    current = cell;
    clearTimeout(timer);
    const known = drag.answers.get(query(cell));
    if (known) {
      show(cell, known);
      return;
    }
    if (status) {
      status.textContent = grid.dataset.checking;
    }
    timer = setTimeout(() => {
      ask(cell).then((answer) => {
        if (drag && current === cell) {
          show(cell, answer);
        }
      });
    }, DEBOUNCE_MS);
  }

  function submit(mine, answer, cell) {
    const fields =
      answer.action === "swap"
        ? { other_id: cell.dataset.meeting }
        : { slot_id: cell.dataset.slot, table_id: cell.dataset.tableId };
    form.action = answer.action === "swap" ? mine.swapUrl : mine.moveUrl;
    Object.entries(fields).forEach(([name, value]) => {
      const input = document.createElement("input");
      input.type = "hidden";
      input.name = name;
      input.value = value;
      form.append(input);
    });
    form.submit();
  }

  document.addEventListener("dragstart", (event) => {
    const item =
      event.target instanceof Element
        ? event.target.closest('[draggable="true"][data-meeting-id]')
        : null;
    if (!item) {
      return;
    }
    grid.querySelectorAll(".grid-cell").forEach(clear);
    // The meeting's URLs from the one base the page carries (…/grid/), not one set per
    // meeting: a large grid's page stays small.
    const base = form.dataset.meetingsUrl + encodeURIComponent(item.dataset.meetingId);
    drag = {
      id: item.dataset.meetingId,
      checkUrl: base + "/check",
      moveUrl: base + "/move",
      swapUrl: base + "/swap",
      item: item,
      pending: new Map(),
      answers: new Map(),
    };
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", drag.id);
    item.classList.add("grid-dragging");
  });

  grid.addEventListener("dragover", (event) => {
    const cell = drag && cellOf(event.target);
    if (!cell) {
      return;
    }
    event.preventDefault(); // the drop is decided by the server's answer
    const known = drag.answers.get(query(cell));
    event.dataTransfer.dropEffect = known && !known.allowed ? "none" : "move";
    enter(cell);
  });

  // Leaving a cell stops its pending question; its verdict stays until another cell is
  // entered (a cancelled drop leaves the grid too, and the reason must stay in sight).
  grid.addEventListener("dragleave", (event) => {
    if (current && !current.contains(event.relatedTarget)) {
      clearTimeout(timer);
    }
  });

  grid.addEventListener("drop", (event) => {
    const cell = drag && cellOf(event.target);
    if (!cell) {
      return;
    }
    event.preventDefault();
    const mine = drag;
    clearTimeout(timer);
    ask(cell).then((answer) => {
      if (answer.allowed) {
        submit(mine, answer, cell);
      } else {
        show(cell, answer); // refused: nothing moves, and the cell keeps the reason
      }
    });
  });

  document.addEventListener("dragend", () => {
    if (!drag) {
      return;
    }
    drag.item.classList.remove("grid-dragging");
    grid.querySelectorAll(".grid-allowed").forEach(clear);
    drag = null;
    current = null;
  });
})();
