"""The organizers' webhook pages: endpoints (add, edit, disable, delete, rotate the secret,
send a test) and the delivery log (filters, one delivery, replay)."""

import json

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from forum.core.errors import DomainError
from forum.web.access import event_item, organizer_required
from forum.web.formerrors import show_errors
from forum.web.pagination import paginate
from forum.web.transaction import undo
from forum.webhooks import services
from forum.webhooks.blueprint import bp
from forum.webhooks.forms import KIND_LABELS, EndpointForm
from forum.webhooks.models import KINDS, PING, DeliveryStatus, WebhookDelivery, WebhookEndpoint

PER_PAGE = 50


def _list_url(event) -> str:
    return url_for("webhooks.endpoints", slug=event.slug)


@bp.get("/events/<slug>/manage/webhooks")
@organizer_required
def endpoints(event):
    return render_template(
        "webhooks/list.html",
        event=event,
        endpoints=services.endpoints(event),
        counts=services.delivery_counts(event),
        kind_labels=KIND_LABELS,
    )


@bp.route("/events/<slug>/manage/webhooks/new", methods=["GET", "POST"])
@organizer_required
def new_endpoint(event):
    form = EndpointForm()
    if form.validate_on_submit():
        try:
            endpoint = services.add_endpoint(event, form.data_input(), current_user)
        except DomainError as error:
            show_errors(form, undo(error))
        else:
            flash(_("The webhook has been added. Copy its secret into your receiver."), "success")
            return redirect(url_for("webhooks.endpoint", slug=event.slug, endpoint_id=endpoint.id))
    return render_template("webhooks/form.html", event=event, form=form, endpoint=None)


@bp.route("/events/<slug>/manage/webhooks/<int:endpoint_id>", methods=["GET", "POST"])
@organizer_required
def endpoint(event, endpoint_id: int):
    item = event_item(event, WebhookEndpoint, endpoint_id)
    form = EndpointForm(obj=None if request.method == "POST" else item)
    if request.method == "GET":
        form.kinds.data = item.kind_list
    elif form.validate_on_submit():
        try:
            services.update_endpoint(item, form.data_input())
        except DomainError as error:
            show_errors(form, undo(error))
        else:
            flash(_("The webhook has been saved."), "success")
            return redirect(url_for("webhooks.endpoint", slug=event.slug, endpoint_id=item.id))
    return render_template("webhooks/form.html", event=event, form=form, endpoint=item)


def _act(event, endpoint_id: int, action, done: str):
    item = event_item(event, WebhookEndpoint, endpoint_id)
    try:
        action(item)
    except DomainError as error:
        flash(str(undo(error)), "danger")
    else:
        flash(done, "success")
    return item


@bp.post("/events/<slug>/manage/webhooks/<int:endpoint_id>/disable")
@organizer_required
def disable_endpoint(event, endpoint_id: int):
    item = _act(event, endpoint_id, services.disable, _("The webhook is disabled."))
    return redirect(url_for("webhooks.endpoint", slug=event.slug, endpoint_id=item.id))


@bp.post("/events/<slug>/manage/webhooks/<int:endpoint_id>/delete")
@organizer_required
def delete_endpoint(event, endpoint_id: int):
    _act(event, endpoint_id, services.delete, _("The webhook and its delivery log are deleted."))
    return redirect(_list_url(event))


@bp.post("/events/<slug>/manage/webhooks/<int:endpoint_id>/rotate")
@organizer_required
def rotate_secret(event, endpoint_id: int):
    done = _("A new secret has been made: copy it into your receiver; the old one no longer works.")
    item = _act(event, endpoint_id, services.rotate_secret, done)
    return redirect(url_for("webhooks.endpoint", slug=event.slug, endpoint_id=item.id))


@bp.post("/events/<slug>/manage/webhooks/<int:endpoint_id>/ping")
@organizer_required
def ping_endpoint(event, endpoint_id: int):
    done = _("A test delivery is on its way: its outcome shows in the delivery log.")
    item = _act(event, endpoint_id, services.ping, done)
    return redirect(url_for("webhooks.deliveries", slug=event.slug, hook=item.id))


def _filters(event) -> services.LogFilter:
    endpoint_id = request.args.get("hook", type=int)
    kind = request.args.get("kind", "")
    status = request.args.get("status", "")
    return services.LogFilter(
        endpoint_id=endpoint_id if endpoint_id and endpoint_id > 0 else None,
        kind=kind if kind in (*KINDS, PING) else None,
        status=DeliveryStatus(status) if status in set(DeliveryStatus) else None,
    )


@bp.get("/events/<slug>/manage/webhooks/deliveries")
@organizer_required
def deliveries(event):
    filters = _filters(event)
    pagination = paginate(services.log_query(event, filters), PER_PAGE)
    return render_template(
        "webhooks/log.html",
        event=event,
        filters=filters,
        pagination=pagination,
        endpoints=services.endpoints(event),
        kinds=(*KINDS, PING),
        statuses=list(DeliveryStatus),
    )


@bp.get("/events/<slug>/manage/webhooks/deliveries/<int:delivery_id>")
@organizer_required
def delivery(event, delivery_id: int):
    item = event_item(event, WebhookDelivery, delivery_id)
    body = json.dumps(item.payload, ensure_ascii=False, indent=2, sort_keys=True)
    return render_template("webhooks/delivery.html", event=event, delivery=item, body=body)


@bp.post("/events/<slug>/manage/webhooks/deliveries/<int:delivery_id>/replay")
@organizer_required
def replay_delivery(event, delivery_id: int):
    item = event_item(event, WebhookDelivery, delivery_id)
    try:
        new_id = services.replay(item)
    except DomainError as error:
        flash(str(undo(error)), "danger")
        return redirect(url_for("webhooks.delivery", slug=event.slug, delivery_id=item.id))
    flash(_("The delivery is sent again as a new delivery."), "success")
    return redirect(url_for("webhooks.delivery", slug=event.slug, delivery_id=new_id))
