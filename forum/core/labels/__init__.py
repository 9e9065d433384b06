"""What to call the enums and the SDGs in the user's language.

One mapping per enum, lazily translated, so forms, templates (the `label` filter and the
`labels` global), mails, PDFs and calendars all say the same thing. Country, language and
currency names come from CLDR through Babel, in forum/core/names.py.
"""

import enum

from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext as pgettext  # lazy; so named, pybabel reads its context

from forum.core.names import (  # noqa: F401  (importable from here, as they always were)
    country_choices,
    country_name,
    language_choices,
    language_name,
)
from forum.documents.models import JobStatus
from forum.events.models import EventFormat, EventStatus, LinkAudience, SessionKind, TeamRole
from forum.mailings.models import MailingStatus
from forum.meetings.models import (
    Attendance,
    HalfDay,
    MeetingKind,
    MeetingStatus,
    OutcomeKind,
    Priority,
    RequestStatus,
)
from forum.messaging.models import ReportStatus
from forum.notifications.models import MailStatus
from forum.projects.models import (
    CommitmentStatus,
    Instrument,
    InterestLevel,
    ProjectKind,
    ProjectStage,
    ProjectStatus,
)
from forum.registration.models import (
    Gender,
    OrganisationSize,
    OrganisationType,
    RegistrationStatus,
)
from forum.surveys.models import QuestionKind
from forum.webhooks.models import DeliveryStatus

# Events

SESSION_KIND_LABELS = {
    SessionKind.PLENARY: _l("Plenary"),
    SessionKind.PANEL: _l("Panel"),
    SessionKind.WORKSHOP: _l("Workshop"),
    SessionKind.PITCH: _l("Pitch session"),
    SessionKind.B2B: _l("B2B/B2G meeting block"),
    SessionKind.NETWORKING: _l("Networking"),
    SessionKind.BREAK: _l("Break"),
}
LINK_AUDIENCE_LABELS = {
    LinkAudience.PARTICIPANTS: _l("Approved delegates only (a meeting room)"),
    LinkAudience.PUBLIC: _l("Anyone (a public webcast)"),
}
FORMAT_LABELS = {
    EventFormat.IN_PERSON: _l("In person"),
    EventFormat.VIRTUAL: _l("Virtual"),
    EventFormat.HYBRID: _l("Hybrid"),
}
EVENT_STATUS_LABELS = {
    EventStatus.DRAFT: _l("Draft"),
    EventStatus.PUBLISHED: _l("Published"),
    EventStatus.ARCHIVED: _l("Archived"),
}

# Registration

# Status labels, in Spanish one grammatical form per family, agreeing with the noun the family
# is about, so a column or a badge never reads "enviada" beside "aprobado": registrations
# (la inscripción), requests (la solicitud) and meetings (la reunión) feminine participles;
# projects (el proyecto), commitments (el compromiso), mails, documents, events and mailings
# masculine ones; a state that is no participle says "en ..." ("en lista de espera",
# "en revisión", "en borrador"). A context (pgettext) keeps a family's word apart where the
# same English word belongs to another family.
REGISTRATION_STATUS_LABELS = {
    RegistrationStatus.SUBMITTED: _l("submitted"),
    RegistrationStatus.APPROVED: _l("approved"),
    RegistrationStatus.WAITING: pgettext("registration status", "waiting list"),
    RegistrationStatus.REJECTED: _l("rejected"),
    RegistrationStatus.CANCELLED: _l("cancelled"),
}
ORG_TYPE_LABELS = {
    OrganisationType.COMPANY: _l("Private company"),
    OrganisationType.PRODUCER_ORGANISATION: _l("Producer organisation / cooperative"),
    OrganisationType.INVESTOR: _l("Investor / financial institution"),
    OrganisationType.NATIONAL_GOVERNMENT: _l("National government"),
    OrganisationType.REGIONAL_GOVERNMENT: _l("Regional or local government"),
    OrganisationType.COOPERATION_AGENCY: _l("Cooperation agency / international organisation"),
    OrganisationType.ACADEMIA_NGO: _l("Academia / NGO"),
}
GENDER_LABELS = {
    Gender.FEMALE: _l("Woman"),
    Gender.MALE: _l("Man"),
    Gender.OTHER: _l("Other"),
    Gender.UNDISCLOSED: _l("Prefer not to say"),
}
SIZE_LABELS = {
    OrganisationSize.MICRO: _l("Micro (1–10 people)"),
    OrganisationSize.SMALL: _l("Small (11–50)"),
    OrganisationSize.MEDIUM: _l("Medium (51–250)"),
    OrganisationSize.LARGE: _l("Large (over 250)"),
}

# Meetings

MEETING_KIND_LABELS = {
    MeetingKind.B2B: _l("B2B (business to business)"),
    MeetingKind.B2G: _l("B2G (business to government)"),
}
REQUEST_STATUS_LABELS = {
    RequestStatus.PENDING: _l("pending"),
    RequestStatus.ACCEPTED: _l("accepted"),
    RequestStatus.DECLINED: _l("declined"),
    RequestStatus.CANCELLED: _l("cancelled"),
    RequestStatus.EXPIRED: _l("expired"),
}
MEETING_STATUS_LABELS = {
    MeetingStatus.SCHEDULED: _l("confirmed"),
    MeetingStatus.PUBLISHED: _l("published"),
    MeetingStatus.CANCELLED: _l("cancelled"),
}
PRIORITY_LABELS = {
    Priority.MUST_MEET: _l("Must meet"),
    Priority.WOULD_LIKE: _l("Would like to meet"),
}
HALF_DAY_LABELS = {HalfDay.MORNING: _l("Morning"), HalfDay.AFTERNOON: _l("Afternoon")}
ATTENDANCE_LABELS = {
    Attendance.HELD: _l("The meeting was held"),
    Attendance.NO_SHOW: _l("The other side did not come"),
    Attendance.CANCELLED_ON_DAY: _l("It was cancelled on the day"),
}
OUTCOME_LABELS = {
    OutcomeKind.FOLLOW_UP: _l("Follow-up agreed"),
    OutcomeKind.PARTNERSHIP: _l("Partnership"),
    OutcomeKind.INVESTMENT_DISCUSSION: _l("Investment discussion"),
    OutcomeKind.NONE: _l("None"),
}

# Projects and investment

PROJECT_KIND_LABELS = {
    ProjectKind.INVESTMENT_PLAN: _l("Investment plan"),
    ProjectKind.COOPERATION_PROJECT: _l("Cooperation project"),
    ProjectKind.BUSINESS_PROPOSAL: _l("Business proposal"),
}
INSTRUMENT_LABELS = {
    Instrument.EQUITY: _l("Equity"),
    Instrument.DEBT: _l("Debt"),
    Instrument.GRANT: _l("Grant"),
    Instrument.BLENDED: _l("Blended finance"),
    Instrument.TECHNICAL_COOPERATION: _l("Technical cooperation"),
}
STAGE_LABELS = {
    ProjectStage.IDEA: _l("Idea"),
    ProjectStage.PRE_FEASIBILITY: _l("Pre-feasibility"),
    ProjectStage.FEASIBILITY: _l("Feasibility"),
    ProjectStage.OPERATING: _l("Operating"),
}
PROJECT_STATUS_LABELS = {
    ProjectStatus.SUBMITTED: _l("under review"),
    ProjectStatus.NEEDS_CHANGES: _l("needs changes"),
    # In Spanish a project (el proyecto) is "aceptado", a registration or a request "aceptada".
    ProjectStatus.ACCEPTED: pgettext("project status", "accepted"),
    ProjectStatus.REJECTED: pgettext("project status", "rejected"),
}
INTEREST_LEVEL_LABELS = {
    InterestLevel.FOLLOW: _l("Follow the project"),
    InterestLevel.INTERESTED: _l("Interested"),
    InterestLevel.READY: _l("Ready to discuss terms"),
}
COMMITMENT_LABELS = {
    CommitmentStatus.IN_TALKS: _l("In talks"),
    CommitmentStatus.TERM_SHEET: _l("Term sheet"),
    CommitmentStatus.COMMITTED: _l("Committed"),
    CommitmentStatus.DECLINED: _l("Declined"),
}

# Mail outbox and bulk documents

MAIL_STATUS_LABELS = {
    MailStatus.QUEUED: _l("Queued"),
    MailStatus.SENT: _l("Sent"),
    MailStatus.FAILED: _l("Failed"),
}
WEBHOOK_DELIVERY_LABELS = {
    DeliveryStatus.PENDING: _l("Pending"),
    DeliveryStatus.DELIVERED: _l("Delivered"),
    DeliveryStatus.FAILED: _l("Failed"),
}
# What each webhook kind (forum/webhooks/models.py KINDS) tells, for the endpoint form.
WEBHOOK_KIND_LABELS = {
    "registration.created": _l("A delegate registers"),
    "registration.approved": _l("A registration is approved"),
    "meeting.placed": _l("A meeting gets its time and table"),
    "meeting.moved": _l("A meeting moves"),
    "meeting.cancelled": _l("A meeting is cancelled"),
    "schedule.published": _l("The meeting schedule is published"),
    "project.submitted": _l("A project is submitted"),
    "interest.created": _l("An investor shows interest in a project"),
    "ping": _l("Test"),
}
JOB_STATUS_LABELS = {
    JobStatus.QUEUED: _l("Queued"),
    JobStatus.RUNNING: _l("Running"),
    JobStatus.DONE: _l("Ready"),
    JobStatus.FAILED: _l("Failed"),
}

TEAM_ROLE_LABELS = {
    TeamRole.ORGANIZER: pgettext("team role", "Organizer"),
    TeamRole.DESK: pgettext("team role", "Registration desk"),
    TeamRole.REVIEWER: pgettext("team role", "Project reviewer"),
    TeamRole.VIEWER: pgettext("team role", "Viewer (reports, read-only)"),
}

STATUS_COLOURS = {
    ProjectStatus.SUBMITTED: "secondary",
    ProjectStatus.NEEDS_CHANGES: "warning",
    ProjectStatus.ACCEPTED: "success",
    ProjectStatus.REJECTED: "danger",
}
SDG_LABELS = {
    1: _l("No poverty"),
    2: _l("Zero hunger"),
    3: _l("Good health and well-being"),
    4: _l("Quality education"),
    5: _l("Gender equality"),
    6: _l("Clean water and sanitation"),
    7: _l("Affordable and clean energy"),
    8: _l("Decent work and economic growth"),
    9: _l("Industry, innovation and infrastructure"),
    10: _l("Reduced inequalities"),
    11: _l("Sustainable cities and communities"),
    12: _l("Responsible consumption and production"),
    13: _l("Climate action"),
    14: _l("Life below water"),
    15: _l("Life on land"),
    16: _l("Peace, justice and strong institutions"),
    17: _l("Partnerships for the goals"),
}

MAILING_STATUS_LABELS = {
    MailingStatus.DRAFT: pgettext("mailing", "draft"),
    MailingStatus.SENT: pgettext("mailing", "sent"),
}

MESSAGE_REPORT_LABELS = {
    ReportStatus.OPEN: pgettext("message report", "open"),
    ReportStatus.DISMISSED: pgettext("message report", "dismissed"),
    ReportStatus.SENDER_SUSPENDED: pgettext("message report", "messaging turned off"),
}

# Every labelled enum, for the `label` filter and the test that no member goes unnamed.
QUESTION_KIND_LABELS = {
    QuestionKind.RATING: _l("Rating from 1 to 5"),
    QuestionKind.YES_NO: _l("Yes or no"),
    QuestionKind.TEXT: _l("Free text"),
}

ENUM_LABELS: dict[type[enum.Enum], dict] = {
    SessionKind: SESSION_KIND_LABELS,
    LinkAudience: LINK_AUDIENCE_LABELS,
    EventFormat: FORMAT_LABELS,
    EventStatus: EVENT_STATUS_LABELS,
    RegistrationStatus: REGISTRATION_STATUS_LABELS,
    OrganisationType: ORG_TYPE_LABELS,
    Gender: GENDER_LABELS,
    OrganisationSize: SIZE_LABELS,
    MeetingKind: MEETING_KIND_LABELS,
    RequestStatus: REQUEST_STATUS_LABELS,
    MeetingStatus: MEETING_STATUS_LABELS,
    Priority: PRIORITY_LABELS,
    HalfDay: HALF_DAY_LABELS,
    Attendance: ATTENDANCE_LABELS,
    OutcomeKind: OUTCOME_LABELS,
    ProjectKind: PROJECT_KIND_LABELS,
    Instrument: INSTRUMENT_LABELS,
    ProjectStage: STAGE_LABELS,
    ProjectStatus: PROJECT_STATUS_LABELS,
    InterestLevel: INTEREST_LEVEL_LABELS,
    CommitmentStatus: COMMITMENT_LABELS,
    MailStatus: MAIL_STATUS_LABELS,
    DeliveryStatus: WEBHOOK_DELIVERY_LABELS,
    JobStatus: JOB_STATUS_LABELS,
    TeamRole: TEAM_ROLE_LABELS,
    MailingStatus: MAILING_STATUS_LABELS,
    ReportStatus: MESSAGE_REPORT_LABELS,
    QuestionKind: QUESTION_KIND_LABELS,
}

# One object for templates: labels.kind[project.kind], labels.sdg[3]...
LABELS = {
    "kind": PROJECT_KIND_LABELS,
    "instrument": INSTRUMENT_LABELS,
    "stage": STAGE_LABELS,
    "status": PROJECT_STATUS_LABELS,
    "status_colour": STATUS_COLOURS,
    "sdg": SDG_LABELS,
}


def label(member) -> str:
    """The name of an enum member in the current language; anything else comes back as text."""
    mapping = ENUM_LABELS.get(type(member))
    if mapping is None or member not in mapping:
        return "" if member is None else str(member)
    return str(mapping[member])


def label_choices(mapping: dict, blank: str | None = None) -> list[tuple]:
    """Select-field choices from a label mapping: (value, label), optionally after a blank one."""
    items = [(member.value, text) for member, text in mapping.items()]
    return [("", blank), *items] if blank is not None else items


# Labels of strings that are not enums (audit codes and fields, tz regions), importable from
# here as before.
from forum.core.labels.codes import (  # noqa: E402,F401
    AUDIT_ACTION_LABELS,
    AUDIT_FIELD_LABELS,
    ZONE_REGION_LABELS,
)
