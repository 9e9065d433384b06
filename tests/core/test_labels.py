"""Every enum has one name per language, kept in the forum/core/labels package and nowhere else."""

import ast
import enum
import importlib
import pkgutil
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from flask import render_template_string
from flask_babel import force_locale

import forum
from forum.core import labels
from forum.events.models import EventStatus
from forum.meetings.models import HalfDay, MeetingKind, MeetingStatus, Priority, RequestStatus
from forum.projects.models import CommitmentStatus, InterestLevel, ProjectStatus
from forum.registration.models import OrganisationType, RegistrationStatus

FORUM = Path(forum.__file__).parent
SPANISH_PO = FORUM / "translations" / "es" / "LC_MESSAGES" / "messages.po"
# Enums nobody reads: stored codes for seats and tag roles, internal states of services
# (an EventJob's status: its page says in sentences how far the work got).
UNLABELLED = {
    "TagRole",
    "SeatStatus",
    "BulkAction",
    "EntryStatus",
    "Window",
    "ReminderKind",
    "EventJobStatus",
    "TokenScope",  # an API token's scope: its form and page say it in words (forum/api)
}


def forum_enums() -> set[type[enum.Enum]]:
    """Every enum defined in a module of the app (the scheduling engine has none to show)."""
    found = set()
    for info in pkgutil.walk_packages([str(FORUM)], "forum."):
        if info.name.startswith(("forum.demo", "forum.scheduling")):
            continue
        module = importlib.import_module(info.name)
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and issubclass(value, enum.Enum)
                and value.__module__ == info.name
            ):
                found.add(value)
    return found


def test_every_enum_of_the_app_is_labelled_or_deliberately_not(app):
    names = {cls.__name__ for cls in forum_enums()}
    assert names - UNLABELLED == {cls.__name__ for cls in labels.ENUM_LABELS}


def test_every_member_of_every_labelled_enum_has_a_label_in_english_and_spanish(app):
    catalogue = read_po(SPANISH_PO.open("rb"), locale="es")
    with app.test_request_context():
        for cls, mapping in labels.ENUM_LABELS.items():
            assert set(mapping) == set(cls), cls.__name__
            for member in cls:
                with force_locale("en"):
                    english = labels.label(member)
                with force_locale("es"):
                    spanish = labels.label(member)
                assert english, (cls.__name__, member)
                # the English text is the msgid, and the Spanish catalogue translates it
                translations = {m.string for m in catalogue if m.id == english}
                assert spanish in translations - {""}, english


@pytest.mark.parametrize(
    ("member", "spanish", "english"),
    [
        (RegistrationStatus.WAITING, "en lista de espera", "waiting list"),
        (MeetingStatus.SCHEDULED, "confirmada", "confirmed"),
        (
            OrganisationType.PRODUCER_ORGANISATION,
            "Organización de productores / cooperativa",
            "Producer organisation / cooperative",
        ),
        (Priority.MUST_MEET, "Reunión imprescindible", "Must meet"),
        (HalfDay.MORNING, "Mañana", "Morning"),
        (MeetingKind.B2G, "B2G (empresa a gobierno)", "B2G (business to government)"),
        (ProjectStatus.SUBMITTED, "en revisión", "under review"),
        # the same English word agrees with a different Spanish noun
        (ProjectStatus.ACCEPTED, "aceptado", "accepted"),
        (RequestStatus.ACCEPTED, "aceptada", "accepted"),
        (ProjectStatus.REJECTED, "rechazado", "rejected"),
        (RegistrationStatus.REJECTED, "rechazada", "rejected"),
        (EventStatus.DRAFT, "En borrador", "Draft"),
        (ProjectStatus.NEEDS_CHANGES, "pendiente de cambios", "needs changes"),
        (InterestLevel.INTERESTED, "Interés declarado", "Interested"),
        (CommitmentStatus.TERM_SHEET, "Con hoja de términos", "Term sheet"),
    ],
)
def test_labels_in_spanish_and_english(app, member, spanish, english):
    with app.test_request_context():
        with force_locale("es"):
            assert labels.label(member) == spanish
            assert render_template_string("{{ m|label }}", m=member) == spanish
        with force_locale("en"):
            assert labels.label(member) == english


def test_label_of_something_that_is_not_a_labelled_enum_is_its_text():
    assert labels.label(None) == ""
    assert labels.label("b2b") == "b2b"


def test_label_choices_keep_the_order_and_put_the_blank_first(app):
    with app.test_request_context(), force_locale("es"):
        choices = labels.label_choices(labels.HALF_DAY_LABELS, blank="—")
        assert [(value, str(text)) for value, text in choices] == [
            ("", "—"),
            ("am", "Mañana"),
            ("pm", "Tarde"),
        ]


def test_no_other_module_defines_a_labels_dict():
    """Labels live in the forum/core/labels package only (enums in its __init__)."""
    offenders = []
    for path in FORUM.rglob("*.py"):
        if path.parent == FORUM / "core" / "labels":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets = node.targets if isinstance(node, ast.Assign) else []
            if isinstance(node, ast.AnnAssign):
                targets = [node.target]
            offenders += [
                f"{path.relative_to(FORUM)}:{t.id}"
                for t in targets
                if isinstance(t, ast.Name) and t.id.endswith("_LABELS")
            ]
    assert offenders == []


# In Spanish each family of status labels takes one grammatical form, agreeing with the noun
# it is about (forum/core/labels/ says which): never "enviada" beside "aprobado".
SPANISH_STATUS_FAMILIES = {
    "REGISTRATION_STATUS_LABELS": [
        "enviada", "aprobada", "en lista de espera", "rechazada", "cancelada"
    ],
    "REQUEST_STATUS_LABELS": ["pendiente", "aceptada", "rechazada", "cancelada", "vencida"],
    "MEETING_STATUS_LABELS": ["confirmada", "publicada", "cancelada"],
    "PROJECT_STATUS_LABELS": ["en revisión", "pendiente de cambios", "aceptado", "rechazado"],
    "COMMITMENT_LABELS": [
        "En conversaciones", "Con hoja de términos", "Comprometido", "Declinado"
    ],
    "INTEREST_LEVEL_LABELS": [
        "Seguimiento del proyecto", "Interés declarado", "Disposición a negociar condiciones"
    ],
    "EVENT_STATUS_LABELS": ["En borrador", "Publicado", "Archivado"],
    "MAILING_STATUS_LABELS": ["en borrador", "enviado"],
    "MAIL_STATUS_LABELS": ["En cola", "Enviado", "Fallido"],
    "JOB_STATUS_LABELS": ["En cola", "En curso", "Listo", "Fallido"],
}  # fmt: skip


@pytest.mark.parametrize("family", sorted(SPANISH_STATUS_FAMILIES))
def test_each_family_of_status_labels_has_one_form_in_spanish(app, family):
    with app.test_request_context(), force_locale("es"):
        spanish = [str(text) for text in getattr(labels, family).values()]
    assert spanish == SPANISH_STATUS_FAMILIES[family]
    feminine = {word[:-1] for word in spanish if word.endswith("ada")}
    masculine = {word[:-1] for word in spanish if word.endswith("ado")}
    assert not (feminine and masculine), spanish


def test_the_dashboard_counts_approved_registrations_in_the_feminine(app):
    with app.test_request_context(), force_locale("es"):
        html = render_template_string("{{ _('Registrations') }} · {{ _('Approved') }}")
    assert html == "Inscripciones · Aprobadas"
