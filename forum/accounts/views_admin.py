"""The platform admin's user list: search, deactivate or reactivate, grant or revoke admin."""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.orm import selectinload

from forum.accounts.admin_forms import SwitchForm
from forum.accounts.blueprint import bp
from forum.accounts.models import User
from forum.accounts.services import admin as admin_service
from forum.accounts.services import invitations
from forum.core.errors import DomainError
from forum.core.labels import label
from forum.events.models import EventRole, TeamRole
from forum.extensions import db
from forum.web.access import admin_required
from forum.web.transaction import undo


@bp.get("/manage/users")
@admin_required
def users():
    text = request.args.get("q", "").strip()
    query = admin_service.users_query(text).options(
        selectinload(User.event_roles).selectinload(EventRole.event)
    )
    pagination = db.paginate(
        query,
        page=request.args.get("page", 1, type=int),
        per_page=admin_service.PER_PAGE,
        error_out=False,
    )
    return render_template(
        "accounts/users.html",
        text=text,
        pagination=pagination,
        is_pending=invitations.is_pending,
        role_label=lambda role: label(TeamRole(role)),
    )


def _switch(user_id: int, change, done: dict[bool, str]):
    user = db.get_or_404(User, user_id)
    form = SwitchForm()
    if not form.validate_on_submit():
        flash(_("The form has expired; try again."), "danger")
    else:
        on = form.value.data == "1"
        try:
            change(user, on, by=current_user._get_current_object())
        except DomainError as error:
            flash(str(undo(error)), "danger")
        else:
            flash(done[on] % {"name": admin_service.account_name(user)}, "success")
    back = request.form.get("next", "")
    # back to the same search and page, and nowhere else
    return redirect(back if back.startswith("/manage/users?") else url_for("accounts.users"))


@bp.post("/manage/users/<int:user_id>/active")
@admin_required
def user_active(user_id: int):
    return _switch(
        user_id,
        admin_service.set_active,
        {
            True: _("%(name)s can log in again."),
            False: _("%(name)s is deactivated and logged out everywhere."),
        },
    )


@bp.post("/manage/users/<int:user_id>/admin")
@admin_required
def user_admin(user_id: int):
    return _switch(
        user_id,
        admin_service.set_admin,
        {
            True: _("%(name)s is now a platform admin."),
            False: _("%(name)s is no longer a platform admin."),
        },
    )
