/* Registers the service worker; asks it to keep the page a delegate needs offline (pages
 * marked data-offline-keep, with their images); forgets every kept page once signed out. */
"use strict";

(function () {
  if (!("serviceWorker" in navigator)) {
    return;
  }
  const body = document.body;
  const signedIn = body.dataset.signedIn === "1";

  function forgetKeptPages() {
    if ("caches" in window) {
      caches.keys().then((names) => Promise.all(
        names.filter((name) => name.startsWith("foro-pages-")).map((name) => caches.delete(name))));
    }
  }

  // Signed out (on a page the server has just rendered, not a copy shown offline): nothing
  // of the previous user's may stay on this phone.
  if (!signedIn && navigator.onLine && !document.querySelector(".offline-page")) {
    forgetKeptPages();
  }

  document.querySelectorAll("form[data-logout]").forEach((form) => {
    form.addEventListener("submit", forgetKeptPages);
  });
  document.querySelectorAll("[data-offline-back]").forEach((link) => {
    link.addEventListener("click", (event) => {
      if (history.length > 1) {
        event.preventDefault();
        history.back();
      }
    });
  });

  navigator.serviceWorker.register("/sw.js", { scope: "/" })
    .then(() => navigator.serviceWorker.ready)
    .then((registration) => {
      if (signedIn && body.dataset.offlineKeep === "1" && registration.active) {
        const images = Array.from(document.images, (img) => img.currentSrc || img.src)
          .filter((src) => src.startsWith(location.origin));
        registration.active.postMessage({ type: "keep", urls: [location.href, ...images] });
      }
    })
    .catch(() => undefined); // no worker (private mode, old browser): pages work as before
})();
