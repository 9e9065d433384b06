import html
import io
import re
from decimal import Decimal

import pytest
import sqlalchemy as sa
import weasyprint

from forum.notifications.models import Mail
from forum.projects.models import (
    ExchangeRate,
    Instrument,
    Project,
    ProjectKind,
    ProjectPresenter,
    ProjectStage,
    ProjectStatus,
)
from forum.registration.models import RegistrationStatus, Tag
from tests.factories.projects import team_before_teams

PDF = weasyprint.HTML(string="<p>Palta orgánica andina</p>").write_pdf()
BASE = "/events/hih-2023/projects"


@pytest.fixture(autouse=True)
def uploads(app, tmp_path, monkeypatch):
    monkeypatch.setattr(app, "instance_path", str(tmp_path))
    return tmp_path / "uploads" / "projects"


@pytest.fixture
def event(create_event):
    return create_event()


@pytest.fixture
def people(db, event, create_user, create_registration, create_organisation):
    coop = create_organisation(name="Cooperativa Agraria Frontera San Ignacio")
    fund = create_organisation(name="Andes Impact Fund", country="US")
    return {
        "rosa": create_registration(
            event,
            user=create_user(email="rosa@coop.example", name="Rosa Huamán"),
            organisation=coop,
            job_title="Gerenta",
        ),
        "pedro": create_registration(
            event,
            user=create_user(email="pedro@coop.example", name="Pedro Ccori"),
            organisation=coop,
        ),
        "john": create_registration(
            event,
            user=create_user(email="john@fund.example", name="John Miller"),
            organisation=fund,
        ),
        "pending": create_registration(
            event,
            user=create_user(email="pending@coop.example", name="Pending Person"),
            organisation=coop,
            status=RegistrationStatus.SUBMITTED,
        ),
        "organizer": create_user(email="org@fao.example", name="Organizer", admin=True),
    }


def add_project(db, event, registration, title, status=ProjectStatus.ACCEPTED, **fields):
    values = dict(
        kind=ProjectKind.INVESTMENT_PLAN,
        country="PE",
        regions="Cajamarca,Piura",
        amount_sought=12_500_000_00,
        currency="USD",
        instrument=Instrument.BLENDED,
        stage=ProjectStage.FEASIBILITY,
        beneficiaries=3200,
        women_share=46,
        smallholders=2100,
        area_hectares=14000,
        sdgs="5,13",
    )
    values.update(fields)
    project = Project(
        event=event,
        organisation=registration.organisation,
        submitted_by=registration,
        contact=registration,
        title=title,
        status=status,
        **values,
    )
    team = team_before_teams(event, registration.organisation, registration)
    project.presenters = [ProjectPresenter(registration=r) for r in dict.fromkeys(team)]
    db.session.add(project)
    db.session.commit()
    return project


def listed(response) -> list[str]:
    """The project titles a catalogue page lists, in order."""
    text = response.get_data(as_text=True)
    return [html.unescape(t) for t in re.findall(r'-title"><a href="[^"]+">([^<]+)</a>', text)]


def project_form(**overrides):
    data = {
        "title": "Palta orgánica andina en Huancavelica",
        "summary": "Palta Hass orgánica de altura.",
        "description": "Plantones certificados y centro de acopio.",
        "kind": "investment_plan",
        "country": "PE",
        "regions": "Huancavelica",
        "amount": "1,250,000.50",
        "currency": "USD",
        "instrument": "debt",
        "stage": "pre_feasibility",
        "beneficiaries": "850",
        "women_share": "40",
        "smallholders": "600",
        "area_hectares": "1200",
        "sdgs": ["1", "8"],
        "contact_id": "",
    }
    data.update(overrides)
    return data


def test_public_catalogue_lists_accepted_projects_and_filters(client, db, event, people):
    cafe = Tag(event=event, name_es="café")
    db.session.add(cafe)
    add_project(db, event, people["rosa"], "Café agroforestal en Jaén", tags=[cafe])
    add_project(
        db, event, people["john"], "Fondo verde", country="US", instrument=Instrument.EQUITY,
        amount_sought=500_000_00,
    )  # fmt: skip
    add_project(db, event, people["rosa"], "Lácteos en revisión", status=ProjectStatus.SUBMITTED)
    assert listed(client.get(BASE)) == ["Café agroforestal en Jaén", "Fondo verde"]
    assert listed(client.get(f"{BASE}?tag={cafe.id}")) == ["Café agroforestal en Jaén"]
    assert listed(client.get(f"{BASE}?country=US")) == ["Fondo verde"]
    assert listed(client.get(f"{BASE}?instrument=equity")) == ["Fondo verde"]
    assert listed(client.get(f"{BASE}?min=1,000,000&currency=USD")) == ["Café agroforestal en Jaén"]
    assert listed(client.get(f"{BASE}?max=500,000.00")) == ["Fondo verde"]
    assert listed(client.get(f"{BASE}?q=JAÉN")) == ["Café agroforestal en Jaén"]
    page = client.get(f"{BASE}?min=lots").get_data(as_text=True)
    assert "Write the amount as a number, e.g. 1,250,000.5." in page


def test_catalogue_shows_a_converted_total_only_with_rates(client, db, event, people):
    add_project(db, event, people["rosa"], "Café", amount_sought=1_000_000_00)
    add_project(db, event, people["rosa"], "Lácteos", amount_sought=3_750_000_00, currency="PEN")
    assert 'id="project-total"' not in client.get(BASE).get_data(as_text=True)
    db.session.add(ExchangeRate(event_id=event.id, currency="PEN", rate=Decimal("0.2667")))
    db.session.commit()
    page = client.get(BASE).get_data(as_text=True)
    assert '<span id="project-total">together they seek $2,000,125.00</span>' in page


def test_private_catalogue_is_404_for_anonymous_and_pending_delegates(
    client, db, login, event, people
):
    event.projects_public = False
    db.session.commit()
    project = add_project(
        db, event, people["rosa"], "Café", document_file="x.pdf", document_name="x.pdf"
    )
    for url in (BASE, f"{BASE}/{project.id}", f"{BASE}/{project.id}/document"):
        assert client.get(url).status_code == 404
    login(people["pending"].user)
    assert client.get(BASE).status_code == 404
    assert client.get(f"{BASE}/{project.id}").status_code == 404
    client.post("/logout")
    login(people["john"].user)
    assert listed(client.get(BASE)) == ["Café"]


def test_project_page_shows_key_figures_for_the_locale(client, db, event, people, login):
    project = add_project(db, event, people["rosa"], "Café agroforestal en Jaén y San Ignacio")
    page = client.get(f"{BASE}/{project.id}", headers={"Accept-Language": "en"})
    text = page.get_data(as_text=True)
    assert '<dd class="col-6 fw-semibold" id="amount-sought">$12,500,000.00</dd>' in text
    assert '<dd class="col-6" id="beneficiaries">3,200 (46% women, 2,100 smallholders)</dd>' in text
    assert '<dd class="col-6" id="area">14,000 ha</dd>' in text
    assert "Gender equality" in text and "Climate action" in text
    assert "Blended finance" in text and "Feasibility" in text and "Cajamarca, Piura" in text
    assert "Rosa Huamán, Gerenta" in text
    assert "rosa@coop.example" not in text  # the contact's email: approved delegates only
    spanish = client.get(f"{BASE}/{project.id}", headers={"Accept-Language": "es"})
    assert "12.500.000,00\xa0US$" in spanish.get_data(as_text=True)
    login(people["john"].user)
    assert "mailto:rosa@coop.example" in client.get(f"{BASE}/{project.id}").get_data(as_text=True)


def test_project_under_review_is_seen_only_by_its_presenters_and_organizers(
    client, db, login, event, people
):
    project = add_project(db, event, people["rosa"], "Lácteos", status=ProjectStatus.SUBMITTED)
    assert client.get(f"{BASE}/{project.id}").status_code == 404
    login(people["john"].user)
    assert client.get(f"{BASE}/{project.id}").status_code == 404
    client.post("/logout")
    login(people["pedro"].user)
    page = client.get(f"{BASE}/{project.id}").get_data(as_text=True)
    assert 'id="review-status"' in page and "under review" in page


def test_delegate_submits_a_project_with_a_document(client, db, login, event, people, uploads):
    login(people["rosa"].user)
    form = project_form(document=(io.BytesIO(PDF), "Palta teaser.pdf"))
    response = client.post(f"{BASE}/new", data=form, content_type="multipart/form-data")
    project = db.session.scalar(sa.select(Project))
    assert response.headers["Location"] == f"{BASE}/{project.id}"
    assert (project.title, project.amount_sought, project.currency) == (
        "Palta orgánica andina en Huancavelica",
        125000050,
        "USD",
    )
    assert (project.status, project.organisation_id, project.contact_id) == (
        ProjectStatus.SUBMITTED,
        people["rosa"].organisation_id,
        people["rosa"].id,
    )
    assert (project.sdgs, project.document_name) == ("1,8", "Palta teaser.pdf")
    assert (uploads / project.document_file).read_bytes() == PDF


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"women_share": "120"}, "The share of women must be between 0 and 100 per cent."),
        ({"amount": "-5"}, "The amount cannot be negative."),
        ({"amount": "100,000,000,001"}, "The amount is too large to be plausible."),
        ({"amount": "1500.5", "currency": "JPY"}, "JPY amounts have no decimals."),
        (
            {"document": (io.BytesIO(b"<html><body>hi</body></html>"), "teaser.pdf")},
            "This file is not a PDF document.",
        ),
    ],
)
def test_project_form_shows_the_services_message(
    client, db, login, event, people, overrides, message
):
    login(people["rosa"].user)
    response = client.post(
        f"{BASE}/new", data=project_form(**overrides), content_type="multipart/form-data"
    )
    assert response.status_code == 200
    assert message in html.unescape(response.get_data(as_text=True))
    assert db.session.scalar(sa.select(sa.func.count(Project.id))) == 0


def test_pending_delegate_cannot_submit_and_strangers_get_404(client, db, login, event, people):
    login(people["pending"].user)
    response = client.get(f"{BASE}/new")
    assert response.status_code == 403
    assert "Only approved delegates can submit projects." in response.get_data(as_text=True)
    assert client.post(f"{BASE}/new", data=project_form()).status_code == 403
    assert db.session.scalar(sa.select(sa.func.count(Project.id))) == 0
    client.post("/logout")
    login(people["organizer"])  # organizer, but no registration: nothing to submit for
    assert client.get(f"{BASE}/new").status_code == 404


def test_delegate_of_another_organisation_cannot_edit(client, db, login, event, people):
    project = add_project(db, event, people["rosa"], "Café", status=ProjectStatus.SUBMITTED)
    login(people["john"].user)
    assert client.get(f"{BASE}/{project.id}/edit").status_code == 404
    response = client.post(f"{BASE}/{project.id}/edit", data=project_form(title="Taken over"))
    assert response.status_code == 404
    assert db.session.get(Project, project.id).title == "Café"


def test_colleague_edits_a_project_needing_changes_and_it_goes_back_to_review(
    client, db, login, event, people
):
    project = add_project(
        db, event, people["rosa"], "Café", status=ProjectStatus.NEEDS_CHANGES,
        review_comment="Add figures per district.",
    )  # fmt: skip
    login(people["pedro"].user)
    page = client.get(f"{BASE}/{project.id}/edit").get_data(as_text=True)
    assert 'value="12,500,000.00"' in page and "Add figures per district." in page
    response = client.post(
        f"{BASE}/{project.id}/edit",
        data=project_form(title="Café (v2)", contact_id=str(people["pedro"].id)),
    )
    assert response.headers["Location"] == f"{BASE}/{project.id}"
    project = db.session.get(Project, project.id)
    assert (project.title, project.status, project.contact_id) == (
        "Café (v2)",
        ProjectStatus.SUBMITTED,
        people["pedro"].id,
    )


def test_organizer_edits_an_accepted_project_after_submissions_close(
    client, db, login, event, people
):
    event.project_submissions_open = False
    project = add_project(db, event, people["rosa"], "Café")
    login(people["organizer"])
    response = client.post(
        f"{BASE}/{project.id}/edit", data=project_form(title="Café de Jaén", amount="2,000")
    )
    assert response.headers["Location"] == f"{BASE}/{project.id}"
    project = db.session.get(Project, project.id)
    assert (project.title, project.amount_sought, project.status) == (
        "Café de Jaén",
        2_000_00,
        ProjectStatus.ACCEPTED,
    )


def test_document_is_served_as_attachment_with_nosniff(client, db, login, event, people, uploads):
    uploads.mkdir(parents=True)
    (uploads / "abc.pdf").write_bytes(PDF)
    project = add_project(
        db, event, people["rosa"], "Palta", document_file="abc.pdf", document_name="Palta café.pdf"
    )
    response = client.get(f"{BASE}/{project.id}/document")
    assert response.status_code == 200
    assert response.data == PDF
    assert response.headers["Content-Type"] == "application/pdf"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Content-Disposition"] == (
        "attachment; filename=\"Palta cafe.pdf\"; filename*=UTF-8''Palta%20caf%C3%A9.pdf"
    )


def test_mine_lists_the_organisations_projects_with_review(client, db, login, event, people):
    add_project(
        db, event, people["rosa"], "Café", status=ProjectStatus.NEEDS_CHANGES,
        review_comment="Falta el cofinanciamiento.",
    )  # fmt: skip
    add_project(db, event, people["john"], "Fondo verde")
    login(people["pedro"].user)
    page = client.get(f"{BASE}/mine").get_data(as_text=True)
    assert "Café" in page and "needs changes" in page and "Falta el cofinanciamiento." in page
    assert "Fondo verde" not in page


def test_organizer_reviews_and_the_submitter_gets_the_comment(client, db, login, event, people):
    project = add_project(db, event, people["rosa"], "Café", status=ProjectStatus.SUBMITTED)
    login(people["organizer"])
    page = client.get("/events/hih-2023/manage/projects?status=submitted").get_data(as_text=True)
    assert f'id="project-{project.id}"' in page
    response = client.post(
        f"/events/hih-2023/manage/projects/{project.id}/review?status=submitted",
        data={"status": "accepted", "comment": "Bienvenidos al foro."},
    )
    assert response.headers["Location"] == (
        f"/events/hih-2023/manage/projects?status=submitted#project-{project.id}"
    )
    project = db.session.get(Project, project.id)
    assert (project.status, project.review_comment) == (
        ProjectStatus.ACCEPTED,
        "Bienvenidos al foro.",
    )
    mail = db.session.scalar(sa.select(Mail))
    assert (mail.recipient, mail.subject) == (
        "rosa@coop.example",
        "Your project “Café” has been accepted",
    )
    assert "Bienvenidos al foro." in mail.body


def test_review_is_for_organizers_only(client, db, login, event, people):
    project = add_project(db, event, people["rosa"], "Café", status=ProjectStatus.SUBMITTED)
    login(people["rosa"].user)
    url = f"/events/hih-2023/manage/projects/{project.id}/review"
    assert client.post(url, data={"status": "accepted"}).status_code == 403
    assert db.session.get(Project, project.id).status == ProjectStatus.SUBMITTED


def test_organizer_sets_visibility_currency_and_rates(client, db, login, event, people):
    login(people["organizer"])
    url = "/events/hih-2023/manage/projects/settings"
    bad = client.post(url, data={"report_currency": "USD", "rates": "PEN 0.27\nXYZ 1"})
    assert "Line 2: “XYZ” is not an ISO 4217 currency code." in bad.get_data(as_text=True)
    response = client.post(
        url, data={"project_submissions_open": "y", "report_currency": "EUR", "rates": "PEN 0,25"}
    )
    assert response.headers["Location"] == url
    db.session.refresh(event)
    assert (event.projects_public, event.project_submissions_open, event.report_currency) == (
        False,
        True,
        "EUR",
    )
    rates = db.session.scalars(sa.select(ExchangeRate)).all()
    assert [(r.currency, r.rate) for r in rates] == [("PEN", Decimal("0.25000000"))]
    assert "PEN 0.25" in client.get(url).get_data(as_text=True)


def test_pages_link_to_the_projects_where_their_reader_may_go(client, db, login, event, people):
    catalogue_link = f'href="{BASE}"'
    event_page = "/events/hih-2023/"
    assert catalogue_link not in client.get(event_page).get_data(as_text=True)  # none yet
    add_project(db, event, people["rosa"], "Café agroforestal en Jaén y San Ignacio")
    assert catalogue_link in client.get(event_page).get_data(as_text=True)
    event.projects_public = False
    db.session.commit()
    assert catalogue_link not in client.get(event_page).get_data(as_text=True)

    login(people["rosa"].user)
    assert catalogue_link in client.get(event_page).get_data(as_text=True)
    assert f'href="{BASE}/mine"' in client.get("/events/hih-2023/me").get_data(as_text=True)
    client.post("/logout")

    login(people["organizer"])
    dashboard = client.get("/events/hih-2023/manage/").get_data(as_text=True)
    for url in (
        "manage/projects",
        "manage/projects/settings",
        "manage/pitches",
        "manage/mobilisation",
    ):
        assert f'href="/events/hih-2023/{url}"' in dashboard
