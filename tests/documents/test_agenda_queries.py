"""A personal agenda loads what it prints in a few statements, however many meetings it has:
it is downloaded again and again, and its HTML is built each time (to find its PDF in Redis)."""

import pytest
import sqlalchemy as sa
from sqlalchemy.orm import joinedload

from forum.documents.services.agenda import agendas_for
from forum.events.models import Event
from forum.extensions import db
from forum.registration.models import Registration
from tests.documents.test_agenda_cache import AGENDA, _signed_in
from tests.factories import build_forum
from tests.query_count import count_statements

# The seats with their sessions and rooms joined (were 3 statements), the meetings with their
# slots, tables, rooms and requests joined (were 5), the requests' colleagues, the
# participants with their registrations, users and organisations joined (were 4), the
# pitches with their sessions and projects (3): 7 statements, were 16 (the view: 10, were 19).
AGENDA_STATEMENTS = 7
# and the view's own: the signed-in session, the event with the delegate's registration
VIEW_STATEMENTS = AGENDA_STATEMENTS + 2


@pytest.fixture
def forum(create_event):
    return build_forum(create_event())


def _agenda_statements(event_id: int, ids: list[int]) -> int:
    """Statements of agendas_for for these delegates, loaded as the view has them."""
    db.session.expunge_all()  # nothing already loaded hides a statement
    event = db.session.get(Event, event_id)
    registrations = db.session.scalars(
        sa.select(Registration)
        .where(Registration.id.in_(ids))
        .options(joinedload(Registration.user), joinedload(Registration.organisation))
    ).all()
    with count_statements(db) as counted:
        agendas = agendas_for(event, registrations)
    assert all(list(a.entries) for a in agendas)
    return counted.total


def test_agendas_load_in_the_same_statements_for_one_delegate_or_many(forum):
    people = [forum.ana.id, forum.bruno.id, forum.carla.id, forum.diego.id]

    one = _agenda_statements(forum.event.id, people[:1])
    four = _agenda_statements(forum.event.id, people)

    assert one == four == AGENDA_STATEMENTS, (one, four)


def test_the_agenda_download_runs_a_fixed_number_of_statements(app, forum):
    ana = _signed_in(app, forum.ana)
    ana.get(AGENDA)

    with count_statements(db) as counted:
        response = ana.get(AGENDA)

    assert response.status_code == 200 and response.data.startswith(b"%PDF-")
    assert counted.total == VIEW_STATEMENTS, counted.statements
