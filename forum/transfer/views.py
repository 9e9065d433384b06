"""Whole-event pages: the organizer's JSON download, the admin's import, a new edition."""

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from forum.core.errors import DomainError
from forum.extensions import csrf
from forum.transfer.blueprint import bp
from forum.transfer.forms import ImportEventForm, NewEditionForm
from forum.transfer.services.edition import copy_as_new_edition
from forum.transfer.services.export import export_for_download
from forum.transfer.services.importer import (
    SIZE_LIMIT,
    import_event,
    read_document,
    too_large_message,
)
from forum.web.access import admin_required, organizer_required
from forum.web.formerrors import show_errors
from forum.web.transaction import undo

TOO_LARGE = 413


@bp.get("/events/<slug>/manage/export.json")
@organizer_required
def export(event):
    body = export_for_download(event, by=current_user)
    response = current_app.response_class(body, mimetype="application/json")
    response.headers.set("Content-Disposition", "attachment", filename=f"{event.slug}.json")
    response.cache_control.no_store = True
    return response


# The app-wide CSRF check reads the form before any view, under the app's 12 MB limit: this
# page takes up to 50 MB, so its form checks its own CSRF token (ImportEventForm is a Form).
@bp.route("/manage/events/import", methods=["GET", "POST"])
@csrf.exempt
@admin_required
def import_page():
    # Refused before a byte of the body is read: the size the browser announces.
    if request.method == "POST" and (request.content_length or 0) > SIZE_LIMIT:
        form = ImportEventForm(formdata=None)
        form.file.errors = [too_large_message(request.content_length)]
        return _import_form(form), TOO_LARGE
    request.max_content_length = SIZE_LIMIT + 1024 * 1024  # room for the form around it
    form = ImportEventForm()
    if form.validate_on_submit():
        raw = form.file.data.stream.read(SIZE_LIMIT + 1)
        try:
            event = import_event(
                read_document(raw),
                slug=form.slug.data or None,
                name=form.name.data or None,
                organizer=current_user,
            )
        except DomainError as error:
            undo(error)
            show_errors(form, error)
        else:
            flash(_("Event “%(name)s” imported.", name=event.name), "success")
            return redirect(url_for("events.dashboard", slug=event.slug))
    return _import_form(form)


def _import_form(form: ImportEventForm) -> str:
    return render_template("transfer/import.html", form=form, title=_("Import an event"))


@bp.route("/events/<slug>/manage/new-edition", methods=["GET", "POST"])
@organizer_required
def new_edition(event):
    form = NewEditionForm()
    if form.validate_on_submit():
        try:
            copy = copy_as_new_edition(
                event, form.slug.data, form.name.data, form.start_date.data, current_user
            )
        except DomainError as error:
            undo(error)
            show_errors(form, error)
        else:
            flash(_("New edition “%(name)s” created, as a draft.", name=copy.name), "success")
            return redirect(url_for("events.dashboard", slug=copy.slug))
    return render_template(
        "transfer/new_edition.html", form=form, event=event, title=_("Copy as a new edition")
    )
