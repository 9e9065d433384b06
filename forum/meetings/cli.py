"""Meeting commands: `flask --app wsgi forum expire-requests` and `forum schedule <slug>`."""

import threading
import time

import click
import sqlalchemy as sa
from flask.cli import with_appcontext

from forum.core.errors import DomainError
from forum.core.timerange import to_local
from forum.events.models import Event
from forum.extensions import db
from forum.meetings.services import schedule as service
from forum.notifications.delivery import wait_for_deliveries


@click.command("expire-requests")
@click.option("--event", "slug", default=None, help="Only this event's requests (its slug).")
@with_appcontext
def expire_requests_command(slug: str | None) -> None:
    """Mark pending meeting requests past their deadline expired and tell the requesters."""
    import sqlalchemy as sa

    from forum.events.models import Event
    from forum.extensions import db
    from forum.meetings.services.expiry import expire_pending

    event = None
    if slug is not None:
        event = db.session.scalar(sa.select(Event).where(Event.slug == slug))
        if event is None:
            raise click.ClickException(f"No event with slug {slug!r}.")
    from forum.notifications.delivery import wait_for_deliveries

    count = expire_pending(event)
    db.session.commit()
    wait_for_deliveries()  # the requesters' mails go before the command ends
    click.echo(f"{count} meeting request(s) expired.")


UNPLACED_SHOWN = 50


class _TimeBar:
    """A click progress bar over the time limit, ticking by itself and labelled by the engine."""

    def __init__(self, seconds: float) -> None:
        self.steps = max(1, int(seconds * 10))
        self.bar = click.progressbar(length=self.steps, label="solving", show_eta=False)
        self.started = time.monotonic()
        self.done = 0
        self.lock = threading.Lock()
        self.stop = threading.Event()
        self.ticker = threading.Thread(target=self._tick, daemon=True)

    def __enter__(self) -> "_TimeBar":
        self.bar.__enter__()
        self.ticker.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop.set()
        self.ticker.join()
        with self.lock:
            self.bar.update(self.steps - self.done)
        self.bar.__exit__(*exc)

    def _tick(self) -> None:
        while not self.stop.wait(0.2):
            self.advance()

    def advance(self) -> None:
        with self.lock:
            target = min(self.steps - 1, int((time.monotonic() - self.started) * 10))
            if target > self.done:
                self.bar.update(target - self.done)
                self.done = target

    def progress(self, stage: str, info: dict[str, float]) -> None:
        """The engine's progress callback: show the stage, move the bar."""
        self.bar.label = stage
        self.advance()


def _summary(pv: service.SchedulePreview, event: Event) -> list[str]:
    stats = pv.stats
    bound = "none" if stats.bound is None else f"{stats.bound:g}"
    lines = [
        f"meetings: {stats.meetings}",
        f"placed: {stats.placed} (new: {len(pv.placements)}, moved: {len(pv.moves)})",
        f"unplaced: {len(pv.unplaced)}",
        f"delegates affected by moves: {len(pv.affected)}",
    ]
    for meeting, reason in pv.unplaced[:UNPLACED_SHOWN]:
        names = " – ".join(p.registration.display_name for p in meeting.participants)
        lines.append(f"  meeting {meeting.id} ({names}): {reason}")
    if len(pv.unplaced) > UNPLACED_SHOWN:
        lines.append(f"  … and {len(pv.unplaced) - UNPLACED_SHOWN} more")
    if pv.broken_locks:
        lines.append(
            f"kept at a place that is no longer possible: {len(pv.broken_locks)} "
            "(applying keeps them; unlock and re-plan, or move them by hand)"
        )
    for line in pv.broken_locks[:UNPLACED_SHOWN]:
        names = " – ".join(p.registration.display_name for p in line.meeting.participants)
        when = (
            to_local(line.slot.starts_at, event.tz).strftime("%Y-%m-%d %H:%M")
            if line.slot
            else "no slot"
        )
        where = f"table {line.table}" if line.table else "no table"
        why = "; ".join(line.reasons)
        lines.append(f"  meeting {line.meeting.id} ({names}), {when}, {where}: {why}")
    if len(pv.broken_locks) > UNPLACED_SHOWN:
        lines.append(f"  … and {len(pv.broken_locks) - UNPLACED_SHOWN} more")
    lines += [
        f"gaps: {stats.total_gaps} (max per delegate: {stats.max_gaps})",
        f"priority placed: {stats.weighted}, bound: {bound}",
        f"method: {stats.method}, {stats.status}, {stats.seconds:g} s",
    ]
    return lines


@click.command("schedule")
@click.argument("slug")
@click.option(
    "--mode",
    type=click.Choice(service.MODES),
    default="fill",
    show_default=True,
    help="fill: place unscheduled meetings only; reschedule: move everything not locked; "
    "replan: keep placed meetings, move only those whose place is no longer possible.",
)
@click.option(
    "--allow-moves",
    is_flag=True,
    help="replan: move as few placed meetings as possible to place more.",
)
@click.option("--time-limit", type=click.FloatRange(0.5, 3600), default=10.0, show_default=True)
@click.option("--apply", "write", is_flag=True, help="Write the schedule (default: preview only).")
@click.option("--publish", is_flag=True, help="Publish the schedule and mail the delegates.")
def schedule_command(
    slug: str, mode: str, time_limit: float, allow_moves: bool, write: bool, publish: bool
) -> None:
    """Place the accepted meetings of event SLUG in slots and at tables."""
    event = db.session.scalar(sa.select(Event).where(Event.slug == slug))
    if event is None:
        raise click.ClickException(f"No event with the slug {slug!r}.")
    try:
        with _TimeBar(time_limit) as bar:
            pv = service.preview(
                event, mode, time_limit, progress=bar.progress, allow_moves=allow_moves
            )
        click.echo("\n".join(_summary(pv, event)))
        if write:
            changed = service.apply(event, pv)
            click.echo(f"Applied: {changed} meetings placed, moved or taken out.")
        else:
            click.echo("Preview only: nothing was written (add --apply to write it).")
        if publish:
            mails = service.publish(event)
            click.echo(f"Published: {mails} delegates notified.")
    except DomainError as error:
        db.session.rollback()
        raise click.ClickException(str(error)) from error
    db.session.commit()  # the plan and its mails, at once
    wait_for_deliveries()  # the mails go before the command ends


commands = [expire_requests_command, schedule_command]
