import sqlalchemy as sa

from forum.extensions import db
from forum.mailings.services import audience as audiences
from forum.mailings.services.audience import Audience


def _names(cast, audience: Audience) -> list[str]:
    return [r.user.name for r in audiences.recipients(cast.event, audience)]


CASES = [
    ({}, ["Ana Quispe", "Bruno Banker", "Carla Cacao"]),  # approved by default
    ({"statuses": []}, ["Ana Quispe", "Bruno Banker", "Carla Cacao", "Diego Waiting"]),
    ({"statuses": ["waiting"]}, ["Diego Waiting"]),
    ({"statuses": ["approved", "waiting"], "tag": "coffee"}, ["Ana Quispe", "Diego Waiting"]),
    ({"participant_type": "Producer"}, ["Ana Quispe", "Carla Cacao"]),
    ({"participant_type": "Producer", "tag": "coffee"}, ["Ana Quispe"]),
    ({"countries": ["CO"]}, ["Bruno Banker"]),
    ({"countries": ["PE"], "tag": "cacao"}, ["Carla Cacao"]),
    ({"meetings": "with"}, ["Ana Quispe", "Bruno Banker"]),
    # Carla's only meeting was cancelled: she has none
    ({"meetings": "without"}, ["Carla Cacao"]),
    ({"statuses": [], "meetings": "without"}, ["Carla Cacao", "Diego Waiting"]),
    ({"checked_in": "yes"}, ["Ana Quispe"]),
    ({"checked_in": "no", "meetings": "with"}, ["Bruno Banker"]),
    ({"checked_in": "no", "countries": ["PE"], "participant_type": "Investor"}, []),
]


def test_filters_combine_into_exact_recipients(cast):
    for filters, expected in CASES:  # one small world for all of them
        _check(cast, filters, expected)


def _check(cast, filters, expected):
    audience = Audience(**{k: v for k, v in filters.items() if k in ("statuses",)})
    if "tag" in filters:
        audience.tag_ids = [getattr(cast, filters["tag"]).id]
    if "participant_type" in filters:
        types = {t.name_es: t.id for t in cast.event.participant_types}
        audience.participant_type_ids = [types[filters["participant_type"]]]
    audience.countries = filters.get("countries", [])
    audience.meetings = filters.get("meetings", "")
    audience.checked_in = filters.get("checked_in", "")

    assert _names(cast, audience) == expected, filters
    assert audiences.count(cast.event, audience) == len(expected)


def test_erased_and_unconfirmed_delegates_are_never_addressed(cast):
    everyone = Audience(statuses=[])
    names = _names(cast, everyone)
    assert "Erika Erased" not in names and "Sam Self" not in names


def test_the_audience_is_resolved_in_one_query(cast):
    statements = []

    def count_statement(*args):
        statements.append(args)

    audience = Audience(statuses=[], meetings="without", tag_ids=[cast.coffee.id])
    db.session.expire_all()
    event = db.session.get(type(cast.event), cast.event.id)
    sa.event.listen(db.engine, "before_cursor_execute", count_statement)
    try:
        people = audiences.recipients(event, audience)
        details = [(p.user.name, p.user.locale, p.organisation.name) for p in people]
    finally:
        sa.event.remove(db.engine, "before_cursor_execute", count_statement)
    assert details == [("Diego Waiting", "es", "Café Diego")]
    assert len(statements) == 1


def test_a_stored_audience_drops_values_it_does_not_know():
    audience = Audience.from_data(
        {"statuses": ["approved", "bogus"], "meetings": "maybe", "checked_in": "yes", "x": 1}
    )
    assert audience == Audience(statuses=["approved"], checked_in="yes")
