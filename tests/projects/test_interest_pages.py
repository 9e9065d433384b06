import csv
import io
import re
import shutil
import subprocess
from datetime import UTC, datetime

import pytest
from openpyxl import load_workbook

from forum.events.models import EventRole
from forum.meetings.models import MeetingRequest
from forum.projects.models import Commitment, CommitmentStatus, Instrument, Interest, InterestLevel
from forum.projects.services import interest as interest_service
from forum.projects.services import pitches
from forum.registration.models import OrganisationType, RegistrationStatus
from tests.factories import create_pitch_session, create_project

SLUG = "hih-2023"
COFFEE = "Café agroforestal en Jaén y San Ignacio"
AVOCADO = "Palta orgánica andina en Huancavelica"
needs_poppler = pytest.mark.skipif(not shutil.which("pdftotext"), reason="needs poppler-utils")


def text(response) -> str:
    return response.get_data(as_text=True)


def flashes(html: str) -> list[str]:
    alerts = re.findall(r'<div class="alert[^"]*"[^>]*>(.*?)</div>', html, re.S)
    return [re.sub(r"<button[^>]*></button>", "", alert).strip() for alert in alerts]


@pytest.fixture
def forum(db, create_event, create_user, create_organisation, create_registration):
    organizer = create_user(email="organizer@fao.example", name="Secretaría FAO")
    event = create_event(organizers=[organizer])
    midagri = create_organisation(
        "Ministerio de Desarrollo Agrario y Riego", type=OrganisationType.NATIONAL_GOVERNMENT
    )
    fund = create_organisation(
        "Evergreen Andes Impact Fund", type=OrganisationType.INVESTOR, country="US", region=""
    )
    giz = create_organisation("GIZ", type=OrganisationType.COOPERATION_AGENCY, country="DE")

    def person(email, name, organisation, **kw):
        user = create_user(email=email, name=name)
        return create_registration(event, user=user, organisation=organisation, **kw)

    people = {
        "beatriz": person("beatriz@midagri.example", "Beatriz Cabrera", midagri),
        "wilber": person("wilber@midagri.example", "Wilber Idrogo", midagri),
        "nathan": person("nathan@evergreen.example", "Nathan Whitaker", fund),
        "matthias": person("matthias@giz.example", "Matthias Kellner", giz),
        "pending": person(
            "pending@giz.example", "Pending Person", giz, status=RegistrationStatus.SUBMITTED
        ),
    }
    beatriz = people["beatriz"]
    coffee = create_project(
        event,
        midagri,
        COFFEE,
        contact=beatriz,
        submitted_by=beatriz,
        tags=("coffee",),
        beneficiaries=9500,
        women_share=32,
        area_hectares=14000,
        sdgs="1,2,13",
    )
    avocado = create_project(
        event,
        midagri,
        AVOCADO,
        contact=beatriz,
        amount_sought=16_800_000_00,
        currency="EUR",
        tags=("avocado",),
    )
    return {"event": event, "organizer": organizer, "coffee": coffee, "avocado": avocado, **people}


def interest_url(project) -> str:
    return f"/events/{SLUG}/projects/{project.id}/interest"


def test_interest_form_saves_interest_and_sends_a_meeting_request(client, login, forum):
    coffee, nathan, beatriz = forum["coffee"], forum["nathan"], forum["beatriz"]
    login(nathan.user)
    form = text(client.get(interest_url(coffee)))
    assert "Also request a meeting with the project contact" in form
    assert "The request goes to Beatriz Cabrera" in form
    response = client.post(
        interest_url(coffee),
        data={
            "level": "ready",
            "amount": "1,500,000.50",
            "currency": "USD",
            "instrument": "debt",
            "note": "Deuda senior a 7 años",
            "request_meeting": "y",
        },
    )
    assert response.status_code == 302
    assert response.headers["Location"] == f"/events/{SLUG}/projects/{coffee.id}"
    interest = Interest.query.one()
    assert (interest.level, interest.amount, interest.currency, interest.instrument) == (
        InterestLevel.READY,
        150_000_050,
        "USD",
        Instrument.DEBT,
    )
    assert interest.note == "Deuda senior a 7 años"
    request = MeetingRequest.query.one()
    assert (request.requester_id, request.recipient_id, request.project_id) == (
        nathan.id,
        beatriz.id,
        coffee.id,
    )
    assert interest.meeting_request_id == request.id
    page = client.get(response.headers["Location"])
    assert flashes(text(page))[:2] == [
        f"Your interest in “{COFFEE}” is saved.",
        "Your request has been sent to Beatriz Cabrera.",
    ]
    login(beatriz.user)
    received = text(client.get(f"/events/{SLUG}/meetings")).split('id="received"')[1]
    assert "Nathan Whitaker" in received.split("</ul>")[0]
    assert f"I am interested in your project “{COFFEE}” and would like to meet." in received


def test_interest_form_shows_errors_and_saves_nothing(client, login, forum):
    login(forum["nathan"].user)
    html = text(
        client.post(
            interest_url(forum["coffee"]),
            data={"level": "interested", "amount": "-5", "currency": "USD"},
        )
    )
    assert "The amount cannot be negative." in html
    html = text(
        client.post(
            interest_url(forum["coffee"]),
            data={"level": "interested", "amount": "1e30", "currency": "USD"},
        )
    )
    assert "The amount is too large to be plausible." in html
    html = text(
        client.post(interest_url(forum["coffee"]), data={"level": "interested", "currency": "XYZ"})
    )
    assert "Not a valid choice" in html
    assert Interest.query.count() == 0


def test_refused_meeting_request_keeps_interest_and_says_why(client, db, login, forum):
    forum["event"].allow_b2g = False
    db.session.commit()
    login(forum["nathan"].user)
    response = client.post(
        interest_url(forum["coffee"]),
        data={"level": "interested", "currency": "USD", "request_meeting": "y"},
        follow_redirects=True,
    )
    assert flashes(text(response))[:2] == [
        f"Your interest in “{COFFEE}” is saved.",
        "No meeting request was sent: This event does not allow B2G (business to government) "
        "meetings.",
    ]
    assert Interest.query.count() == 1
    assert MeetingRequest.query.count() == 0


@pytest.mark.parametrize("who", ["wilber", "pending", "anonymous"])
def test_interest_form_is_not_for_presenters_or_others(client, login, forum, who):
    if who != "anonymous":
        login(forum[who].user)
    response = client.get(interest_url(forum["coffee"]))
    assert response.status_code == (302 if who == "anonymous" else 404)


def test_presenters_and_organizers_see_interests_with_notes(client, login, forum):
    coffee = forum["coffee"]
    interest_service.express_interest(
        coffee, forum["nathan"], InterestLevel.READY, 2_000_000_00, "USD", note="Nota privada"
    )
    url = f"/events/{SLUG}/projects/{coffee.id}/interests"
    for viewer in (forum["wilber"].user, forum["organizer"]):
        login(viewer)
        html = text(client.get(url))
        row = html.split('id="interests"')[1].split("</table>")[0]
        assert "Nathan Whitaker" in row and "Evergreen Andes Impact Fund" in row
        assert "Ready to discuss terms" in row
        assert "$2,000,000.00" in row
        assert "Nota privada" in row
        client.post("/logout")


@pytest.mark.parametrize("who", ["matthias", "nathan"])
def test_other_delegates_cannot_see_interests_or_notes(client, login, forum, who):
    coffee = forum["coffee"]
    interest_service.express_interest(coffee, forum["nathan"], InterestLevel.READY, note="Secreto")
    login(forum[who].user)
    assert client.get(f"/events/{SLUG}/projects/{coffee.id}/interests").status_code == 404
    assert client.get(f"/events/{SLUG}/projects/{coffee.id}/commitments").status_code == 404
    page = text(client.get(f"/events/{SLUG}/projects/{coffee.id}"))
    assert "Secreto" not in page
    assert "interested investor" not in page


def test_project_page_shows_pitch_time_and_the_right_buttons(client, login, forum):
    coffee, event = forum["coffee"], forum["event"]
    session = create_pitch_session(
        event,
        "Peru: three investment plans",
        datetime(2023, 10, 17, 7, tzinfo=UTC),
        datetime(2023, 10, 17, 8, 30, tzinfo=UTC),
    )
    pitches.place_pitch(forum["avocado"], session, 20)
    pitches.place_pitch(coffee, session, 25)
    url = f"/events/{SLUG}/projects/{coffee.id}"
    html = text(client.get(url))
    assert 'Oct 17, 2023, <span class="text-nowrap">9:20\u202fAM–9:45\u202fAM</span>' in html
    assert "Peru: three investment plans" in html
    assert "Express interest" not in html  # anonymous
    login(forum["nathan"].user)
    html = text(client.get(url))
    assert f'href="/events/{SLUG}/projects/{coffee.id}/interest">Express interest' in html
    client.post("/logout")
    interest_service.express_interest(coffee, forum["matthias"], InterestLevel.FOLLOW)
    login(forum["wilber"].user)
    html = text(client.get(url))
    assert "Express interest" not in html
    assert ">1 interested investor<" in html
    session_page = text(client.get(f"/events/{SLUG}/sessions/{session.id}"))
    pitched = session_page.split('id="pitches-h"')[1].split("</section>")[0]
    assert re.findall(
        r"(\d+:\d+\u202fAM–\d+:\d+\u202fAM)</span>\s*<a[^>]*>([^<]+)</a>", pitched
    ) == [
        ("9:00\u202fAM–9:20\u202fAM", AVOCADO),
        ("9:20\u202fAM–9:45\u202fAM", COFFEE),
    ]


def test_presenter_records_commitments_and_totals_are_exact(client, db, login, forum):
    coffee = forum["coffee"]
    nathan = interest_service.express_interest(coffee, forum["nathan"], InterestLevel.READY)
    giz = interest_service.express_interest(coffee, forum["matthias"], InterestLevel.INTERESTED)
    url = f"/events/{SLUG}/projects/{coffee.id}/commitments"
    login(forum["wilber"].user)
    for interest_id, status, amount, currency in (
        (nathan.interest.id, "in_talks", "1,000,000", "USD"),
        (nathan.interest.id, "committed", "2,500,000.75", "USD"),
        (giz.interest.id, "term_sheet", "400,000", "EUR"),
    ):
        response = client.post(
            url,
            data={
                "interest_id": interest_id,
                "status": status,
                "amount": amount,
                "currency": currency,
                "instrument": "grant",
                "notes": "Seguimiento",
            },
        )
        assert response.status_code == 302
    assert Commitment.query.count() == 3
    totals = interest_service.mobilisation(forum["event"])
    assert totals[CommitmentStatus.COMMITTED].by_currency == {"USD": 2_500_000_75}
    assert totals[CommitmentStatus.TERM_SHEET].by_currency == {"EUR": 400_000_00}
    assert totals[CommitmentStatus.IN_TALKS].count == 0  # superseded by "committed"
    html = text(client.get(url))
    assert "Recorded for Matthias Kellner." in flashes(html)
    assert "$2,500,000.75" in html and "€400,000.00" in html


def test_delegate_of_another_organisation_cannot_record_commitments(client, login, forum):
    coffee = forum["coffee"]
    found = interest_service.express_interest(coffee, forum["nathan"], InterestLevel.READY)
    login(forum["matthias"].user)
    response = client.post(
        f"/events/{SLUG}/projects/{coffee.id}/commitments",
        data={"interest_id": found.interest.id, "status": "committed", "currency": "USD"},
    )
    assert response.status_code == 404
    assert Commitment.query.count() == 0


def pdf_text(pdf: bytes, tmp_path) -> str:
    path = tmp_path / "catalogue.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True, text=True
    ).stdout
    return " ".join(out.split())


@needs_poppler
def test_catalogue_pdf_has_cover_groups_and_figures(client, forum, tmp_path):
    response = client.get(f"/events/{SLUG}/projects/catalogue.pdf")
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    content = pdf_text(response.data, tmp_path)
    assert "Hand-in-Hand Investment Forum 2023" in content
    assert "Oct 16 – 20, 2023 · FAO headquarters, Rome" in content
    # No EUR rate: the total is given per currency.
    assert "2 projects €16,800,000.00 $12,500,000.00 sought in total" in content
    assert f"CONTENTS Avocado {AVOCADO} 2 Coffee {COFFEE} 3" in content
    # Groups alphabetical: avocado before coffee; figures in English, the event's main language.
    assert content.index(AVOCADO) < content.index(COFFEE)
    assert f"COFFEE {COFFEE} Ministerio de Desarrollo Agrario y Riego · Peru" in content
    assert "Amount sought $12,500,000.00 Instrument sought Blended finance" in content
    assert "Share of women 32% " in content and "Area 14,000 ha" in content
    assert "1. No poverty, 2. Zero hunger, 13. Climate action" in content
    assert "Contact person Beatriz Cabrera" in content
    assert "Hand-in-Hand Investment Forum 2023 coffee COFFEE" in content  # running header
    assert "Renovación de cafetales bajo sistemas agroforestales. 3/3" in content  # page number


@needs_poppler
def test_catalogue_pdf_converts_the_total_when_rates_are_set(client, db, forum, tmp_path):
    from decimal import Decimal

    from forum.projects.models import ExchangeRate

    db.session.add(ExchangeRate(event_id=forum["event"].id, currency="EUR", rate=Decimal("1.1")))
    db.session.commit()
    content = pdf_text(client.get(f"/events/{SLUG}/projects/catalogue.pdf").data, tmp_path)
    assert "2 $30,980,000.00 projects sought in total" in content  # 12.5 M + 16.8 M × 1.1


def test_catalogue_pdf_follows_the_catalogue_access(client, db, login, forum):
    forum["event"].projects_public = False
    db.session.commit()
    url = f"/events/{SLUG}/projects/catalogue.pdf"
    assert client.get(url).status_code == 404
    login(forum["pending"].user)
    assert client.get(url).status_code == 404
    client.post("/logout")
    login(forum["nathan"].user)
    assert client.get(url).status_code == 200
    client.post("/logout")
    login(forum["organizer"])
    assert client.get(url).status_code == 200


def test_projects_csv_export_for_organizers(client, login, forum):
    coffee = forum["coffee"]
    interest_service.express_interest(coffee, forum["nathan"], InterestLevel.READY)
    login(forum["organizer"])
    response = client.get(f"/events/{SLUG}/manage/projects.csv")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"] == 'attachment; filename="hih-2023-projects.csv"'
    rows = list(csv.DictReader(io.StringIO(response.data.decode("utf-8-sig"))))
    assert [r["title"] for r in rows] == [COFFEE, AVOCADO]
    first = rows[0]
    assert {k: first[k] for k in ("status", "kind", "organisation", "value_chains", "country")} == {
        "status": "accepted",
        "kind": "investment_plan",
        "organisation": "Ministerio de Desarrollo Agrario y Riego",
        "value_chains": "coffee",
        "country": "PE",
    }
    assert (first["amount_sought"], first["currency"], first["instrument"]) == (
        "12500000.00",
        "USD",
        "blended",
    )
    assert (first["area_hectares"], first["sdgs"], first["contact_name"]) == (
        "14000",
        "1; 2; 13",
        "Beatriz Cabrera",
    )
    assert (first["interests"], rows[1]["interests"]) == ("1", "0")


def test_interests_xlsx_export_has_latest_commitment(client, login, forum):
    coffee = forum["coffee"]
    found = interest_service.express_interest(
        coffee, forum["nathan"], InterestLevel.READY, 3_000_000_00, "USD", Instrument.DEBT, "=1+1"
    ).interest
    interest_service.record_commitment(
        found, forum["wilber"], 1_000_000_00, "USD", Instrument.DEBT, CommitmentStatus.IN_TALKS
    )
    interest_service.record_commitment(
        found, forum["wilber"], 2_750_000_50, "USD", Instrument.DEBT, CommitmentStatus.TERM_SHEET
    )
    login(forum["organizer"])
    response = client.get(f"/events/{SLUG}/manage/interests.xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.data)).active
    header = [c.value for c in sheet[1]]
    row = dict(zip(header, [c.value for c in sheet[2]], strict=True))
    assert sheet.max_row == 2
    assert (row["project"], row["investor"], row["organisation_type"]) == (
        COFFEE,
        "Nathan Whitaker",
        "investor",
    )
    assert (row["level"], row["indicative_amount"], row["currency"]) == ("ready", 3000000, "USD")
    assert row["note"] == "=1+1"  # stays text, not a formula
    assert sheet.cell(2, header.index("note") + 1).data_type == "s"
    assert (row["commitment_status"], row["commitment_amount"]) == ("term_sheet", 2750000.5)


@pytest.mark.parametrize("who", ["nathan", "wilber"])
def test_exports_are_for_organizers_only(client, login, forum, who):
    login(forum[who].user)
    for table in ("projects", "interests"):
        assert client.get(f"/events/{SLUG}/manage/{table}.csv").status_code == 403


def test_unknown_export_format_is_404(client, login, forum):
    login(forum["organizer"])
    assert client.get(f"/events/{SLUG}/manage/projects.json").status_code == 404


def test_organizer_role_counts_for_the_interest_list(client, db, login, forum, create_user):
    other = create_user(email="other-organizer@fao.example", name="Otra Secretaría")
    db.session.add(EventRole(event=forum["event"], user=other))
    db.session.commit()
    login(other)
    url = f"/events/{SLUG}/projects/{forum['coffee'].id}/interests"
    assert "Nobody has expressed interest yet." in text(client.get(url))


def test_mobilisation_report_totals_latest_status_per_investor(client, db, login, forum):
    from decimal import Decimal

    from forum.projects.models import ExchangeRate

    coffee, wilber = forum["coffee"], forum["wilber"]
    nathan = interest_service.express_interest(coffee, forum["nathan"], InterestLevel.READY)
    giz = interest_service.express_interest(coffee, forum["matthias"], InterestLevel.READY)
    record = interest_service.record_commitment
    record(nathan.interest, wilber, 1_000_000_00, "USD", None, CommitmentStatus.IN_TALKS)
    record(nathan.interest, wilber, 2_000_000_00, "USD", None, CommitmentStatus.COMMITTED)
    record(giz.interest, wilber, 500_000_00, "EUR", None, CommitmentStatus.COMMITTED)
    login(forum["organizer"])
    url = f"/events/{SLUG}/manage/mobilisation"
    committed = text(client.get(url)).split(">Committed<")[1].split("</tr>")[0]
    assert re.findall(r"<td[^>]*>(.*?)</td>", committed, re.S) == [
        "2",
        '<div class="text-nowrap">€500,000.00</div><div class="text-nowrap">$2,000,000.00</div>',
        '<span class="text-body-secondary">no rate for EUR</span>',
    ]
    db.session.add(ExchangeRate(event_id=forum["event"].id, currency="EUR", rate=Decimal("1.08")))
    db.session.commit()
    committed = text(client.get(url)).split(">Committed<")[1].split("</tr>")[0]
    assert '<td class="text-nowrap">$2,540,000.00</td>' in committed
    in_talks = text(client.get(url)).split(">In talks<")[1].split("</tr>")[0]
    assert re.findall(r"<td[^>]*>(.*?)</td>", in_talks, re.S)[:2] == ["0", "—"]
    client.post("/logout")
    login(forum["wilber"].user)
    assert client.get(url).status_code == 403
