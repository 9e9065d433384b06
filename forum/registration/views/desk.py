"""Organizer pages: the registration desk (list, decisions, settings, types, tags, files)."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext

from forum.core import exports
from forum.core.errors import DomainError
from forum.core.labels import (
    GENDER_LABELS,
    ORG_TYPE_LABELS,
    REGISTRATION_STATUS_LABELS,
    SIZE_LABELS,
)
from forum.core.names import named_countries
from forum.core.text_search import search_words
from forum.registration.blueprint import bp
from forum.registration.desk_forms import (
    DelegateImportForm,
    filter_args,
    filter_from_args,
)
from forum.registration.models import (
    Registration,
    RegistrationStatus,
    TagRole,
)
from forum.registration.services import delegate_file, delegate_import, desk
from forum.web.access import DESK, VIEWER, event_item, team_required
from forum.web.downloads import table_download
from forum.web.pagination import paginate
from forum.web.transaction import undo

# --- The list --------------------------------------------------------------------------------


@bp.get("/events/<slug>/manage/registrations")
@team_required(DESK)
def registrations(event):
    filters = filter_from_args(request.args)
    pagination = paginate(desk.registrations_query(event, filters))
    countries = desk.registration_countries(event)
    counts = desk.status_counts(event)
    return render_template(
        "registration/manage/list.html",
        event=event,
        filters=filters,
        args=filter_args(filters),
        pagination=pagination,
        search_note=search_words(filters.q).note,
        counts=counts,
        approved=counts[RegistrationStatus.APPROVED],
        type_places=desk.type_places(event),
        status_labels=REGISTRATION_STATUS_LABELS,
        country_choices=named_countries(countries),
        org_type_labels=ORG_TYPE_LABELS,
        gender_labels=GENDER_LABELS,
        size_labels=SIZE_LABELS,
        exporters=exports.EXPORTERS,
    )


def _back_to_list(event):
    """The list with the filters and page the organizer came from."""
    back = filter_from_args(request.form)
    page = request.form.get("page", "")
    extra = {"page": page} if page.isdigit() and page != "1" else {}
    return redirect(
        url_for("registration.registrations", slug=event.slug, **filter_args(back), **extra)
    )


def full_reason(full) -> str:
    if full.type_name:
        return _(
            "the type “%(type)s” is full (%(used)d/%(capacity)d)",
            type=full.type_name,
            used=full.used,
            capacity=full.capacity,
        )
    return _("the event is full (%(used)d/%(capacity)d)", used=full.used, capacity=full.capacity)


def _approval_message(result: desk.BulkResult) -> str:
    """ "2 approved, 3 put on the waiting list: the type “Investors” is full (20/20)."."""
    approved = ngettext("%(num)d approved", "%(num)d approved", result.approved)
    if not result.waiting:
        return _("%(approved)s.", approved=approved)
    return _(
        "%(approved)s, %(waiting)s: %(reasons)s.",
        approved=approved,
        waiting=ngettext(
            "%(num)d put on the waiting list", "%(num)d put on the waiting list", result.waiting
        ),
        reasons="; ".join(full_reason(full) for full in result.full),
    )


def _report(result: desk.BulkResult, action: desk.BulkAction) -> None:
    if action == desk.BulkAction.APPROVE:
        flash(_approval_message(result), "warning" if result.waiting else "success")
    elif action == desk.BulkAction.REJECT:
        flash(
            ngettext("%(num)d registration rejected.", "%(num)d registrations rejected.",
                     result.rejected),
            "success",
        )  # fmt: skip
    if result.promoted or action == desk.BulkAction.PROMOTE:
        flash(
            ngettext(
                "%(num)d promoted from the waiting list.",
                "%(num)d promoted from the waiting list.",
                result.promoted,
            ),
            "success" if result.promoted else "info",
        )
    if result.no_place:
        flash(
            ngettext(
                "%(num)d could not be promoted: there is no free place.",
                "%(num)d could not be promoted: there is no free place.",
                result.no_place,
            ),
            "warning",
        )
    if result.unchanged:
        flash(
            ngettext(
                "%(num)d left as it was: the action does not apply to it.",
                "%(num)d left as they were: the action does not apply to them.",
                result.unchanged,
            ),
            "info",
        )


def _decide(event, ids: list[int]) -> None:
    action = request.form.get("action", "")
    if not ids:
        flash(_("Select at least one registration."), "warning")
        return
    try:
        result = desk.apply_bulk_action(event, action, ids)
    except DomainError as error:
        undo(error)
        flash(str(error), "danger")
    else:
        _report(result, desk.BulkAction(action))


@bp.post("/events/<slug>/manage/registrations/bulk")
@team_required(DESK)
def registration_bulk(event):
    ids = [int(i) for i in request.form.getlist("ids") if i.isdigit()]
    _decide(event, ids)
    return _back_to_list(event)


# --- One registration ---------------------------------------------------------------------


@bp.get("/events/<slug>/manage/registrations/<int:registration_id>")
@team_required(DESK)
def registration_detail(event, registration_id: int):
    registration = event_item(event, Registration, registration_id)
    return render_template(
        "registration/manage/detail.html",
        event=event,
        registration=registration,
        TagRole=TagRole,
        org_type_labels=ORG_TYPE_LABELS,
        gender_labels=GENDER_LABELS,
        size_labels=SIZE_LABELS,
        Status=RegistrationStatus,
    )


@bp.post("/events/<slug>/manage/registrations/<int:registration_id>/decide")
@team_required(DESK)
def registration_decide(event, registration_id: int):
    registration = event_item(event, Registration, registration_id)
    _decide(event, [registration.id])
    return redirect(
        url_for(
            "registration.registration_detail", slug=event.slug, registration_id=registration_id
        )
    )


# --- Export ------------------------------------------------------------------------------------


@bp.get("/events/<slug>/manage/registrations.<fmt>")
@team_required(DESK, VIEWER)
def registrations_export(event, fmt: str):
    if fmt not in exports.EXPORTERS:
        abort(404)
    filters = filter_from_args(request.args)
    rows = desk.registrations_in_batches(event, filters)
    table = exports.registrations_table(event, rows)
    return table_download(fmt, table, f"{event.slug}-registrations")


# --- Import ------------------------------------------------------------------------------------


@bp.route("/events/<slug>/manage/registrations/import", methods=["GET", "POST"])
@team_required(DESK)
def registrations_import(event):
    form = DelegateImportForm()
    problems = []
    if form.validate_on_submit():
        data = form.file.data.stream.read(delegate_file.MAX_BYTES + 1)
        try:
            imported = delegate_import.import_delegates(
                event, data, notify=form.notify.data, file_name=form.file.data.filename or ""
            )
        except delegate_import.ImportRefused as refused:
            undo(refused)
            problems = refused.problems
            flash(str(refused), "danger")
        else:
            flash(
                ngettext(
                    "%(num)d delegate imported.", "%(num)d delegates imported.", len(imported)
                ),
                "success",
            )
            return redirect(url_for("registration.registrations", slug=event.slug))
    return render_template(
        "registration/manage/import.html",
        event=event,
        form=form,
        problems=problems,
        required=delegate_file.REQUIRED_COLUMNS,
        optional=delegate_import.OPTIONAL_COLUMNS,
        statuses=delegate_import.IMPORT_STATUSES,
        default_status=delegate_import.DEFAULT_STATUS,
        org_types=ORG_TYPE_LABELS,
        genders=GENDER_LABELS,
    )
