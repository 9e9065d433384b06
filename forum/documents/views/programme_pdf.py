"""The printed programme, as a PDF anyone who may see the event can download."""

from flask import Response
from flask_babel import get_locale

from forum.documents.blueprint import bp
from forum.documents.services import pdfs as documents
from forum.web.access import visible_event
from forum.web.public_cache import public_page


@bp.get("/events/<slug>/programme.pdf")
@public_page(seconds=300)
def programme_pdf(slug: str):
    event = visible_event(slug)
    pdf = documents.programme_pdf(event, locale=str(get_locale()))  # the viewer's language
    return Response(
        pdf,
        mimetype="application/pdf",
        headers={
            "Content-Disposition": f'inline; filename="programme-{event.slug}.pdf"',
            # Drafts are shown to their organizers only: no shared cache may keep them.
            "Cache-Control": "public, max-age=300" if event.is_public else "private, no-store",
        },
    )
