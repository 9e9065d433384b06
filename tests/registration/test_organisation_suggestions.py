"""The organisation suggestions (views/organisations: the combobox's JSON) and the indexed
folded name they are looked up by (Organisation.name_key)."""

import pytest
import sqlalchemy as sa

from forum.registration.models import Organisation
from forum.registration.services import organisation_picker as picker
from tests.registration.test_organisation_picker import add_organisations

pytestmark = pytest.mark.usefixtures("during_registration")

SLUG = "hih-2023"
EN = {"Accept-Language": "en"}


@pytest.fixture
def event(create_event):
    return create_event()


def test_suggestions_ignore_case_and_accents(create_organisation):
    nahui = create_organisation("Ñahui Café")
    create_organisation("Cooperativa Ñuñoa", country="CL")
    create_organisation("Nahuel SA", country="AR")
    for typed in ("ñahui", "Ñahui", "NAHUI", "nahui", "  ñahui  "):
        assert picker.suggestions(typed) == [picker.Match(nahui.id, "Ñahui Café", "PE")], typed
    assert [m.name for m in picker.suggestions("CAFE ñahui")] == ["Ñahui Café"]
    assert [m.name for m in picker.suggestions("nahu")] == ["Nahuel SA", "Ñahui Café"]


def test_suggestions_need_two_characters_and_words(create_organisation):
    create_organisation("Ñahui Café")
    assert picker.suggestions("ñ") == []
    assert picker.suggestions("") == []
    assert picker.suggestions("%%") == []  # wildcards are letters to look for, not "anything"
    assert picker.suggestions("__") == []


def test_suggestions_at_most_ten_and_names_that_begin_with_it_first(db):
    add_organisations(
        db,
        [
            {"name": f"Cooperativa Agro {i:02d}", "type": "producer_org", "country": "PE"}
            for i in range(15)
        ]
        + [{"name": "Agro Norte", "type": "company", "country": "PE"}],
    )
    db.session.commit()
    found = [m.name for m in picker.suggestions("agro")]
    assert found == ["Agro Norte"] + [f"Cooperativa Agro {i:02d}" for i in range(9)]


def test_suggestions_endpoint_answers_ten_at_most_in_a_bounded_size(client, event, db):
    long_name = "Cooperativa Agraria Cafetalera de los Productores Ecológicos del Valle "
    add_organisations(
        db,
        [
            {"name": f"{long_name}{'Ñ' * 120}{i:03d}"[:200], "type": "company", "country": "PE"}
            for i in range(40)
        ],
    )
    db.session.commit()
    response = client.get(f"/events/{SLUG}/organisations/suggestions?q=valle", headers=EN)
    found = response.get_json()
    assert len(found) == 10
    assert found[0] == {
        "id": found[0]["id"],
        "name": f"{long_name}{'Ñ' * 120}000"[:200],
        "country": "PE",
        "label": "Peru",
    }
    # 10 names of 200 characters (non-ASCII escaped by the JSON encoder as \\u00d1)
    assert len(response.data) < 10 * (200 * 6 + 80)
    assert response.headers["Cache-Control"] == "private, no-store"


def test_suggestions_endpoint_takes_control_characters_and_long_text(
    client, event, create_organisation
):
    nahui = create_organisation("Ñahui Café")
    url = f"/events/{SLUG}/organisations/suggestions"
    bidi = client.get(f"{url}?q=%E2%80%AE%C3%B1ahui%E2%80%8B", headers=EN)
    assert [found["id"] for found in bidi.get_json()] == [nahui.id]
    assert client.get(f"{url}?q=%C3%B1a%00hui").status_code == 400  # refused app-wide
    assert client.get(f"{url}?q={'ñ' * 5000}").get_json() == []
    assert client.get(url).get_json() == []


def test_suggestions_endpoint_folds_like_the_form(client, event, create_organisation):
    nahui = create_organisation("Ñahui Café")
    answer = client.get(f"/events/{SLUG}/organisations/suggestions?q=nahui+cafe", headers=EN)
    assert answer.get_json() == [
        {"id": nahui.id, "name": "Ñahui Café", "country": "PE", "label": "Peru"}
    ]
    spanish = client.get(
        f"/events/{SLUG}/organisations/suggestions?q=Ñ", headers={"Accept-Language": "es"}
    )
    assert spanish.get_json() == []


def test_suggestions_after_registration_closed_only_for_delegates_editing_their_profile(
    client, event, create_organisation, create_user, create_registration, login, monkeypatch
):
    from datetime import UTC, datetime

    from forum.events import registration_window

    nahui = create_organisation("Ñahui Café")
    monkeypatch.setattr(registration_window, "utcnow", lambda: datetime(2023, 11, 1, tzinfo=UTC))
    url = f"/events/{SLUG}/organisations/suggestions?q=nahui"
    assert client.get(url).status_code == 404
    login(create_user(email="luis@agro.example"))
    assert client.get(url).status_code == 404
    user = create_user(email="ana@agro.example")
    create_registration(event, user=user)
    login(user)
    assert [found["id"] for found in client.get(url).get_json()] == [nahui.id]


def test_suggestions_endpoint_is_rate_limited(client, event, create_organisation):
    create_organisation("Ñahui Café")
    url = f"/events/{SLUG}/organisations/suggestions?q=na"
    statuses = [client.get(url, headers=EN).status_code for _ in range(61)]
    assert statuses == [200] * 60 + [429]


def test_the_name_key_follows_the_name(create_organisation, db):
    organisation = create_organisation("  Ñahui   CAFÉ ")
    assert organisation.name_key == "nahui cafe"
    organisation.name = "Cooperativa Ñuñoa"
    db.session.commit()
    assert db.session.scalar(sa.select(Organisation.name_key)) == "cooperativa nunoa"


# --- joining by name ---------------------------------------------------------------------


# --- indexed ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "condition",
    [picker.named("Ñahui Café"), picker._begins("nahu")],
    ids=["same name", "begins with"],
)
def test_lookups_by_name_can_use_the_name_key_index(condition, create_organisation, db):
    create_organisation("Ñahui Café")
    query = sa.select(Organisation.id).where(condition).order_by(Organisation.name_key)
    compiled = query.compile(db.engine, compile_kwargs={"literal_binds": True})
    if db.engine.dialect.name == "sqlite":
        plan = db.session.execute(sa.text(f"EXPLAIN QUERY PLAN {compiled}")).all()
    else:  # a table this small is read whole; without that choice, the index must serve
        db.session.execute(sa.text("SET LOCAL enable_seqscan = off"))
        plan = db.session.execute(sa.text(f"EXPLAIN {compiled}")).all()
    assert "ix_organisations_name_key" in " ".join(str(row) for row in plan)
    assert db.session.scalars(query).all() == [db.session.scalar(sa.select(Organisation.id))]
    db.session.rollback()
