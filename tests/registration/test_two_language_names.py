"""Participant types, tags and tracks in Spanish and English: the organizer enters both, and
every surface shows the reader's, or the other one when the organizer left it empty."""

import csv
import io
import re

import pytest
import sqlalchemy as sa
from flask_babel import force_locale

from forum.core.errors import DomainError
from forum.events.services import events as event_service
from forum.meetings.services.matchmaking import recommend
from forum.notifications.models import Mail
from forum.registration.models import (
    OrganisationType,
    ParticipantType,
    RegistrationStatus,
    RegistrationTag,
    Tag,
    TagRole,
)
from forum.registration.services import types_and_tags
from forum.registration.services.badges import badge_view
from forum.registration.services.delegate_import import import_delegates
from tests.pdf_tools import needs_poppler, pdf_text

BASE = "/events/hih-2023"


@pytest.fixture
def forum(db, create_event, create_user, create_registration):
    """Two organizers (Spanish, English), types, tags and a track (one of each without an
    English name), an investor offering financing and a cooperative seeking it."""
    organizer_es = create_user(email="secretaria@x.example", name="Secretaría", locale="es")
    organizer_en = create_user(email="secretariat@x.example", name="Secretariat", locale="en")
    event = create_event(organizers=[organizer_es, organizer_en])
    investor = ParticipantType(event=event, name_es="Inversionista", name_en="Investor")
    producer = ParticipantType(event=event, name_es="Productor", name_en="", position=1)
    coffee = Tag(event=event, name_es="café", name_en="coffee")
    finance = Tag(event=event, name_es="financiamiento", name_en="financing")
    dairy = Tag(event=event, name_es="lácteos", name_en="")
    rice = Tag(event=event, name_es="arroz", name_en="rice")
    db.session.add_all([investor, producer, coffee, finance, dairy, rice])
    track = event_service.save_track(
        event, {"name_es": "Cadenas de valor", "name_en": "Value chains"}
    )
    rosa = create_registration(
        event, user=create_user(email="rosa@x.example", name="Rosa Huamán", locale="es"),
        participant_type=producer,
    )  # fmt: skip
    john = create_registration(
        event, user=create_user(email="john@x.example", name="John Miller", locale="en"),
        participant_type=investor, org_type=OrganisationType.INVESTOR, organisation="Andes Fund",
    )  # fmt: skip
    rosa.tag_links = [
        RegistrationTag(tag=coffee, role=TagRole.SECTOR),
        RegistrationTag(tag=dairy, role=TagRole.SECTOR),
        RegistrationTag(tag=finance, role=TagRole.SEEK),
    ]
    john.tag_links = [
        RegistrationTag(tag=coffee, role=TagRole.SECTOR),
        RegistrationTag(tag=finance, role=TagRole.OFFER),
    ]
    db.session.commit()
    return {
        "event": event, "organizer_es": organizer_es, "organizer_en": organizer_en,
        "investor": investor, "producer": producer, "coffee": coffee, "dairy": dairy,
        "track": track, "rosa": rosa, "john": john,
    }  # fmt: skip


def page(client, login, user, url: str) -> str:
    client.post("/logout")
    login(user)
    response = client.get(url)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_label_is_the_readers_language_else_the_other(app):
    both = Tag(name_es="café", name_en="coffee")
    spanish_only = ParticipantType(name_es="Productor", name_en="")
    english_only = Tag(name_es="", name_en="rice")
    assert [both.label("es"), both.label("en")] == ["café", "coffee"]
    assert [spanish_only.label("en"), english_only.label("es")] == ["Productor", "rice"]
    with app.test_request_context(), force_locale("en"):
        assert (str(both), both.label()) == ("coffee", "coffee")
    with app.test_request_context(), force_locale("es"):
        assert str(both) == "café"
    assert both.names() == ["café", "coffee"] and english_only.names() == ["rice"]


def test_services_save_both_names_and_refuse_clashes_in_either_language(forum):
    event = forum["event"]
    company, _promoted = types_and_tags.save_participant_type(
        event, {"name_es": " Empresa ", "name_en": "Company  firm", "color": "#112233"}
    )
    assert (company.name_es, company.name_en) == ("Empresa", "Company firm")
    with force_locale("es"), pytest.raises(DomainError) as caught:
        types_and_tags.save_participant_type(
            event, {"name_es": "", "name_en": "INVESTOR", "color": "#112233"}
        )
    assert caught.value.errors == {
        "name_es": ["Indique el nombre en español."],
        "name_en": ["Este evento ya tiene un tipo de participante llamado «INVESTOR»."],
    }
    with pytest.raises(DomainError) as caught:  # an English name equal to a Spanish one
        types_and_tags.rename_tag(forum["dairy"], {"name_es": "lácteos", "name_en": "Café"})
    assert caught.value.errors == {"name_en": ["This event already has a tag called “Café”."]}
    with pytest.raises(DomainError) as caught:
        event_service.save_track(event, {"name_es": "Pymes", "name_en": "x" * 201})
    assert caught.value.errors == {"name_en": ["At most 200 characters."]}
    renamed = types_and_tags.rename_tag(forum["dairy"], {"name_es": "lácteos", "name_en": "dairy"})
    assert (renamed.name_es, renamed.name_en) == ("lácteos", "dairy")


def test_tags_are_added_one_per_line_spanish_then_english(forum):
    event = forum["event"]
    with force_locale("es"):
        added, skipped = types_and_tags.add_tags(event, "cacao | cocoa\nquinua\nCOFFEE | café\n")
    assert [(t.name_es, t.name_en) for t in added] == [("cacao", "cocoa"), ("quinua", "")]
    assert skipped == ["café"]  # as an organizer reading in Spanish (the default) calls it
    with force_locale("es"), pytest.raises(DomainError) as caught:
        types_and_tags.add_tags(event, "arroz | rice\n | wheat")
    assert caught.value.errors == {"names": ["«wheat» no tiene nombre en español antes de «|»."]}


def test_organizer_pages_save_both_names_with_errors_in_their_language(client, login, forum, db):
    event = forum["event"]
    login(forum["organizer_es"])
    html = client.post(
        f"{BASE}/manage/participant-types",
        data={"name_es": "Prensa", "name_en": "investor", "color": "#000000"},
    ).get_data(as_text=True)
    assert "Este evento ya tiene un tipo de participante llamado «investor»." in html
    client.post(
        f"{BASE}/manage/participant-types",
        data={"name_es": "Prensa", "name_en": "Press", "color": "#000000"},
    )
    rename = f"{BASE}/manage/tags/{forum['dairy'].id}/rename"
    client.post(rename, data={"name_es": "lácteos", "name_en": "dairy"})
    client.post(f"{BASE}/manage/tags", data={"names": "cacao | cocoa"})
    client.post(
        f"{BASE}/manage/tracks/new",
        data={"name_es": "Pymes", "name_en": "SMEs", "color": "#123456"},
    )
    db.session.expire_all()
    assert [(t.name_es, t.name_en) for t in event.participant_types][-1] == ("Prensa", "Press")
    assert {(t.name_es, t.name_en) for t in event.tags} >= {
        ("lácteos", "dairy"),
        ("cacao", "cocoa"),
    }
    assert [(t.name_es, t.name_en) for t in event.tracks][-1] == ("Pymes", "SMEs")
    tags_page = client.get(f"{BASE}/manage/tags").get_data(as_text=True)
    assert (
        'name="name_en" value="cocoa"' in tags_page and 'name="name_es" value="cacao"' in tags_page
    )


def test_directory_profile_and_programme_in_the_readers_language(client, login, forum):
    rosa, john = forum["rosa"], forum["john"]
    profile = f"{BASE}/delegates/{rosa.id}"
    english = page(client, login, john.user, profile)
    assert "Productor" in english  # no English name: the Spanish one
    assert "coffee, lácteos</dd>" in english  # sectors
    assert ">financing</span>" in english  # what she seeks
    spanish = page(client, login, rosa.user, f"{BASE}/delegates/{john.id}")
    assert "Inversionista" in spanish and ">financiamiento</span>" in spanish
    assert "café</dd>" in spanish and "coffee" not in spanish
    directory = page(client, login, john.user, f"{BASE}/delegates")
    assert f'<option value="{forum["coffee"].id}" >coffee</option>' in directory
    tag_options = r'<option value="\d+" >([^<]+)</option>'
    assert re.findall(tag_options, directory) == ["coffee", "financing", "lácteos", "rice"]
    spanish = page(client, login, rosa.user, f"{BASE}/delegates")
    assert re.findall(tag_options, spanish) == ["arroz", "café", "financiamiento", "lácteos"]
    programme = page(client, login, john.user, f"{BASE}/programme")
    assert f'<option value="{forum["track"].id}" >Value chains</option>' in programme
    programme = page(client, login, rosa.user, f"{BASE}/programme?track={forum['track'].id}")
    assert "<h1>Programa: Cadenas de valor</h1>" in programme


def test_registration_form_offers_types_and_tags_in_the_readers_language(
    client, forum, during_registration
):
    def choices(language: str, field: str) -> list[str]:
        html = client.get(f"{BASE}/register", headers={"Accept-Language": language}).get_data(
            as_text=True
        )
        select = re.search(rf'<select[^>]*name="{field}".*?</select>', html, re.S).group(0)
        return re.findall(r'<option[^>]*value="\d+"[^>]*>([^<]+)</option>', select)

    assert choices("en", "participant_type_id") == ["Investor", "Productor"]
    assert choices("en", "sector_tags") == ["coffee", "financing", "lácteos", "rice"]
    assert choices("es", "participant_type_id") == ["Inversionista", "Productor"]
    assert choices("es", "seek_tags") == ["arroz", "café", "financiamiento", "lácteos"]


def test_desk_list_and_export_in_the_organizers_language(client, login, forum):
    url = f"{BASE}/manage/registrations"
    english = page(client, login, forum["organizer_en"], url)
    assert f'<option value="{forum["investor"].id}">Investor</option>' in english
    rows = list(csv.DictReader(io.StringIO(client.get(f"{url}.csv").get_data(as_text=True))))
    assert {r["name"]: (r["participant_type"], r["sectors"]) for r in rows} == {
        "Rosa Huamán": ("Productor", "coffee; lácteos"),
        "John Miller": ("Investor", "coffee"),
    }
    spanish = page(client, login, forum["organizer_es"], url)
    assert f'<option value="{forum["investor"].id}">Inversionista</option>' in spanish
    rows = list(csv.DictReader(io.StringIO(client.get(f"{url}.csv").get_data(as_text=True))))
    assert {r["name"]: r["sectors"] for r in rows}["Rosa Huamán"] == "café; lácteos"


def test_dashboard_counts_types_in_the_organizers_language(client, login, forum):
    row = '<tr><th scope="row" class="fw-normal">{}</th>'
    english = page(client, login, forum["organizer_en"], f"{BASE}/manage/")
    assert row.format("Investor") in english and row.format("Productor") in english
    assert '<desc class="x_label">Investor</desc>' in english  # the chart
    spanish = page(client, login, forum["organizer_es"], f"{BASE}/manage/")
    assert row.format("Inversionista") in spanish and "Investor<" not in spanish


def test_csv_import_finds_types_and_tags_by_either_name(forum):
    header = "email;name;organisation;organisation_type;country;participant_type;sectors"
    lines = [
        header,
        "ana@coop.example;Ana Quispe;Coop;producer_org;PE;PRODUCTOR;COFFEE; ",
        'luz@fund.example;Luz Díaz;Fondo;investor;PE;investor;"café; lácteos"',
    ]
    data = ("\r\n".join(lines) + "\r\n").encode()
    ana, luz = import_delegates(forum["event"], data)
    assert (ana.participant_type, [t.name_es for t in ana.tags(TagRole.SECTOR)]) == (
        forum["producer"],
        ["café"],
    )
    assert (luz.participant_type, sorted(t.name_es for t in luz.tags(TagRole.SECTOR))) == (
        forum["investor"],
        ["café", "lácteos"],
    )


def test_matchmaking_reasons_in_the_readers_language(client, login, forum):
    rosa = forum["rosa"]
    with force_locale("en"):
        reasons = {r.registration.user.name: r.reasons for r in recommend(rosa)}
    assert "You seek financing; they offer financing" in reasons["John Miller"]
    assert "You both work in coffee" in reasons["John Miller"]
    spanish = page(client, login, rosa.user, f"{BASE}/meetings/recommendations")
    assert "Usted busca financiamiento; esta persona ofrece financiamiento" in spanish
    assert "You seek" not in spanish and "financing" not in spanish


def test_mail_and_badge_name_the_type_in_their_language(db, forum):
    from forum.notifications import notify

    rosa, john = forum["rosa"], forum["john"]
    for registration in (rosa, john):
        registration.status = RegistrationStatus.SUBMITTED
        notify.registration_status_changed(registration)
    db.session.flush()
    bodies = {m.recipient: m.body for m in db.session.scalars(sa.select(Mail))}
    assert "Participant type: Investor" in bodies["john@x.example"]
    assert "Productor" in bodies["rosa@x.example"]
    with force_locale("en"):
        assert badge_view(john, "en").participant_type == "Investor"
    with force_locale("es"):
        assert badge_view(john, "es").participant_type == "Inversionista"


@needs_poppler
def test_programme_pdf_calendar_and_catalogue_name_tracks_and_chains_in_their_language(
    forum, create_session, tmp_path
):
    from types import SimpleNamespace

    from forum.documents.services.calendars import _session_categories
    from forum.documents.services.pdfs import programme_pdf
    from forum.projects.services.catalogue_pdf import value_chains

    event, track = forum["event"], forum["track"]
    session = create_session(event, "Rueda de negocios", 0, track_id=track.id)
    english = pdf_text(programme_pdf(event, locale="en"), tmp_path)
    spanish = pdf_text(programme_pdf(event, locale="es"), tmp_path)
    assert "Value chains" in english and "Cadenas de valor" not in english
    assert "Cadenas de valor" in spanish and "Value chains" not in spanish
    with force_locale("en"):
        assert _session_categories(session)[-1] == "Value chains"
        project = SimpleNamespace(title="Café de Jaén", tags=[forum["coffee"]])
        dairy = SimpleNamespace(title="Leche de Otuzco", tags=[forum["dairy"]])
        chains = value_chains([project, dairy], "Other")
    assert [chain.name for chain in chains] == ["coffee", "lácteos"]  # no English: Spanish
