"""'My data' and deleting one's own account."""

import os
import tempfile
from pathlib import Path

from flask import after_this_request, flash, redirect, render_template, send_file, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, logout_user

from forum.accounts import services as accounts
from forum.accounts.login import SESSION_KEY
from forum.core.errors import DomainError
from forum.privacy.blueprint import bp
from forum.privacy.forms import DeleteAccountForm
from forum.privacy.services import erasure, export
from forum.web.transaction import undo


@bp.get("/account/data")
@login_required
def my_data():
    registrations = sorted(current_user.registrations, key=lambda r: r.id)
    return render_template("privacy/my_data.html", registrations=registrations)


@bp.get("/account/data.zip")
@login_required
def my_data_zip():
    handle, name = tempfile.mkstemp(prefix="foro-my-data-", suffix=".zip")
    os.close(handle)
    path = Path(name)
    export.write_zip(current_user, path)

    @after_this_request
    def _remove(response):
        # send_file keeps the file open; on POSIX it can go now and is freed once read.
        path.unlink(missing_ok=True)
        return response

    response = send_file(
        path, mimetype="application/zip", as_attachment=True, download_name="my-data.zip"
    )
    response.headers["Cache-Control"] = "no-store"
    return response


def _confirmed(form) -> bool:
    if current_user.has_password:
        return current_user.check_password(form.password.data or "")
    typed = (form.email.data or "").strip().casefold()
    return typed == current_user.email.casefold()


@bp.route("/account/delete", methods=["GET", "POST"])
@login_required
def delete_account():
    form = DeleteAccountForm()
    refusal = erasure.refusal(current_user)
    if not current_user.has_password:
        del form.password
    else:
        del form.email
    if not refusal and form.validate_on_submit():
        if not _confirmed(form):
            field = form.password if current_user.has_password else form.email
            field.errors.append(
                _("This is not your password.")
                if current_user.has_password
                else _("This is not your email address.")
            )
        else:
            try:
                erasure.erase_person(current_user._get_current_object())
            except DomainError as error:
                undo(error)
                flash(str(error), "danger")
            else:
                accounts.end_session(session.get(SESSION_KEY))
                logout_user()
                session.clear()
                flash(_("Your account and your personal data have been deleted."), "info")
                return redirect(url_for("events.index"))
    return render_template("privacy/delete_account.html", form=form, refusal=refusal)
