"""A run of the batch scheduler as a row (ScheduleRun): asked for by the organizer's page,
run by a job (forum/meetings/schedule_runner.py), polled for its progress, then applied.

The plan stays on the server, in the row: the apply form names the run, not the 10,000
placements. A run belongs to one event (the pages load it through `event_item`) and its
plan carries the fingerprint of the meetings it was made from, so schedule.apply refuses
it once they changed.
"""

import logging
import time
from dataclasses import asdict
from datetime import timedelta

import sqlalchemy as sa
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from forum.accounts.models import User
from forum.core import jobs
from forum.core.types import utcnow
from forum.events.models import Event
from forum.extensions import db
from forum.meetings.models import ScheduleRun
from forum.meetings.services.schedule_instance import MODES
from forum.meetings.services.schedule_plan import ScheduleError, SchedulePlan, ScheduleStats

log = logging.getLogger(__name__)
QUEUED, RUNNING, DONE, FAILED = "queued", "running", "done", "failed"
PROGRESS_EVERY = 1.0  # seconds between two progress writes of the same stage
KEEP_RUNS = 5  # an event's latest runs kept (each holds a plan: ~0.3 MB at 10,000 meetings)

# The engine's stages (forum/scheduling: heuristic, CP-SAT, SAT, neighbourhood search) and
# the glue's own, as the organizer reads them.
STAGES = {
    "loading": _l("Loading the meetings"),
    "loaded": _l("Meetings loaded"),
    "greedy": _l("Placing the meetings"),
    "placement": _l("Placing the meetings"),
    "local search": _l("Improving the placement"),
    "iterated search": _l("Improving the placement"),
    "gaps": _l("Reducing the breaks"),
    "fairness": _l("Reducing the breaks"),
    "sat": _l("Reducing the breaks"),
    "lns": _l("Reducing the breaks"),
    "checking": _l("Checking the schedule"),
    "done": _l("Done"),
}


def request_run(
    event: Event, mode: str, time_limit: int, by: User | None, allow_moves: bool = False
) -> ScheduleRun:
    """A new run for the event (flushed; the caller commits, then starts it). Finished runs
    older than the event's KEEP_RUNS latest are deleted: their plans are stale by then.
    allow_moves: in mode "replan", placed meetings may move (as few as possible)."""
    if mode not in MODES:
        raise ScheduleError(_("Choose how to schedule: fill, reschedule or re-plan."))
    old = db.session.scalars(
        sa.select(ScheduleRun.id)
        .where(ScheduleRun.event_id == event.id, ScheduleRun.status.in_((DONE, FAILED)))
        .order_by(ScheduleRun.id.desc())
        .offset(KEEP_RUNS - 1)
    ).all()
    if old:
        db.session.execute(sa.delete(ScheduleRun).where(ScheduleRun.id.in_(old)))
    run = ScheduleRun(
        event_id=event.id,
        mode=mode,
        time_limit=int(time_limit),
        allow_moves=bool(allow_moves),
        status=QUEUED,
        progress={},
        created_by_id=by.id if by else None,
    )
    db.session.add(run)
    db.session.flush()
    return run


def stage_label(stage: str) -> str:
    """A stage's name for the organizer (an unknown one: "Working")."""
    return str(STAGES.get(stage, _l("Working")))


def is_stale(run: ScheduleRun) -> bool:
    """A run still marked queued or running long after the job timeout: its process died."""
    return run.active and run.created_at < utcnow() - timedelta(seconds=jobs.JOB_TIMEOUT)


def plan_data(plan: SchedulePlan) -> dict:
    """The plan as the row keeps it (JSON)."""
    return {
        "a": [[m, s, t] for m, (s, t) in sorted(plan.assignments.items())],
        "r": [[m, why] for m, why in sorted(plan.reasons.items())],
        "s": asdict(plan.stats),
        "b": plan.broken_locks,
    }


def plan_of(run: ScheduleRun) -> SchedulePlan:
    """The finished run's plan; ScheduleError when the run has none (yet)."""
    if run.status != DONE or not run.plan:
        raise ScheduleError(_("This preview is not valid: make a new one."))
    data = run.plan
    return SchedulePlan(
        event_id=run.event_id,
        mode=run.mode,
        fingerprint=run.fingerprint,
        assignments={int(m): (int(s), int(t)) for m, s, t in data["a"]},
        reasons={int(m): str(why) for m, why in data["r"]},
        stats=ScheduleStats(**data["s"]),
        broken_locks=list(data.get("b", [])),  # runs saved before the list existed: none
    )


class ProgressRecorder:
    """The engine's `progress(stage, info)` callback, written on the run's row.

    Throttled (a stage change, or PROGRESS_EVERY seconds), and written on a connection of
    its own: the engine may call it from a solver thread while the job's session is busy
    reading, and the page polling the row must see it before the job ends."""

    KEPT = ("meetings", "placed", "weighted", "gaps", "breaks")

    def __init__(self, run_id: int) -> None:
        self.run_id = run_id
        self.started = time.monotonic()
        self.state: dict = {}
        self.written_at = 0.0
        # Taken here, in the job's app context: the engine also reports from solver threads
        # (CP-SAT's callbacks, its heartbeat), where there is no app context to find it in.
        self.engine = db.engine

    def __call__(self, stage: str, info: dict[str, float]) -> None:
        now = time.monotonic()
        new_stage = stage != self.state.get("stage")
        self.state["stage"] = stage
        for key in self.KEPT:
            if key in info:
                self.state[key] = int(info[key])
        if "gaps" in info and "breaks" not in info:
            self.state["breaks"] = int(info["gaps"])
        if not new_stage and now - self.written_at < PROGRESS_EVERY:
            return
        self.write(now)

    def write(self, now: float | None = None) -> None:
        now = time.monotonic() if now is None else now
        self.written_at = now
        self.state["elapsed"] = round(now - self.started, 1)
        table = ScheduleRun.__table__
        try:
            with self.engine.begin() as connection:
                connection.execute(
                    sa.update(table)
                    .where(table.c.id == self.run_id)
                    .values(progress=dict(self.state))
                )
        except sa.exc.SQLAlchemyError:  # a progress line lost must not lose the run
            log.warning("progress of schedule run %s not written", self.run_id, exc_info=True)
