"""Delegates: register, see and edit their registration, cancel, take seats in sessions."""

from pathlib import Path

import sqlalchemy as sa
from flask import abort, current_app, flash, redirect, render_template, request, send_file, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required

from forum.accounts.services import confirmation
from forum.core.errors import DomainError
from forum.core.form_html import form_html, form_html_key
from forum.documents.services import calendars
from forum.events.models import ProgrammeSession
from forum.events.registration_window import closed_message, registration_state
from forum.extensions import db, limiter
from forum.privacy.services import notice as privacy_notice
from forum.registration.blueprint import bp
from forum.registration.forms import NEW, JoinForm, ProfileForm, RegistrationForm
from forum.registration.models import Organisation, Registration, SeatStatus, TagRole
from forum.registration.services import newcomers, organisation_picker, photos, seating
from forum.registration.services import registration as service
from forum.registration.services.organisation_picker import OrganisationChoice
from forum.surveys.services.setup import is_open
from forum.web.access import DESK, may, my_registration, own_registration, visible_event
from forum.web.formerrors import show_errors
from forum.web.transaction import undo

PERU_REGIONS = (
    "Amazonas", "Áncash", "Apurímac", "Arequipa", "Ayacucho", "Cajamarca", "Callao", "Cusco",
    "Huancavelica", "Huánuco", "Ica", "Junín", "La Libertad", "Lambayeque", "Lima", "Loreto",
    "Madre de Dios", "Moquegua", "Pasco", "Piura", "Puno", "San Martín", "Tacna", "Tumbes",
    "Ucayali",
)  # fmt: skip
REGION_SUGGESTIONS = 100
# Each attempt counts, known address or not, so that the limits reveal nothing.
REGISTER_LIMIT_PER_CLIENT = "10 per hour"
REGISTER_LIMIT_PER_EMAIL = "5 per hour"


def photo_folder() -> Path:
    return Path(current_app.instance_path) / "uploads" / "photos"


def _region_suggestions() -> list[str]:
    """The regions organisations gave (at most REGION_SUGGESTIONS: the page's size must not
    grow with them), and Peru's."""
    known = db.session.scalars(
        sa.select(Organisation.region)
        .where(Organisation.region != "")
        .group_by(Organisation.region)
        .order_by(sa.func.count().desc(), Organisation.region)
        .limit(REGION_SUGGESTIONS)
    ).all()
    return sorted(set(known) | set(PERU_REGIONS))


def _organisation_input(form) -> service.OrganisationInput:
    """The organisation as the form names it: typed, maybe picked (or "new": the old form's
    value, kept for pages open at an upgrade)."""
    picked = str(form.organisation_id.data or "")
    return service.OrganisationInput(
        typed=True,
        id=organisation_picker.organisation_id_of(picked),
        choice=form.org_choice.data or (NEW if picked == NEW else ""),
        name=form.org_name.data or "",
        type=form.org_type.data,
        country=form.org_country.data or "",
        region=form.org_region.data or "",
        website=form.org_website.data or "",
        size=form.org_size.data,
        women_led=bool(form.org_women_led.data),
    )


def _refused(form, error: DomainError) -> None:
    """Show a refusal on the form; a name that fits several organisations offers them."""
    undo(error)
    if isinstance(error, OrganisationChoice):
        form.organisation_id.data = ""
        form.offer_organisations(error.name, error.matches)
    show_errors(form, error)


def _keep_choice(form) -> None:
    """A form that comes back for another reason keeps the choice the delegate was making."""
    if form.org_choice.data and not form.org_choice.choices:
        name = organisation_picker.normalised(form.org_name.data)
        form.offer_organisations(name, organisation_picker.choices_for(name))


def _profile_input(form) -> service.ProfileInput:
    return service.ProfileInput(
        job_title=form.job_title.data or "",
        gender=form.gender.data,
        languages=form.languages.data or [],
        participant_type_id=form.participant_type_id.data,
        offers=form.offers.data or "",
        seeks=form.seeks.data or "",
        sector_tag_ids=form.sector_tags.data or [],
        offer_tag_ids=form.offer_tags.data or [],
        seek_tag_ids=form.seek_tags.data or [],
        ticket_min=form.ticket_min.data,
        ticket_max=form.ticket_max.data,
        ticket_currency=form.ticket_currency.data,
    )


def _save_photo(form, registration: Registration) -> None:
    upload = form.photo.data
    if not upload or not getattr(upload, "filename", ""):
        return
    name = photos.store_photo(upload.read(), photo_folder())
    photos.remove_photo(registration.photo_file, photo_folder())
    registration.photo_file = name


def _render_form(template: str, event, form, shared: bool = False, **extra):
    """The form page; `shared`: a new registration's empty form (a GET), whose fields but the
    name are the same for everyone who sees the same choices (forum/core/form_html.py)."""
    _keep_choice(form)
    regions = _region_suggestions()
    fields_key = None
    if shared and not form.is_submitted():
        fields_key = form_html_key(
            template, type(form).__name__, event.id, event.slug, tuple(regions),
            tuple(form.participant_type_id.choices), tuple(form.sector_tags.choices),
            bool(event.participant_types), bool(event.tags), str(form.submit.label.text),
        )  # fmt: skip
    return render_template(
        template,
        event=event,
        form=form,
        regions=regions,
        form_html=form_html,
        fields_key=fields_key,
        **extra,
    )


def _register_email_key() -> str:
    """Per address typed in the form; a logged-in user registers as themselves."""
    if current_user.is_authenticated:
        return f"register-user:{current_user.id}"
    return "register-email:" + (request.form.get("email") or "").strip().lower()


def _too_many_registrations() -> str:
    return _("Too many registration attempts. Wait an hour and try again.")


@bp.route("/events/<slug>/register", methods=["GET", "POST"])
@limiter.limit(REGISTER_LIMIT_PER_CLIENT, methods=["POST"], error_message=_too_many_registrations)
@limiter.limit(
    REGISTER_LIMIT_PER_EMAIL,
    methods=["POST"],
    key_func=_register_email_key,
    error_message=_too_many_registrations,
)
def register(slug: str):
    event = visible_event(slug)
    state = registration_state(event)
    if not state.is_open:
        message = closed_message(event, state)
        return render_template("registration/closed.html", event=event, message=message)
    existing = None
    if current_user.is_authenticated:
        existing = my_registration(event)
        if existing is not None and existing.status != service.Status.CANCELLED:
            return redirect(url_for("registration.mine", slug=slug))
        form = JoinForm(name=current_user.name)
        form.submit.label.text = _("Register")
    else:
        form = RegistrationForm()
    form.set_event_choices(event)
    if form.validate_on_submit():
        if not current_user.is_authenticated:
            return _register_newcomer(event, form)
        try:
            current_user.name = form.name.data.strip()
            # the consent (the form's box is required) goes in with the registration's row
            registration = service.register(
                event,
                current_user,
                _organisation_input(form),
                _profile_input(form),
                current=existing,
                consent=True,
            )
        except DomainError as error:
            _refused(form, error)
        else:
            _keep_photo(form, registration)
            flash(_("Thank you: your registration has been received."), "success")
            return redirect(url_for("registration.mine", slug=slug))
    return _render_form("registration/form.html", event, form, shared=True, title=_("Register"))


def _register_newcomer(event, form):
    """A new account, or (for a known address) a mail to its owner; the same page after."""
    try:
        registration = newcomers.register_newcomer(
            event,
            form.email.data,
            form.password.data,
            form.name.data,
            _current_locale(),
            _organisation_input(form),
            _profile_input(form),
        )
    except DomainError as error:
        _refused(form, error)
        return _render_form("registration/form.html", event, form, title=_("Register"))
    if registration is not None:
        privacy_notice.record_consent(registration)  # the form's box is required
        _keep_photo(form, registration)
    return render_template(
        "registration/check_mail.html", event=event, email=form.email.data.strip()
    )


def _keep_photo(form, registration: Registration) -> None:
    try:
        _save_photo(form, registration)
    except DomainError as error:
        flash(str(error), "warning")  # the registration itself is saved


def _current_locale() -> str:
    return get_locale().language


@bp.get("/events/<slug>/me")
@login_required
def mine(slug: str):
    registration = own_registration(slug)
    seats = seating.seats_of(registration)
    return render_template(
        "registration/mine.html",
        calendar_token=calendars.active_token(registration) if registration.is_approved else None,
        event=registration.event,
        registration=registration,
        seats=seats,
        TagRole=TagRole,
        unconfirmed=confirmation.awaits_confirmation(current_user),
        survey_open=registration.is_approved and is_open(registration.event),
    )


@bp.route("/events/<slug>/me/edit", methods=["GET", "POST"])
@login_required
def edit(slug: str):
    registration = own_registration(slug)
    event = registration.event
    form = ProfileForm(obj=registration, name=current_user.name)
    form.set_event_choices(event)
    if not form.is_submitted():
        form.organisation_id.data = str(registration.organisation_id or "")
        form.org_name.data = registration.organisation.name if registration.organisation else ""
        form.languages.data = registration.languages
        form.sector_tags.data = [t.id for t in registration.tags(TagRole.SECTOR)]
        form.offer_tags.data = [t.id for t in registration.tags(TagRole.OFFER)]
        form.seek_tags.data = [t.id for t in registration.tags(TagRole.SEEK)]
    was_approved = registration.is_approved
    if form.validate_on_submit():
        try:
            current_user.name = form.name.data.strip()
            service.update_profile(registration, _organisation_input(form), _profile_input(form))
            _save_photo(form, registration)
        except DomainError as error:
            _refused(form, error)
        else:
            if was_approved and not registration.is_approved:
                flash(_back_to_review(), "warning")
            else:
                flash(_("Your profile has been saved."), "success")
            return redirect(url_for("registration.mine", slug=slug))
    return _render_form(
        "registration/form.html", event, form, title=_("Edit my profile"), approved=was_approved
    )


def _back_to_review() -> str:
    return _(
        "Your profile has been saved. As you changed your organisation, the organizers will "
        "review your registration again; until they approve it, the pages for approved "
        "delegates (meetings, agenda, projects) are closed to you."
    )


@bp.post("/events/<slug>/me/cancel")
@login_required
def cancel(slug: str):
    registration = own_registration(slug)
    if registration.status != service.Status.CANCELLED:
        service.cancel(registration)
        flash(_("Your registration has been cancelled."), "info")
    return redirect(url_for("registration.mine", slug=slug))


@bp.get("/events/<slug>/registrations/<int:registration_id>/photo")
@login_required
def photo(slug: str, registration_id: int):
    event = visible_event(slug)
    registration = db.get_or_404(Registration, registration_id)
    if registration.event_id != event.id or not registration.photo_file:
        abort(404)
    if not _may_see(event, registration):
        abort(404)
    path = photo_folder() / Path(registration.photo_file).name
    if not path.is_file():
        abort(404)
    response = send_file(path, mimetype="image/jpeg", max_age=3600)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = "default-src 'none'"
    # Behind a login: a shared cache must not keep it (send_file would say public).
    response.headers["Cache-Control"] = "private, max-age=3600"
    return response


def _may_see(event, registration: Registration) -> bool:
    """The delegate, the event's organizers and desk, and approved delegates of the same
    event."""
    if registration.user_id == current_user.id or may(event, DESK):
        return True
    viewer = my_registration(event)
    return viewer is not None and viewer.is_approved and registration.is_approved


@bp.post("/events/<slug>/sessions/<int:session_id>/seat")
@login_required
def take_seat(slug: str, session_id: int):
    registration = own_registration(slug)
    programme_session = db.get_or_404(ProgrammeSession, session_id)
    if programme_session.event_id != registration.event_id:
        abort(404)
    try:
        seat = seating.sign_up(programme_session, registration)
    except DomainError as error:
        undo(error)
        flash(str(error), "danger")
    else:
        if seat.status == SeatStatus.SEATED:
            flash(_("You have a seat in this session."), "success")
        else:
            flash(
                _(
                    "The session is full: you are number %(num)d on the waiting list.",
                    num=seating.waiting_position(seat),
                ),
                "warning",
            )
    return redirect(url_for("events.session_page", slug=slug, session_id=session_id))


@bp.post("/events/<slug>/sessions/<int:session_id>/seat/leave")
@login_required
def leave_seat(slug: str, session_id: int):
    registration = own_registration(slug)
    programme_session = db.get_or_404(ProgrammeSession, session_id)
    if programme_session.event_id != registration.event_id:
        abort(404)
    seating.leave(programme_session, registration)
    flash(_("You have left this session."), "info")
    return redirect(url_for("events.session_page", slug=slug, session_id=session_id))
