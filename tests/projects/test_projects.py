from decimal import Decimal

import pytest
import sqlalchemy as sa
import weasyprint

from forum.core.errors import DomainError
from forum.core.money import converted_total, format_amount, parse_amount
from forum.events.models import EventRole
from forum.notifications.models import Mail
from forum.projects.models import (
    ExchangeRate,
    Instrument,
    Project,
    ProjectKind,
    ProjectStage,
    ProjectStatus,
)
from forum.projects.services import projects as service
from forum.projects.services.catalogue import CatalogueFilters, catalogue
from forum.projects.services.documents import download_name, store_document
from forum.projects.services.settings import ProjectSettings, parse_rates, save_settings
from forum.registration.models import RegistrationStatus, Tag

PDF = weasyprint.HTML(string="<p>Café de Jaén</p>").write_pdf()
HTML_AS_PDF = b"<!doctype html><html><body><script>alert(1)</script></body></html>"


@pytest.fixture
def folder(app, tmp_path, monkeypatch):
    """Uploads go to a temporary instance folder."""
    monkeypatch.setattr(app, "instance_path", str(tmp_path))
    return tmp_path / "uploads" / "projects"


@pytest.fixture
def event(create_event):
    return create_event()


@pytest.fixture
def coop(create_organisation):
    return create_organisation(name="Cooperativa Agraria Frontera San Ignacio")


@pytest.fixture
def rosa(event, coop, create_registration, create_user):
    return create_registration(
        event, user=create_user(email="rosa@coop.example", name="Rosa Huamán"), organisation=coop
    )


@pytest.fixture
def cafe(db, event):
    tag = Tag(event=event, name_es="café")
    db.session.add(tag)
    db.session.commit()
    return tag


def project_input(**overrides) -> service.ProjectInput:
    fields = dict(
        title="Café agroforestal en Jaén y San Ignacio",
        summary="Renovación de cafetales bajo sombra.",
        kind=ProjectKind.INVESTMENT_PLAN,
        country="PE",
        regions=["Cajamarca", " Jaén ", ""],
        amount_sought=1_250_000_050,
        currency="usd",
        instrument=Instrument.BLENDED,
        stage=ProjectStage.FEASIBILITY,
        beneficiaries=3200,
        women_share=46,
        smallholders=2100,
        area_hectares=14000,
        sdgs=[13, 5, 5],
    )
    fields.update(overrides)
    return service.ProjectInput(**fields)


def test_submit_project_stores_a_submitted_project_of_the_delegates_organisation(
    db, event, rosa, cafe, folder
):
    upload = service.DocumentUpload(data=PDF, filename="C:\\docs\\Teaser café.pdf")
    project = service.submit_project(event, rosa, project_input(tag_ids=[cafe.id]), upload)
    assert (project.status, project.organisation_id) == (
        ProjectStatus.SUBMITTED,
        rosa.organisation_id,
    )
    assert (project.submitted_by_id, project.contact_id) == (rosa.id, rosa.id)
    assert (project.regions, project.sdgs, project.currency) == ("Cajamarca,Jaén", "5,13", "USD")
    assert [t.name_es for t in project.tags] == ["café"]
    assert project.document_name == "Teaser café.pdf"
    assert (folder / project.document_file).read_bytes() == PDF


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"title": "   "}, "title", "Give the project a title."),
        ({"amount_sought": -1}, "amount", "The amount cannot be negative."),
        ({"amount_sought": 10**13 + 1}, "amount", "The amount is too large to be plausible."),
        ({"currency": "XYZ"}, "currency", "“XYZ” is not an ISO 4217 currency code."),
        ({"currency": "XTS"}, "currency", "“XTS” is not an ISO 4217 currency code."),
        (
            {"women_share": 120},
            "women_share",
            "The share of women must be between 0 and 100 per cent.",
        ),
        ({"sdgs": [5, 18]}, "sdgs", "The Sustainable Development Goals are numbered from 1 to 17."),
        ({"beneficiaries": -3}, "beneficiaries", "This number cannot be negative."),
        ({"area_hectares": 3_000_000_000}, "area_hectares", "This number is too large."),
        ({"country": "XX"}, "country", "Choose a country."),
        ({"kind": None}, "kind", "Choose the kind of project."),
    ],
)
def test_submit_project_refuses_invalid_input_with_a_clear_message(
    db, event, rosa, folder, overrides, field, message
):
    with pytest.raises(DomainError) as caught:
        service.submit_project(event, rosa, project_input(**overrides))
    assert caught.value.errors == {field: [message]}
    assert db.session.scalar(sa.select(sa.func.count(Project.id))) == 0


def test_submit_project_accepts_the_largest_plausible_amount(db, event, rosa):
    project = service.submit_project(event, rosa, project_input(amount_sought=10**13))
    assert project.amount_sought == 10**13


def test_submit_project_reports_every_error_at_once(db, event, rosa):
    with pytest.raises(DomainError) as caught:
        service.submit_project(event, rosa, project_input(title="", women_share=-1, sdgs=[0]))
    assert sorted(caught.value.errors) == ["sdgs", "title", "women_share"]


def test_submit_project_refuses_tags_of_another_event(db, event, rosa, create_event):
    other = create_event(slug="peru-2024", name="Foro Perú")
    tag = Tag(event=other, name_es="cacao")
    db.session.add(tag)
    db.session.commit()
    with pytest.raises(DomainError) as caught:
        service.submit_project(event, rosa, project_input(tag_ids=[tag.id]))
    assert caught.value.errors == {"tags": ["Choose tags of this event."]}


@pytest.mark.parametrize("who", ["other_organisation", "not_approved"])
def test_submit_project_refuses_a_contact_outside_the_approved_organisation(
    db, event, rosa, create_registration, create_organisation, who
):
    if who == "other_organisation":
        contact = create_registration(event, organisation=create_organisation(name="Andes Fund"))
    else:
        contact = create_registration(
            event, organisation=rosa.organisation, status=RegistrationStatus.SUBMITTED
        )
    with pytest.raises(DomainError) as caught:
        service.submit_project(event, rosa, project_input(contact_id=contact.id))
    assert caught.value.errors == {
        "contact_id": [
            "The contact person must be an approved delegate of the presenting organisation."
        ]
    }


def test_submit_project_takes_a_colleague_as_contact(db, event, rosa, create_registration):
    colleague = create_registration(event, organisation=rosa.organisation)
    project = service.submit_project(event, rosa, project_input(contact_id=colleague.id))
    assert project.contact_id == colleague.id


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (HTML_AS_PDF, "This file is not a PDF document."),
        (
            b"%PDF-1.7\n<html>no objects, no cross-reference</html>",
            "This file is not a PDF document.",
        ),
        (b"", "This file is not a PDF document."),
        (PDF + b"\0" * (10 * 1024 * 1024), "The document is larger than 10 MB."),
    ],
    ids=["html-renamed-pdf", "header-only", "empty", "oversize"],
)
def test_submit_project_refuses_a_document_that_is_not_a_small_pdf(
    db, event, rosa, folder, data, message
):
    upload = service.DocumentUpload(data=data, filename="plan.pdf")
    with pytest.raises(DomainError) as caught:
        service.submit_project(event, rosa, project_input(), upload)
    assert caught.value.errors == {"document": [message]}
    assert not folder.exists() or list(folder.iterdir()) == []


def test_submit_project_refuses_a_delegate_not_approved(db, event, create_registration):
    pending = create_registration(event, status=RegistrationStatus.SUBMITTED)
    with pytest.raises(DomainError) as caught:
        service.submit_project(event, pending, project_input())
    assert str(caught.value) == "Only approved delegates can submit projects."


def test_submit_project_refuses_when_submissions_are_closed(db, event, rosa):
    event.project_submissions_open = False
    db.session.commit()
    with pytest.raises(DomainError) as caught:
        service.submit_project(event, rosa, project_input())
    assert str(caught.value) == "Project submissions are closed for this event."


def test_update_project_by_presenter_sends_a_project_needing_changes_back_to_review(
    db, event, rosa, folder
):
    project = service.submit_project(
        event, rosa, project_input(), service.DocumentUpload(PDF, "v1.pdf")
    )
    first_file = project.document_file
    project.status = ProjectStatus.NEEDS_CHANGES
    event.project_submissions_open = False
    db.session.commit()
    service.update_project(
        project,
        rosa,
        project_input(title="Café agroforestal (v2)", amount_sought=99),
        service.DocumentUpload(PDF, "v2.pdf"),
    )
    assert (project.title, project.amount_sought, project.status) == (
        "Café agroforestal (v2)",
        99,
        ProjectStatus.SUBMITTED,
    )
    assert project.document_name == "v2.pdf"
    assert [p.name for p in folder.iterdir()] == [project.document_file] != [first_file]


def test_update_project_refuses_another_organisation_and_reviewed_projects(
    db, event, rosa, create_registration, create_organisation
):
    project = service.submit_project(event, rosa, project_input())
    outsider = create_registration(event, organisation=create_organisation(name="Andes Fund"))
    with pytest.raises(DomainError) as caught:
        service.update_project(project, outsider, project_input(title="Mine now"))
    assert (
        str(caught.value) == "Only delegates of the presenting organisation can edit this project."
    )
    project.status = ProjectStatus.ACCEPTED
    db.session.commit()
    with pytest.raises(DomainError) as caught:
        service.update_project(project, rosa, project_input(title="Changed"))
    assert str(caught.value) == "This project has been reviewed: ask the organizers to change it."
    assert project.title == "Café agroforestal en Jaén y San Ignacio"


def test_update_project_by_organizer_keeps_the_status(db, event, rosa, create_user):
    organizer = create_user(email="org@fao.example", name="Organizer", admin=True)
    project = service.submit_project(event, rosa, project_input())
    project.status = ProjectStatus.ACCEPTED
    event.project_submissions_open = False
    db.session.commit()
    service.update_project(project, organizer, project_input(title="Café de Jaén"))
    assert (project.title, project.status) == ("Café de Jaén", ProjectStatus.ACCEPTED)


def test_review_mails_the_submitter_with_the_comment(db, event, rosa, create_user):
    organizer = create_user(email="org@fao.example", name="Organizer", admin=True)
    project = service.submit_project(event, rosa, project_input())
    service.review(
        project, ProjectStatus.NEEDS_CHANGES, "  Add the women's share per district.  ", organizer
    )
    assert (project.status, project.review_comment) == (
        ProjectStatus.NEEDS_CHANGES,
        "Add the women's share per district.",
    )
    mail = db.session.scalar(sa.select(Mail))
    assert mail.recipient == "rosa@coop.example"
    assert mail.subject == "Your project “Café agroforestal en Jaén y San Ignacio” needs changes"
    assert "Their comment:\n\nAdd the women's share per district.\n" in mail.body
    assert f"/events/hih-2023/projects/{project.id}/edit" in mail.body


def test_review_refuses_needs_changes_without_comment_and_non_organizers(
    db, event, rosa, create_user
):
    project = service.submit_project(event, rosa, project_input())
    with pytest.raises(DomainError) as caught:
        service.review(project, ProjectStatus.ACCEPTED, "", rosa.user)
    assert str(caught.value) == "Only the organizers and the project reviewers can do this."
    desk = create_user(email="desk@fao.example", name="Desk")
    db.session.add(EventRole(event=event, user=desk, role="desk"))
    with pytest.raises(DomainError, match="Only the organizers and the project reviewers"):
        service.review(project, ProjectStatus.ACCEPTED, "", desk)
    reviewer = create_user(email="reviewer@fao.example", name="Reviewer")
    db.session.add(EventRole(event=event, user=reviewer, role="reviewer"))
    db.session.flush()
    db.session.expire(reviewer, ["event_roles"])
    assert service.review(project, ProjectStatus.ACCEPTED, "", reviewer).status == (
        ProjectStatus.ACCEPTED
    )
    db.session.query(Mail).delete()
    organizer = create_user(email="org@fao.example", name="Organizer", admin=True)
    with pytest.raises(DomainError) as caught:
        service.review(project, ProjectStatus.NEEDS_CHANGES, " ", organizer)
    assert caught.value.errors == {"comment": ["Say what needs to change."]}
    assert db.session.scalar(sa.select(sa.func.count(Mail.id))) == 0


@pytest.mark.parametrize(
    ("text", "currency", "locale", "minor"),
    [
        ("1,250,000.50", "USD", "en", 125000050),
        ("1250000.5", "USD", "en", 125000050),
        ("1.250.000,50", "USD", "es", 125000050),
        ("1,250,000.50", "USD", "es", 125000050),  # English digits are read in Spanish too
        ("1,250,000", "JPY", "en", 1250000),
        ("1.234", "KWD", "en", 1234),
        (" 12 500 ", "PEN", "en", 1250000),
        ("", "USD", "en", None),
    ],
)
def test_parse_amount_respects_the_currency_exponent(text, currency, locale, minor, app):
    with app.app_context():
        assert parse_amount(text, currency, locale) == minor


@pytest.mark.parametrize(
    ("text", "currency", "message"),
    [
        ("1500.5", "JPY", "JPY amounts have no decimals."),
        ("10.005", "USD", "USD amounts have at most 2 decimals."),
        ("lots", "USD", "Write the amount as a number, e.g. 1,250,000.5."),
    ],
)
def test_parse_amount_refuses_what_it_cannot_read_exactly(text, currency, message, app):
    with app.app_context(), pytest.raises(DomainError) as caught:
        parse_amount(text, currency)
    assert caught.value.errors == {"amount": [message]}


def test_format_amount_for_the_locale():
    assert format_amount(125000050, "USD", "en") == "$1,250,000.50"
    assert format_amount(125000050, "USD", "es") == "1.250.000,50\xa0US$"
    assert format_amount(1250000, "JPY", "en") == "¥1,250,000"
    assert format_amount(1234, "KWD", "en") == "KWD1.234"


def _accepted(db, event, organisation, title, amount, currency, **fields):
    project = Project(
        event=event,
        organisation=organisation,
        title=title,
        kind=fields.pop("kind", ProjectKind.INVESTMENT_PLAN),
        country=fields.pop("country", "PE"),
        amount_sought=amount,
        currency=currency,
        status=fields.pop("status", ProjectStatus.ACCEPTED),
        **fields,
    )
    db.session.add(project)
    db.session.commit()
    return project


def test_converted_total_only_with_a_rate_for_every_currency(db, event, coop):
    projects = [
        _accepted(db, event, coop, "Café", 1_000_000_00, "USD"),
        _accepted(db, event, coop, "Lácteos", 3_750_000_00, "PEN"),
        _accepted(db, event, coop, "Palta", None, "JPY"),
    ]
    assert converted_total(event, projects) is None
    db.session.add(ExchangeRate(event_id=event.id, currency="PEN", rate=Decimal("0.2667")))
    db.session.commit()
    assert converted_total(event, projects) == (2_000_125_00, "USD")
    assert converted_total(event, projects[:1]) == (1_000_000_00, "USD")  # no rate needed


def test_converted_total_rounds_once_into_the_report_currency(db, event, coop):
    event.report_currency = "JPY"
    db.session.add(ExchangeRate(event_id=event.id, currency="USD", rate=Decimal("149.505")))
    db.session.commit()
    projects = [
        _accepted(db, event, coop, "A", 1, "USD"),  # 1.49505 yen
        _accepted(db, event, coop, "B", 1, "USD"),
    ]
    assert converted_total(event, projects) == (3, "JPY")  # 2.9901 -> 3, not 1 + 1


@pytest.fixture
def portfolio(db, event, coop, create_organisation):
    cafe, lacteos = Tag(event=event, name_es="café"), Tag(event=event, name_es="lácteos")
    db.session.add_all([cafe, lacteos])
    fund = create_organisation(name="Gobierno Regional de Cajamarca", country="PE")
    chile = create_organisation(name="AGCID Chile", country="CL")
    _accepted(
        db, event, coop, "Café agroforestal en Jaén", 12_500_000_00, "USD",
        tags=[cafe], instrument=Instrument.BLENDED, regions="Cajamarca",
    )  # fmt: skip
    _accepted(
        db, event, fund, "Lácteos regenerativos en La Libertad", 30_000_000_00, "PEN",
        tags=[lacteos], instrument=Instrument.DEBT, description="Ganadería regenerativa",
    )  # fmt: skip
    _accepted(
        db, event, chile, "Fertilizantes sostenibles", 500_000_00, "USD",
        kind=ProjectKind.COOPERATION_PROJECT, country="CL", instrument=Instrument.GRANT,
    )  # fmt: skip
    _accepted(db, event, coop, "Cacao sin monto", None, "USD", tags=[cafe])
    _accepted(db, event, coop, "Café en revisión", 1_00, "USD", status=ProjectStatus.SUBMITTED)
    return {"cafe": cafe, "lacteos": lacteos}


def titles(event, **filters):
    return [p.title for p in catalogue(event, CatalogueFilters(**filters))]


def test_catalogue_filters_return_exactly_the_matching_accepted_projects(db, event, portfolio):
    assert titles(event) == [
        "Cacao sin monto",
        "Café agroforestal en Jaén",
        "Fertilizantes sostenibles",
        "Lácteos regenerativos en La Libertad",
    ]
    assert titles(event, tag_id=portfolio["cafe"].id) == [
        "Cacao sin monto",
        "Café agroforestal en Jaén",
    ]
    assert titles(event, country="cl") == ["Fertilizantes sostenibles"]
    assert titles(event, instrument=Instrument.DEBT) == ["Lácteos regenerativos en La Libertad"]
    assert titles(event, kind=ProjectKind.COOPERATION_PROJECT) == ["Fertilizantes sostenibles"]
    assert titles(event, text="REGENERATIVA") == ["Lácteos regenerativos en La Libertad"]
    assert titles(event, text="cajamarca") == [
        "Café agroforestal en Jaén",  # its region
        "Lácteos regenerativos en La Libertad",  # its organisation
    ]


def test_catalogue_amount_range_converts_only_with_rates(db, event, portfolio):
    # Without rates only the USD projects can be compared with a USD range.
    assert titles(event, amount_min=1_000_000_00) == ["Café agroforestal en Jaén"]
    assert titles(event, amount_max=1_000_000_00) == ["Fertilizantes sostenibles"]
    assert titles(event, amount_min=1_00, amount_currency="PEN") == [
        "Lácteos regenerativos en La Libertad"
    ]
    db.session.add(ExchangeRate(event_id=event.id, currency="PEN", rate=Decimal("0.27")))
    db.session.commit()
    # 30,000,000 PEN is 8,100,000 USD.
    assert titles(event, amount_min=8_000_000_00, amount_max=8_100_000_00) == [
        "Lácteos regenerativos en La Libertad"
    ]
    assert titles(event, amount_min=8_100_000_01) == ["Café agroforestal en Jaén"]
    # 500,000 USD is 1,851,851.85 PEN; PEN ranges now convert USD projects too.
    assert titles(event, amount_max=2_000_000_00, amount_currency="PEN") == [
        "Fertilizantes sostenibles"
    ]


def test_store_document_uses_a_random_name(folder):
    first, second = store_document(PDF, folder), store_document(PDF, folder)
    assert first != second and first.endswith(".pdf") and len(first) == 36
    assert sorted(p.name for p in folder.iterdir()) == sorted([first, second])


def test_download_name_keeps_the_name_and_drops_paths_and_quotes():
    assert download_name("../../etc/Plan café.pdf") == "Plan café.pdf"
    assert download_name('a"b\r\n.PDF') == "a b .PDF"
    assert download_name("teaser") == "teaser.pdf"


def test_parse_rates_reads_one_rate_per_line_and_reports_bad_lines(app):
    with app.app_context():
        assert parse_rates("PEN 0.27\n\neur: 1,08\nCLP=0.00105") == {
            "PEN": Decimal("0.27000000"),
            "EUR": Decimal("1.08000000"),
            "CLP": Decimal("0.00105000"),
        }
        with pytest.raises(DomainError) as caught:
            parse_rates("PEN 0.27\nXYZ 2\nEUR -1\nPEN 0.28\nnonsense")
    assert caught.value.errors == {
        "rates": [
            "Line 2: “XYZ” is not an ISO 4217 currency code.",
            "Line 3: the rate must be a number above 0.",
            "Line 4: PEN has a rate already.",
            "Line 5: write a currency code and a rate, e.g. PEN 0.27.",
        ]
    }


def test_save_settings_stores_exactly_the_rates_given(db, event):
    save_settings(event, ProjectSettings(False, False, "USD", {"PEN": Decimal("0.27")}))
    save_settings(event, ProjectSettings(False, True, "usd", {"EUR": Decimal("1.08")}))
    rows = db.session.scalars(sa.select(ExchangeRate)).all()
    assert [(r.currency, r.rate) for r in rows] == [("EUR", Decimal("1.08000000"))]
    assert (event.projects_public, event.project_submissions_open, event.report_currency) == (
        False,
        True,
        "USD",
    )
    with pytest.raises(DomainError) as caught:
        save_settings(event, ProjectSettings(True, True, "USD", {"USD": Decimal(1)}))
    assert caught.value.errors == {
        "rates": ["The report currency needs no rate: one USD is worth one USD."]
    }
