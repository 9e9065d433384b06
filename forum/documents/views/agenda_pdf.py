"""The delegate's own agenda as a PDF, to print or keep on the phone."""

from flask import Response
from flask_login import login_required

from forum.documents.blueprint import bp
from forum.documents.services import pdfs as documents
from forum.web.access import approved_registration


@bp.get("/events/<slug>/me/agenda.pdf")
@login_required
def agenda_pdf(slug: str):
    registration = approved_registration(slug)  # no agenda (nor badge code) before approval
    pdf = documents.agenda_pdf(registration)
    return Response(
        pdf,
        mimetype="application/pdf",
        headers={
            "Content-Disposition": f'inline; filename="agenda-{registration.event.slug}.pdf"',
            "Cache-Control": "private, no-store",  # personal data
        },
    )
