"""Foro on a phone: the web app manifest, the service worker and its offline page."""
