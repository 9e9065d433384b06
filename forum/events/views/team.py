"""The team page of an event (who organizes, works the desk, reviews, reads) and the list
of the events a user helps run."""

from flask import flash, redirect, render_template, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required

from forum.accounts.services import invitations
from forum.core.errors import DomainError
from forum.core.labels import label
from forum.events.blueprint import bp
from forum.events.models import EventRole, TeamRole
from forum.events.services import team as team_service
from forum.events.team_forms import RoleForm, TeamMemberForm
from forum.web.access import event_item, organizer_required
from forum.web.formerrors import show_errors
from forum.web.pagination import paginate
from forum.web.transaction import undo


def _team_page(event, form: TeamMemberForm):
    pagination = paginate(team_service.team_query(event))
    members = pagination.items
    role_forms = {}
    for member in members:
        role_forms[member.id] = RoleForm(prefix=f"m{member.id}", role=member.role)
    return render_template(
        "events/manage/team.html",
        event=event,
        form=form,
        members=members,
        pagination=pagination,
        role_forms=role_forms,
        is_pending=invitations.is_pending,
        role_label=role_label,
    )


def role_label(role: str | None) -> str:
    """A team role in the reader's words ("Registration desk")."""
    return label(TeamRole(role)) if role else ""


def _added_message(member: EventRole) -> str:
    email, role = member.user.email, label(TeamRole(member.role))
    if invitations.is_pending(member.user):
        return _(
            "%(email)s was added as %(role)s and invited by email to choose a password.",
            email=email,
            role=role,
        )
    return _("%(email)s was added as %(role)s and told by email.", email=email, role=role)


@bp.route("/events/<slug>/manage/team", methods=["GET", "POST"])
@organizer_required
def team(event):
    form = TeamMemberForm()
    if not form.is_submitted():
        form.language.data = get_locale().language
    if form.validate_on_submit():
        try:
            member = team_service.add_member(
                event,
                form.email.data,
                form.role.data,
                name=form.name.data or "",
                inviter=current_user._get_current_object(),
                locale=form.language.data,
            )
        except DomainError as error:
            show_errors(form, undo(error))
        else:
            flash(_added_message(member), "success")
            return redirect(url_for("events.team", slug=event.slug))
    return _team_page(event, form)


@bp.post("/events/<slug>/manage/team/<int:role_id>")
@organizer_required
def change_team_role(event, role_id: int):
    member = event_item(event, EventRole, role_id)
    form = RoleForm(prefix=f"m{member.id}")
    if not form.validate_on_submit():
        flash(_("Choose a role from the list."), "danger")
    else:
        try:
            team_service.change_role(event, member, form.role.data)
        except DomainError as error:
            flash(str(undo(error)), "danger")
        else:
            name, role = team_service.member_name(member), label(TeamRole(member.role))
            flash(_("%(name)s is now %(role)s.", name=name, role=role), "success")
    return redirect(url_for("events.team", slug=event.slug))


@bp.post("/events/<slug>/manage/team/<int:role_id>/remove")
@organizer_required
def remove_team_member(event, role_id: int):
    member = event_item(event, EventRole, role_id)
    name = team_service.member_name(member)
    try:
        team_service.remove_member(event, member)
    except DomainError as error:
        flash(str(undo(error)), "danger")
    else:
        flash(_("%(name)s is no longer in the team.", name=name), "info")
    if not current_user.is_team_member_of(event):
        return redirect(url_for("events.my_events"))
    return redirect(url_for("events.team", slug=event.slug))


@bp.get("/manage/events")
@login_required
def my_events():
    return render_template(
        "events/manage/events.html",
        events=team_service.events_of(current_user),
        role_label=role_label,
    )
