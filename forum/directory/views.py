"""The delegate directory: only for approved delegates of the event and its organizers."""

from flask import abort, render_template, request
from flask_login import current_user, login_required

from forum.core.labels import ORG_TYPE_LABELS
from forum.core.names import named_countries
from forum.core.text_search import search_words
from forum.directory import services as directory
from forum.directory.blueprint import bp
from forum.registration.forms import spoken_language_choices
from forum.registration.models import OrganisationType, TagRole
from forum.web.access import my_registration, visible_event
from forum.web.pagination import paginate


def _browsable_event(slug: str):
    event = visible_event(slug)
    # the viewer's registration as the menu's delegate links load it too: once a request
    if not directory.may_browse(event, current_user, my_registration(event)):
        abort(404)
    return event


@bp.get("/events/<slug>/delegates")
@login_required
def index(slug: str):
    event = _browsable_event(slug)
    org_type = request.args.get("type", "")
    query = directory.DirectoryQuery(
        text=request.args.get("q", ""),
        organisation_type=OrganisationType(org_type) if org_type in set(OrganisationType) else None,
        country=request.args.get("country", "")[:2].upper(),
        tag_id=request.args.get("tag", type=int),
        language=request.args.get("language", "")[:3],
    )
    return render_template(
        "directory/index.html",
        event=event,
        pagination=paginate(directory.search_query(event, query)),
        args=_filter_args(query),
        search_note=search_words(query.text).note,
        query=query,
        org_types=ORG_TYPE_LABELS,
        languages=spoken_language_choices(),
        countries=named_countries(directory.countries(event)),
        TagRole=TagRole,
    )


def _filter_args(query: directory.DirectoryQuery) -> dict:
    """The filters as query-string arguments, for the links to the other pages."""
    args = {
        "q": query.text,
        "type": query.organisation_type.value if query.organisation_type else "",
        "country": query.country,
        "tag": query.tag_id,
        "language": query.language,
    }
    return {key: value for key, value in args.items() if value}


@bp.get("/events/<slug>/delegates/<int:registration_id>")
@login_required
def profile(slug: str, registration_id: int):
    event = _browsable_event(slug)
    registration = directory.listed_delegate(event, registration_id)
    # a former delegate is in nobody's directory
    if registration is None or registration.is_erased:
        abort(404)
    return render_template(
        "directory/profile.html",
        event=event,
        delegate=registration,
        org_types=ORG_TYPE_LABELS,
        TagRole=TagRole,
    )
