"""The delegate directory: only for approved delegates of the event and its organizers."""

from typing import NamedTuple

from flask import abort, render_template, request
from flask_babel import get_locale
from flask_login import current_user, login_required
from flask_sqlalchemy.pagination import Pagination

from forum.core.bilingual import local_name
from forum.core.labels import ORG_TYPE_LABELS
from forum.core.names import country_name, named_countries
from forum.core.text_search import plain, search_words
from forum.directory import listing
from forum.directory import services as directory
from forum.directory.blueprint import bp
from forum.registration.forms import spoken_language_choices
from forum.registration.models import OrganisationType, TagRole
from forum.web import pagination
from forum.web.access import my_registration, visible_event
from forum.web.pagination import requested_page


def _browsable_event(slug: str):
    event = visible_event(slug)
    # the viewer's registration as the menu's delegate links load it too: once a request
    if not directory.may_browse(event, current_user, my_registration(event)):
        abort(404)
    return event


class _Row(NamedTuple):
    """A directory row with every text already in the reader's language (the template prints
    them: no label, country name or translation looked up per row in Jinja)."""

    id: int
    name: str
    job_title: str | None
    organisation: str | None  # its name; None: no organisation line
    organisation_type: str
    country: str
    region: str | None
    sectors: list[str]


class _Shown(Pagination):
    """The pager's view of a directory page already read (listing.directory_page)."""

    def __init__(self, page: listing.DirectoryPage, rows: list[_Row]) -> None:
        super().__init__(
            page=page.page, per_page=page.per_page, max_per_page=None, error_out=False,
            rows=rows, total=page.total,
        )  # fmt: skip

    def _query_items(self) -> list:
        return self._query_args["rows"]

    def _query_count(self) -> int:
        return self._query_args["total"]


def _rows(items: list[listing.ListedDelegate], tags: dict[int, str], locale) -> list[_Row]:
    """Each delegate's texts in the reader's language; `tags`: the event's tags' names."""
    missing = {i for d in items for i in d.sector_ids if i not in tags}
    if missing:
        language = locale.language if locale else "es"
        tags = tags | {i: local_name(es, en, language) for i, es, en in listing.tags_named(missing)}
    type_labels = dict(_org_type_labels())
    countries = {code: country_name(code, locale) for code in {d.country for d in items}}
    return [
        _Row(
            d.id,
            d.name,
            d.job_title,
            d.organisation_name,
            type_labels.get(d.organisation_type, ""),
            countries[d.country],
            d.region,
            sorted(tags[i] for i in d.sector_ids),
        )  # fmt: skip
        for d in items
    ]


def _tag_choices(tags: list[tuple[int, str, str]], language: str) -> list[tuple[int, str]]:
    """The event's tags as (id, name in the reader's language), as forum.core.bilingual's
    by_label orders them."""
    labelled = [(id_, local_name(es, en, language)) for id_, es, en in tags]
    return sorted(labelled, key=lambda pair: (plain(pair[1]), pair[1]))


# Fixed lists whose names come from the message catalogue or CLDR: made once per language
_IN_LANGUAGE: dict[tuple[str, str], list] = {}


def _in_language(name: str, make) -> list:
    key = (name, str(get_locale()))
    if key not in _IN_LANGUAGE:
        _IN_LANGUAGE[key] = make()
    return _IN_LANGUAGE[key]


def _language_choices() -> list[tuple[str, str]]:
    """spoken_language_choices(), named and sorted once per language of the reader."""
    return _in_language("languages", spoken_language_choices)


def _org_type_labels() -> list[tuple[OrganisationType, str]]:
    """ORG_TYPE_LABELS translated, once per language of the reader."""
    return _in_language(
        "org_types", lambda: [(value, str(label)) for value, label in ORG_TYPE_LABELS.items()]
    )


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
    page = listing.directory_page(event, query, requested_page(), pagination.PER_PAGE)
    options = listing.filter_options(event)
    locale = get_locale()
    tags = _tag_choices(options.tags, locale.language if locale else "es")
    return render_template(
        "directory/index.html",
        event=event,
        pagination=_Shown(page, _rows(page.items, dict(tags), locale)),
        args=_filter_args(query),
        search_note=search_words(query.text).note,
        query=query,
        org_types=_org_type_labels(),
        tags=tags,
        languages=_language_choices(),
        countries=named_countries(options.countries, locale),
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
