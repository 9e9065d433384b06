"""Many delegates clicking at once never overfill a session (run on PostgreSQL in CI)."""

import threading

import sqlalchemy as sa

from forum.registration.models import SeatStatus, SessionSeat
from tests.factories import PASSWORD


def test_twenty_simultaneous_sign_ups_for_five_seats(
    app, db, create_event, create_session, create_registration
):
    event = create_event()
    workshop = create_session(event, title="Taller de financiamiento", capacity=5)
    clients = []
    for _ in range(20):
        registration = create_registration(event)
        client = app.test_client()
        response = client.post(
            "/login", data={"email": registration.user.email, "password": PASSWORD}
        )
        assert response.status_code == 302
        clients.append(client)
    url = f"/events/{event.slug}/sessions/{workshop.id}/seat"
    barrier = threading.Barrier(len(clients))
    statuses: list[int] = []

    def click(client):
        barrier.wait()
        statuses.append(client.post(url).status_code)

    threads = [threading.Thread(target=click, args=(c,)) for c in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert sorted(statuses) == [302] * 20  # every click answered with a redirect, no error page
    counts = dict(
        db.session.execute(
            sa.select(SessionSeat.status, sa.func.count())
            .where(SessionSeat.session_id == workshop.id)
            .group_by(SessionSeat.status)
        ).all()
    )
    assert counts == {SeatStatus.SEATED: 5, SeatStatus.WAITING: 15}
