"""What to call the enums and the SDGs in the user's language: pages, forms, PDFs, calendars."""

from flask_babel import lazy_gettext as _l

from forum.events.models import EventFormat, SessionKind
from forum.projects.models import Instrument, ProjectKind, ProjectStage, ProjectStatus

SESSION_KIND_LABELS = {
    SessionKind.PLENARY: _l("Plenary"),
    SessionKind.PANEL: _l("Panel"),
    SessionKind.WORKSHOP: _l("Workshop"),
    SessionKind.PITCH: _l("Pitch session"),
    SessionKind.B2B: _l("B2B/B2G meeting block"),
    SessionKind.NETWORKING: _l("Networking"),
    SessionKind.BREAK: _l("Break"),
}
FORMAT_LABELS = {
    EventFormat.IN_PERSON: _l("In person"),
    EventFormat.VIRTUAL: _l("Virtual"),
    EventFormat.HYBRID: _l("Hybrid"),
}

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
    ProjectStatus.ACCEPTED: _l("accepted"),
    ProjectStatus.REJECTED: _l("rejected"),
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
# One object for templates: labels.kind[project.kind], labels.sdg[3]...
LABELS = {
    "kind": PROJECT_KIND_LABELS,
    "instrument": INSTRUMENT_LABELS,
    "stage": STAGE_LABELS,
    "status": PROJECT_STATUS_LABELS,
    "status_colour": STATUS_COLOURS,
    "sdg": SDG_LABELS,
}
