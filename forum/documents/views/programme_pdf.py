"""The printed programme, as a PDF anyone who may see the event can download."""

from flask import Response
from flask_babel import get_locale
from flask_login import current_user

from forum.documents.blueprint import bp
from forum.documents.services import pdfs as documents
from forum.projects.services.catalogue import may_view_catalogue
from forum.web.access import visible_event
from forum.web.public_cache import public_page


@bp.get("/events/<slug>/programme.pdf")
@public_page(seconds=300)
def programme_pdf(slug: str):
    event = visible_event(slug)
    # The pitch catalogue (titles, organisations, amounts sought) only for those who may see
    # the project catalogue: with it set to delegates only, the public gets the sessions alone.
    with_pitches = may_view_catalogue(event, current_user)
    options = documents.DocumentOptions(pitch_catalogue=with_pitches)
    pdf = documents.programme_pdf(event, options, locale=str(get_locale()))  # viewer's language
    shared = event.is_public and event.projects_public  # the same file for everyone
    return Response(
        pdf,
        mimetype="application/pdf",
        headers={
            "Content-Disposition": f'inline; filename="programme-{event.slug}.pdf"',
            # Drafts are shown to their organizers only, and a delegates-only catalogue to
            # delegates: no shared cache may keep those.
            "Cache-Control": "public, max-age=300" if shared else "private, no-store",
        },
    )
