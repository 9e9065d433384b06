// The organisation field of the registration and profile forms as a combobox (WAI-ARIA
// combobox with a listbox popup): suggestions as one types, from
// /events/<slug>/organisations/suggestions; picking one fills the hidden organisation_id.
// Without this script the form works as well: the server joins the name typed, or asks.
(function () {
  "use strict";

  var MIN_QUERY = 2;
  var PAUSE = 200; // ms of quiet typing before a lookup

  function setUp(root) {
    var input = root.querySelector("#org_name");
    var listbox = root.querySelector("#org_name-listbox");
    var status = root.querySelector("#org_name-status");
    var picked = root.querySelector("#org_name-picked");
    var hidden = document.getElementById("organisation_id");
    var newOrganisation = document.getElementById("new-organisation");
    if (!input || !listbox || !hidden) return;

    var options = [];
    var active = -1;
    var timer = null;
    var asked = 0; // the latest lookup: older answers arriving late are dropped

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-controls", listbox.id);
    input.setAttribute("aria-expanded", "false");

    function isOpen() {
      return input.getAttribute("aria-expanded") === "true";
    }

    function close() {
      listbox.classList.add("d-none");
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function highlight(index) {
      options.forEach(function (option, i) {
        var on = i === index;
        option.element.classList.toggle("active", on);
        option.element.setAttribute("aria-selected", on ? "true" : "false");
      });
      active = index;
      if (index >= 0) {
        input.setAttribute("aria-activedescendant", options[index].element.id);
        options[index].element.scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function showPicked(on) {
      if (!picked) return;
      picked.textContent = on ? picked.getAttribute("data-picked") : "";
      picked.classList.toggle("d-none", !on);
    }

    function pick(index) {
      var found = options[index].found;
      input.value = found.name;
      hidden.value = String(found.id);
      close();
      showPicked(true);
      if (newOrganisation) newOrganisation.open = false;
    }

    function show(found) {
      listbox.textContent = "";
      options = found.map(function (organisation, i) {
        var element = document.createElement("li");
        element.id = "org_name-option-" + i;
        element.className = "list-group-item list-group-item-action";
        element.setAttribute("role", "option");
        element.setAttribute("aria-selected", "false");
        element.textContent = organisation.name + " (" + organisation.label + ")";
        // mousedown, not click: it comes before the input loses focus
        element.addEventListener("mousedown", function (event) {
          event.preventDefault();
          pick(i);
        });
        listbox.appendChild(element);
        return { element: element, found: organisation };
      });
      active = -1;
      if (options.length) {
        listbox.classList.remove("d-none");
        input.setAttribute("aria-expanded", "true");
      } else {
        close();
      }
      if (status) {
        status.textContent = options.length
          ? root.getAttribute("data-found").replace("%(num)d", options.length)
          : root.getAttribute("data-none");
      }
    }

    function lookUp() {
      var text = input.value.trim();
      if (text.length < MIN_QUERY) {
        options = [];
        close();
        return;
      }
      var ticket = ++asked;
      var url = root.getAttribute("data-suggestions") + "?q=" + encodeURIComponent(text);
      fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
        .then(function (response) {
          return response.ok ? response.json() : [];
        })
        .then(function (found) {
          if (ticket === asked && document.activeElement === input) show(found);
        })
        .catch(function () {
          close(); // offline or refused: the form still works without suggestions
        });
    }

    input.addEventListener("input", function () {
      hidden.value = ""; // a changed name no longer names the organisation picked
      showPicked(false);
      clearTimeout(timer);
      timer = setTimeout(lookUp, PAUSE);
    });

    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown") {
        event.preventDefault();
        if (!isOpen() && options.length) {
          listbox.classList.remove("d-none");
          input.setAttribute("aria-expanded", "true");
        }
        if (options.length) highlight((active + 1) % options.length);
      } else if (event.key === "ArrowUp") {
        event.preventDefault();
        if (options.length && isOpen()) {
          highlight(active <= 0 ? options.length - 1 : active - 1);
        }
      } else if (event.key === "Enter") {
        if (isOpen() && active >= 0) {
          event.preventDefault(); // picks; does not send the form
          pick(active);
        }
      } else if (event.key === "Escape") {
        if (isOpen()) {
          event.preventDefault();
          close();
        }
      }
    });

    input.addEventListener("blur", function () {
      close();
    });
  }

  function start() {
    document.querySelectorAll(".organisation-picker").forEach(setUp);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
