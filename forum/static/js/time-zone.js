// The viewer's time zone, as their browser knows it, so that pages can show their own clock
// beside the event's. Signed-in users: reported to the server (accounts.detected_time_zone)
// unless they chose a zone on the account page. Visitors: kept in a cookie the server checks.
// When the zone changed, a page that shows times is reloaded once to show them.
(function () {
  "use strict";
  var script = document.getElementById("time-zone-script");
  var zone;
  try {
    zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch (error) {
    return;
  }
  if (!script || !zone || zone.length > 64) {
    return;
  }
  var showsTimes = document.querySelector(".zoned, .zone-note") !== null;

  function reload() {
    if (showsTimes) {
      window.location.reload();
    }
  }

  var reportUrl = script.dataset.report;
  if (!reportUrl) {
    var name = script.dataset.cookie;
    var current = document.cookie.split("; ").find(function (c) {
      return c.indexOf(name + "=") === 0;
    });
    var value = encodeURIComponent(zone);
    if (current !== name + "=" + value) {
      document.cookie = name + "=" + value + "; path=/; max-age=31536000; SameSite=Lax";
      reload();
    }
    return;
  }
  if (script.dataset.chosen || script.dataset.stored === zone) {
    return;
  }
  var body = new URLSearchParams();
  body.set("timezone", zone);
  body.set("csrf_token", script.dataset.csrf);
  fetch(reportUrl, {
    method: "POST",
    body: body,
    credentials: "same-origin",
    headers: { Accept: "application/json" },
  })
    .then(function (response) {
      return response.ok ? response.json() : null;
    })
    .then(function (answer) {
      if (answer && answer.stored) {
        reload();
      }
    })
    .catch(function () {
      // Offline or refused: the event's clock is shown alone, which is still right.
    });
})();
