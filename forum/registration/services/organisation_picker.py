"""The organisation a delegate names on the registration and profile forms, by name alone.

The forms carry one text field, never the list of every organisation (1,830 of them in a
3,000-delegate forum). A name that matches one organisation, case and accents ignored
("ñahui cafe" is "Ñahui Café"), joins it; a name close to several (or to one that is not the
same name) comes back as a short choice; an unknown name makes a new organisation. Typing a
name joins an organisation, never renames or edits one: rights to others' data never come
from a field a delegate edits on their own.

Names are compared folded as core.text_search does (the same on SQLite and PostgreSQL),
through Organisation.name_key: the folded name, stored and indexed.
"""

from dataclasses import dataclass

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.exc import IntegrityError

from forum.core.errors import DomainError
from forum.core.savepoint import savepoint
from forum.core.text import one_line
from forum.core.text_search import fold, like_pattern, search_words
from forum.extensions import db
from forum.registration.models import Organisation, name_key

NEW = "new"  # the form's "none of these: create a new one" (and the old select's value)
SUGGESTION_LIMIT = 10  # what the suggestions endpoint answers at most
CHOICE_LIMIT = 10  # what the form offers to choose from at most
MIN_QUERY = 2  # characters before suggestions are looked up
LAST_CHARACTER = "\U0010ffff"  # sorts after any other (code point and UTF-8 byte order)


@dataclass(frozen=True)
class Match:
    """An organisation as a suggestion or a choice: its id, name and country code."""

    id: int
    name: str
    country: str


class OrganisationChoice(DomainError):
    """The name typed fits several organisations (or one, not exactly): the delegate chooses."""

    def __init__(self, name: str, matches: list[Match]) -> None:
        self.name = name
        self.matches = matches
        super().__init__(
            _(
                "Several organisations fit “%(name)s”: choose yours, or create a new one.",
                name=name,
            ),
            "org_choice",
        )


def organisation_id_of(text: str | None) -> int | None:
    """The id a form field names, or None: ASCII digits only ("²" is a digit to Python) and
    within the database's integers (a longer number is a 500 on PostgreSQL otherwise)."""
    text = (text or "").strip()
    if not (text.isascii() and text.isdigit()) or len(text) > 9:
        return None
    return int(text)


def normalised(name: str | None) -> str:
    """The name as stored: no control characters, inner runs of spaces made one, none at the
    ends."""
    return " ".join(one_line(name or "").split())


def same_name(organisation_name: str, typed: str) -> bool:
    """The two names are the same but for case, accents and spaces."""
    return name_key(organisation_name) == name_key(typed)


def _rows(condition: sa.ColumnElement[bool], limit: int) -> list[Match]:
    """In the order of the folded names, at most `limit`."""
    rows = db.session.execute(
        sa.select(Organisation.id, Organisation.name, Organisation.country)
        .where(condition)
        .order_by(Organisation.name_key, Organisation.id)
        .limit(limit)
    ).all()
    return [Match(*row) for row in rows]


def _begins(key: str) -> sa.ColumnElement[bool]:
    """The folded name begins with `key`: a range of the name_key index (byte order)."""
    return sa.and_(Organisation.name_key >= key, Organisation.name_key < key + LAST_CHARACTER)


def _holds(word: str) -> sa.ColumnElement[bool]:
    """The folded name holds the folded word (wildcards literal): a plain LIKE on the stored
    key, no folding function called per row."""
    return Organisation.name_key.like(like_pattern(word), escape="\\")


def _matching(text: str, limit: int) -> list[Match]:
    """Organisations whose name holds every word of `text` (case and accents ignored): the
    names that begin with the text first (from the index), then the others, each in order."""
    words = search_words(text)
    if not words:
        return []
    first = _rows(_begins(name_key(text)), limit)
    if len(first) == limit:
        return first
    others = sa.and_(*(_holds(word) for word in words.words))
    if first:
        others = sa.and_(others, Organisation.id.not_in([m.id for m in first]))
    return first + _rows(others, limit - len(first))


def suggestions(text: str | None, limit: int = SUGGESTION_LIMIT) -> list[Match]:
    """At most `limit` organisations for what is typed so far; none under MIN_QUERY letters."""
    text = normalised(text)[:200]
    if len(text) < MIN_QUERY:
        return []
    return _matching(text, limit)


def named(name: str) -> sa.ColumnElement[bool]:
    """SQL: the organisation's name is `name` but for case, accents and spaces (indexed)."""
    return Organisation.name_key == name_key(name)


def _exact(name: str) -> list[Match]:
    rows = db.session.execute(
        sa.select(Organisation.id, Organisation.name, Organisation.country)
        .where(named(name))
        .order_by(Organisation.name, Organisation.id)
        .limit(CHOICE_LIMIT)
    ).all()
    return [Match(*row) for row in rows]


def choices_for(name: str) -> list[Match]:
    """What the form offers for a typed name: the same names first, then close ones."""
    name = normalised(name)
    exact = _exact(name)
    close = [m for m in _matching(name, CHOICE_LIMIT) if m not in exact]
    return (exact + close)[:CHOICE_LIMIT]


def _fits(organisation: Organisation, name: str) -> bool:
    """The organisation is one the typed name may mean (every typed word in its name)."""
    found = fold(organisation.name)
    return all(word in found for word in search_words(name).words)


def pick_existing(
    name: str, country: str = "", organisation_id: int | None = None, choice: str = ""
) -> Organisation | None:
    """The existing organisation the delegate means, or None for a new one; raises
    OrganisationChoice when the name fits several (or one that is not the same name).

    `organisation_id` is the one picked among the suggestions (the form's hidden field) and
    counts only while the text still names it; `choice` the answer to an earlier choice
    (an id among the matches, or NEW)."""
    name = normalised(name)
    if choice == NEW:
        return None
    chosen_id = organisation_id_of(choice)
    if chosen_id is not None:
        chosen = db.session.get(Organisation, chosen_id)
        if chosen is not None and _fits(chosen, name):
            return chosen
    if organisation_id is not None:
        picked = db.session.get(Organisation, organisation_id)
        if picked is not None and (not name or same_name(picked.name, name)):
            return picked
        if not name:
            raise DomainError(_("Choose an organisation from the list."), "org_name")
    if not name:
        raise DomainError(_("Give the name of your organisation."), "org_name")
    # The same names are told from the list itself: another request may add one meanwhile,
    # and a second look could see what the first did not.
    matches = choices_for(name)
    exact = [m for m in matches if same_name(m.name, name)]
    if len(exact) == 1 and country in ("", exact[0].country):
        return db.session.get(Organisation, exact[0].id)
    if matches:
        raise OrganisationChoice(name, matches)
    return None


def create_once(organisation: Organisation) -> Organisation:
    """Add a new organisation; if another request has just added the same name and country
    (the unique constraint says so), that one."""
    db.session.flush()  # the caller's pending changes stay outside the savepoint
    try:
        with savepoint():
            db.session.add(organisation)
            db.session.flush()
    except IntegrityError:
        existing = db.session.scalar(
            sa.select(Organisation).where(
                Organisation.name == organisation.name,
                Organisation.country == organisation.country,
            )
        )
        if existing is None:
            raise
        return existing
    return organisation
