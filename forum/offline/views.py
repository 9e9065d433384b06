"""The manifest, the service worker (served from the root so that its scope is the whole
site) and the page it shows for a page never opened before, when there is no network."""

from flask import current_app, jsonify, render_template, send_from_directory, url_for
from flask_babel import force_locale, get_locale
from flask_babel import gettext as _

from forum.offline import services
from forum.offline.blueprint import bp
from forum.web.session_cookie import leave_session_cookie_alone


@bp.get("/manifest.webmanifest")
def manifest():
    leave_session_cookie_alone()
    response = jsonify(
        services.manifest(
            lambda filename: url_for("static", filename=filename),
            url_for("events.index"),
            str(get_locale()),
        )
    )
    response.mimetype = "application/manifest+json"
    return response


@bp.get("/sw.js")
def service_worker():
    leave_session_cookie_alone()
    response = send_from_directory(
        current_app.static_folder + "/js", "service-worker.js", max_age=0
    )
    response.mimetype = "text/javascript"
    response.headers["Service-Worker-Allowed"] = "/"
    # Browsers look for a new worker at every visit; never a stale copy from a proxy.
    response.headers["Cache-Control"] = "no-cache"
    return response


def _offline_texts(language: str) -> dict[str, str]:
    with force_locale(language):
        return {
            "lang": language,
            "title": _("You are offline"),
            "body": _("You are offline; this page was not opened before."),
            "hint": _(
                "Pages you opened with a connection (your Today page, your meetings) can "
                "still be read. Try again when you are back online."
            ),
            "back": _("Back to the previous page"),
        }


@bp.get("/offline")
def offline_page():
    leave_session_cookie_alone()
    # Kept once by the service worker, whoever is signed in and whatever their language:
    # so it names nobody and says everything in every language of the site.
    first = str(get_locale())
    languages = sorted(current_app.config["LANGUAGES"], key=lambda code: code != first)
    page = render_template("offline/offline.html", texts=[_offline_texts(c) for c in languages])
    response = current_app.make_response(page)
    response.headers["Cache-Control"] = "no-cache"
    return response
