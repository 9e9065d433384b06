"""The JSON API /api/v1: public programme and catalogue, and per-person tokens for a team."""


def init_app(app) -> None:
    """The API's blueprint takes no CSRF token (a token in a header authorizes it, never a
    cookie) and has its own rate limit per token (API_RATE_LIMIT)."""
    from flask import current_app

    from forum.api.auth import rate_limit_key
    from forum.api.views import bp
    from forum.extensions import csrf, limiter

    csrf.exempt(bp)
    app.config.setdefault("API_RATE_LIMIT", "600 per minute")  # a config without it
    # The limiter is one object for every app of the process (tests and the live server make
    # several): the blueprint's limit is declared once, or each request would count twice.
    if not getattr(bp, "rate_limited", False):
        limiter.limit(lambda: current_app.config["API_RATE_LIMIT"], key_func=rate_limit_key)(bp)
        bp.rate_limited = True
