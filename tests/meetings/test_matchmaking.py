from datetime import UTC, datetime, timedelta

import pytest

from forum.meetings.services import expiry
from forum.meetings.services import requests as meeting_requests
from forum.meetings.services.matchmaking import recommend, seeks_financing
from forum.registration.models import (
    OrganisationType,
    RegistrationStatus,
    RegistrationTag,
    Tag,
    TagRole,
)

T = OrganisationType
NOW = datetime(2023, 10, 1, 12, 0, tzinfo=UTC)


@pytest.fixture
def event(create_event):
    return create_event()


@pytest.fixture
def forum(db, event, create_user, create_registration, create_organisation):
    """Crafted profiles around Rosa, a coffee cooperative of Cajamarca that seeks credit."""
    tags = {
        name: Tag(event=event, name_es=name)
        for name in ("café", "cacao", "financiamiento", "asistencia técnica")
    }
    db.session.add_all(tags.values())
    orgs = {
        "coop": create_organisation(name="Cooperativa Frontera San Ignacio"),
        "fund": create_organisation(name="Andes Impact Fund", type=T.INVESTOR, country="US"),
        "gore": create_organisation(
            name="Gobierno Regional de Cajamarca", type=T.REGIONAL_GOVERNMENT
        ),
        "piura": create_organisation(
            name="Gobierno Regional de Piura", type=T.REGIONAL_GOVERNMENT, region="Piura"
        ),
        "buyer": create_organisation(
            name="Maison du Café", type=T.COMPANY, country="FR", region=""
        ),
        "midagri": create_organisation(
            name="Ministerio de Desarrollo Agrario y Riego", type=T.NATIONAL_GOVERNMENT, region=""
        ),
        "produce": create_organisation(
            name="Ministerio de la Producción", type=T.NATIONAL_GOVERNMENT, region=""
        ),
        "bank": create_organisation(name="Caja Rural Los Andes", type=T.INVESTOR, region="Puno"),
    }

    def person(key, name, org, languages="es", sector=(), offer=(), seek=(), **kw):
        user = create_user(email=f"{key}@x.example", name=name)
        registration = create_registration(
            event, user=user, organisation=orgs[org], spoken_languages=languages, **kw
        )
        registration.tag_links = [
            RegistrationTag(tag=tags[tag], role=role)
            for role, names in (
                (TagRole.SECTOR, sector),
                (TagRole.OFFER, offer),
                (TagRole.SEEK, seek),
            )
            for tag in names
        ]
        return registration

    people = {
        "rosa": person(
            "rosa", "Rosa Huamán", "coop", "es,qu", sector=["café", "cacao"],
            offer=["café", "cacao"], seek=["financiamiento", "asistencia técnica"],
            seeks="Crédito para renovar cafetales",
        ),
        "pedro": person("pedro", "Pedro Chávez", "coop", offer=["financiamiento"]),
        "john": person(
            "john", "John Miller", "fund", "en,es", sector=["café"], offer=["financiamiento"],
            ticket_min=200_000, ticket_max=2_000_000,
        ),
        "luis": person("luis", "Luis Ccori", "gore", offer=["asistencia técnica"]),
        "piura": person("piura", "Ana Sullón", "piura"),
        "claire": person("claire", "Claire Dubois", "buyer", "fr,en", seek=["café", "cacao"]),
        "carla": person("carla", "Carla Vega", "midagri"),
        "beatriz": person("beatriz", "Beatriz Rojas", "produce"),
        "pending": person(
            "pending", "Pending Investor", "fund", offer=["financiamiento"],
            status=RegistrationStatus.SUBMITTED,
        ),
    }  # fmt: skip
    db.session.commit()
    return people


def ranking(recommendations):
    return [(r.registration.user.name, r.score, r.reasons) for r in recommendations]


def test_recommendations_for_a_cooperative_are_ranked_with_reasons(forum):
    assert ranking(recommend(forum["rosa"])) == [
        (
            "John Miller",
            22,
            [
                "You seek financiamiento; they offer financiamiento",
                "You both work in café",
                "You seek financing; they invest USD 200,000–2,000,000 per deal",
            ],
        ),
        (
            "Luis Ccori",
            18,
            [
                "You seek asistencia técnica; they offer asistencia técnica",
                "They are the regional government of Cajamarca, where you work",
            ],
        ),
        (
            "Claire Dubois",
            5,
            ["They seek cacao, café; you offer cacao, café", "No language in common"],
        ),
        ("Beatriz Rojas", 3, ["They are a national government body of Peru"]),
        ("Carla Vega", 3, ["They are a national government body of Peru"]),
    ]


def test_recommendations_from_the_investors_side(forum):
    assert ranking(recommend(forum["john"])) == [
        (
            "Rosa Huamán",
            22,
            [
                "They seek financiamiento; you offer financiamiento",
                "You both work in café",
                "They seek financing; you invest USD 200,000–2,000,000 per deal",
            ],
        ),
    ]


def test_recommendations_from_the_regional_and_national_governments(forum):
    assert ranking(recommend(forum["luis"])) == [
        (
            "Rosa Huamán",
            18,
            [
                "They seek asistencia técnica; you offer asistencia técnica",
                "They work in Cajamarca, your region",
            ],
        ),
        ("Pedro Chávez", 8, ["They work in Cajamarca, your region"]),
        ("Beatriz Rojas", 3, ["They are a national government body of Peru"]),
        ("Carla Vega", 3, ["They are a national government body of Peru"]),
    ]
    assert [name for name, _score, _reasons in ranking(recommend(forum["carla"]))] == [
        "Ana Sullón",
        "Luis Ccori",
        "Pedro Chávez",
        "Rosa Huamán",
    ]
    assert recommend(forum["carla"])[0].reasons == ["They are based in Peru"]


def test_recommendations_are_limited_and_deterministic(forum):
    first = ranking(recommend(forum["rosa"], limit=3))
    assert first == ranking(recommend(forum["rosa"], limit=3))
    assert [name for name, _s, _r in first] == ["John Miller", "Luis Ccori", "Claire Dubois"]


def test_recommendations_leave_out_people_already_asked(db, event, forum):
    meeting_requests.send_request(event, forum["john"], forum["rosa"], now=NOW)
    request = meeting_requests.send_request(event, forum["rosa"], forum["luis"], now=NOW)
    names = [r.registration.user.name for r in recommend(forum["rosa"])]
    assert names == ["Claire Dubois", "Beatriz Rojas", "Carla Vega"]
    expiry.expire_pending(event, now=NOW + timedelta(days=10))
    db.session.commit()  # as the command does; the request is read again
    assert "Luis Ccori" in [r.registration.user.name for r in recommend(forum["rosa"])]
    assert request.status.value == "expired"


def test_recommendations_leave_out_kinds_the_event_forbids(db, event, forum):
    event.allow_b2g = False
    db.session.commit()
    names = [r.registration.user.name for r in recommend(forum["rosa"])]
    assert names == ["John Miller", "Claire Dubois"]


def test_financing_is_read_from_tags_or_free_text(forum, db):
    assert seeks_financing(forum["rosa"])
    assert not seeks_financing(forum["claire"])
    forum["claire"].seeks = "Inversión para una tostaduría"
    assert seeks_financing(forum["claire"])


def test_an_investor_without_tickets_is_still_recommended_for_financing(
    db, event, forum, create_user, create_registration
):
    forum["rosa"].tag_links = [
        link for link in forum["rosa"].tag_links if link.role != TagRole.SEEK
    ]
    caja = forum["john"].organisation  # same fund, other delegate, no ticket range
    create_registration(
        event, user=create_user(email="zoe@x.example", name="Zoe Park"), organisation=caja
    )
    db.session.commit()
    reasons = {r.registration.user.name: r.reasons for r in recommend(forum["rosa"])}
    assert reasons["Zoe Park"] == ["You seek financing; they are investors"]
    assert reasons["John Miller"] == [
        "You both work in café",
        "You seek financing; they invest USD 200,000–2,000,000 per deal",
    ]
