"""One transaction per request: committed once when the request succeeds, else rolled back.

Services only flush. A request whose view answered with a success or a redirect is
committed here, once, after the view; an error answer (4xx, 5xx) is rolled back. A view
that catches a DomainError to show it on the form calls `undo(error)`, the one place where
a view gives up its changes. Work that must follow the commit (sending mails, starting a
document job) hangs on the session (forum.core.after_commit) and runs only if this commit
succeeds.
"""

from flask import Flask, Response, current_app, render_template
from flask_babel import gettext as _
from sqlalchemy.exc import SQLAlchemyError

from forum.api.errors import http_error, is_api_request
from forum.core.errors import DomainError
from forum.extensions import db
from forum.web.error_pages import database_unreachable, unavailable_page

CONFLICT = 409


def undo(error: DomainError) -> DomainError:
    """Give up what the request changed before a service refused; return the error to show."""
    db.session.rollback()
    return error


def finish(response: Response) -> Response:
    """Commit a successful request's changes, roll back a failed one's."""
    if response.status_code >= 400:
        db.session.rollback()
        return response
    try:
        db.session.commit()
    except SQLAlchemyError as error:
        db.session.rollback()
        if database_unreachable(error):  # the database went away: nothing saved, a 503
            current_app.logger.error("the database is unreachable at commit: %s", error)
            return http_error(503) if is_api_request() else unavailable_page()
        # A constraint broken by a concurrent request shows up only now: nothing was saved.
        current_app.logger.warning("commit failed at the end of a request", exc_info=True)
        if is_api_request():
            return http_error(CONFLICT)
        page = render_template(
            "errors.html",
            title=_("Nothing was saved"),
            message=_(
                "Someone else changed the same data at the same moment. "
                "Nothing was saved: go back, reload the page and try again."
            ),
        )
        return current_app.response_class(page, status=CONFLICT)
    return response


def init_app(app: Flask) -> None:
    app.after_request(finish)
