"""GET /healthz: JSON for monitors; 200 when the instance can serve, 503 when it cannot.

No login, no session cookie, no database write.
"""

from dataclasses import asdict

from flask import current_app, jsonify

from forum.health import services
from forum.health.blueprint import bp
from forum.web.session_cookie import leave_session_cookie_alone

SERVICE_UNAVAILABLE = 503


@bp.get("/healthz")
def healthz():
    leave_session_cookie_alone()
    health = services.check(
        current_app.config.get("REDIS_URL", ""), current_app.config["FORO_VERSION"]
    )
    response = jsonify({**asdict(health), "status": "ok" if health.healthy else "error"})
    response.status_code = 200 if health.healthy else SERVICE_UNAVAILABLE
    response.headers["Cache-Control"] = "no-store"
    return response
