"""Import delegates from a CSV file: every row is checked first, then all or nothing.

The file: UTF-8 (with or without a byte order mark), separated by commas or semicolons,
a header row naming the columns (in any order; unknown columns are ignored, so a file
exported from the registration desk can be imported again):

    required  email, name, organisation, organisation_type, country
    optional  job_title, gender, region, participant_type, status, sectors, locale, women_led

- organisation_type: a code of OrganisationType (company, producer_org, investor, ...);
  the organisation is reused when one with the same name and country exists.
- country: an ISO 3166 code (PE, PER) or English name (Peru).
- gender: female, male, other, undisclosed or empty.
- participant_type and sectors: names of this event's participant types and tags;
  sectors separated by ';'.
- status: approved, submitted or waiting; empty means approved (DEFAULT_STATUS), since an
  imported list is usually people the organizers have chosen (delegations, speakers).
  Approved rows must fit the event's capacity and their participant type's quota.

- women_led: yes or no (the organisation is led by women); empty leaves it as it is.
- locale: the language of the person's mails, es or en; empty means the event's first
  language.

Rows are numbered as a spreadsheet shows them: the header is row 1. New accounts get no
password: each person without one gets an invitation (accounts.services.invitations), in
their language and naming the event, to choose it.
"""

from flask_babel import gettext as _

from forum.accounts.models import User
from forum.accounts.services import invitations
from forum.audit import services as audit
from forum.core.errors import DomainError
from forum.core.locks import lock_row
from forum.core.savepoint import all_or_nothing
from forum.core.types import utcnow
from forum.events.models import Event
from forum.extensions import db
from forum.notifications import notify as tell
from forum.registration.models import Registration, RegistrationStatus, RegistrationTag, TagRole
from forum.registration.services.delegate_file import ImportProblem
from forum.registration.services.delegate_rows import (  # noqa: F401 (the desk reads these here)
    DEFAULT_STATUS,
    IMPORT_STATUSES,
    OPTIONAL_COLUMNS,
    DelegateRow,
    check_file,
)
from forum.registration.services.registration import OrganisationInput, resolve_organisation
from forum.webhooks import tell as webhooks


class ImportRefused(DomainError):
    """The file has problems; nothing was imported."""

    def __init__(self, problems: list[ImportProblem]) -> None:
        self.problems = problems
        super().__init__(_("Nothing was imported: the file has problems, listed below."))


@all_or_nothing
def import_delegates(
    event: Event, data: bytes, notify: bool = False, file_name: str = ""
) -> list[Registration]:
    """Create the accounts, organisations and registrations of a CSV file in one transaction.

    Raises ImportRefused, with every problem, if any row is wrong: then nothing is saved.
    Each person without a password gets an invitation naming the event; with `notify`,
    each of the others gets the usual mail for their status. The audit log keeps one
    entry: how many registrations were created and updated, from which file.
    """
    lock_row(Event, event.id)  # capacity is checked and used under the same lock
    rows, problems = check_file(event, data)
    if problems:
        raise ImportRefused(problems)
    now = utcnow()
    registrations = []
    created: list[int] = []  # positions in `registrations` of the new ones
    updated = sum(1 for row in rows if row.registration is not None)
    for row in rows:
        user = row.user
        if user is None:
            user = User(email=row.email, name=row.name, password_hash="")
            db.session.add(user)
        if not user.has_password:
            user.locale = row.locale or user.locale or event.main_language
        try:
            organisation = resolve_organisation(
                OrganisationInput(
                    name=row.organisation,
                    type=row.organisation_type,
                    country=row.country,
                    region=row.region,
                    women_led=bool(row.women_led),
                )
            )
            if row.women_led is not None:  # the file says so: an existing organisation too
                organisation.women_led = row.women_led
        except DomainError as error:  # checked above; kept for safety, reported like the rest
            raise ImportRefused([ImportProblem(row.row, "organisation", str(error))]) from None
        if row.registration is None:
            created.append(len(registrations))
        registration = row.registration or Registration(event=event, user=user)
        registration.organisation = organisation
        registration.job_title = row.job_title
        registration.gender = row.gender
        registration.participant_type = row.participant_type
        registration.status, registration.status_changed_at = row.status, now
        registration.tag_links = [RegistrationTag(tag=t, role=TagRole.SECTOR) for t in row.sectors]
        db.session.add(registration)
        registrations.append(registration)
    db.session.flush()
    counts = {"created": len(rows) - updated, "updated": updated}
    if file_name:
        counts["file"] = file_name
    audit.record(event, "registrations.imported", file_name or "CSV", after=counts)
    new = [registrations[i] for i in created]
    webhooks.registrations_created(event, new)
    webhooks.registrations_approved(
        event, [r for r in new if r.status == RegistrationStatus.APPROVED]
    )
    for registration in registrations:
        if invitations.is_pending(registration.user):
            invitations.invite(registration.user, event=event)
        elif notify:
            tell.registration_status_changed(registration)
    return registrations
