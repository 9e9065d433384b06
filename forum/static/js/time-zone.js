// The viewer's time zone, as their browser knows it, so that pages can show their own clock
// beside the event's. Kept in a cookie the server checks (visitors, and signed-in users
// before their zone is stored); reported to the server (accounts.detected_time_zone) for a
// signed-in user who has not chosen a zone on the account page. No reload: the next page
// shows the local times (a reload could pull a page away from under someone typing).
(function () {
  "use strict";
  const script = document.getElementById("time-zone-script");
  let zone = "";
  try {
    zone = Intl.DateTimeFormat().resolvedOptions().timeZone || "";
  } catch (error) {
    return;
  }
  // IANA names are letters, digits and _ + - /: safe in a cookie as they are.
  if (!script || !/^[A-Za-z0-9_+\-/]{1,64}$/.test(zone)) {
    return;
  }

  const name = script.dataset.cookie;
  if (!document.cookie.split("; ").includes(name + "=" + zone)) {
    document.cookie = name + "=" + zone + "; path=/; max-age=31536000; SameSite=Lax";
  }

  const reportUrl = script.dataset.report;
  if (!reportUrl || script.dataset.chosen || script.dataset.stored === zone) {
    return;
  }
  const body = new URLSearchParams();
  body.set("timezone", zone);
  body.set("csrf_token", script.dataset.csrf);
  fetch(reportUrl, {
    method: "POST",
    body: body,
    credentials: "same-origin",
    headers: { Accept: "application/json" },
  }).catch(function () {
    // Offline: the cookie already gives the pages the local times; the report waits.
  });
})();
