"""Projects and the resources they mobilise: amount sought, investors' interest and commitments,
in total and per value chain, and the investment discussed in meetings (an indication, shown
apart from the commitments and never added to them).

Money is in minor units per currency, converted to the event's report currency with the
organizer's rates (projects/services/interest.py: StatusTotal, to_report_minor, mobilisation);
a missing rate leaves the converted figure empty and names the currency. The value-chain
breakdown counts accepted projects (those presented), by the project's value chains; a project
in two chains counts in both, so the rows may add up to more than the total. A fixed number of
grouped queries, whatever the size of the event.
"""

from collections import defaultdict
from dataclasses import dataclass

import sqlalchemy as sa
from flask_babel import gettext as _

from forum.core import money
from forum.core.labels import label
from forum.events.models import Event
from forum.extensions import db
from forum.projects.models import (
    Commitment,
    CommitmentStatus,
    Interest,
    Project,
    ProjectStatus,
    project_tags,
)
from forum.projects.services.interest import (
    StatusTotal,
    meeting_investment,
    mobilisation,
    status_total,
)
from forum.registration.models import Tag
from forum.reports.services.counts import Count


@dataclass(frozen=True)
class ValueChainProjects:
    tag_id: int | None  # None: projects without a value chain
    name: str
    projects: int  # accepted
    sought: StatusTotal  # count = projects that give an amount
    interests: int
    interest_amount: StatusTotal  # the amounts investors indicated
    committed: StatusTotal  # latest commitment "committed", per investor


@dataclass(frozen=True)
class ProjectFigures:
    report_currency: str
    by_status: tuple[Count, ...]  # every status
    accepted: int
    sought: StatusTotal  # accepted projects
    interests: int  # in accepted projects
    interest_amount: StatusTotal
    mobilisation: dict[CommitmentStatus, StatusTotal]  # latest commitment per investor
    discussed: StatusTotal  # investment discussed in meetings (outcomes), apart
    by_value_chain: tuple[ValueChainProjects, ...]  # most sought (converted) first

    @property
    def has_projects(self) -> bool:
        return any(c.count for c in self.by_status)


def _total(event: Event, rates: dict, amounts: dict[str, int], count: int) -> StatusTotal:
    """As interest.status_total, from SQL sums (a currency whose sum is NULL left out)."""
    by_currency = {c: int(m) for c, m in amounts.items() if m is not None}
    return status_total(event, rates, by_currency, count)


def _accepted(event: Event) -> sa.ColumnElement[bool]:
    return sa.and_(Project.event_id == event.id, Project.status == ProjectStatus.ACCEPTED)


def _latest_commitment() -> sa.ColumnElement[bool]:
    """The commitment row is its interest's newest (as interest.latest_commitments orders)."""
    newer = sa.orm.aliased(Commitment)
    return ~sa.exists().where(
        newer.interest_id == Commitment.interest_id,
        sa.or_(
            newer.recorded_at > Commitment.recorded_at,
            sa.and_(newer.recorded_at == Commitment.recorded_at, newer.id > Commitment.id),
        ),
    )


def _status_counts(event: Event) -> tuple[Count, ...]:
    counts = dict(
        db.session.execute(
            sa.select(Project.status, sa.func.count())
            .where(Project.event_id == event.id)
            .group_by(Project.status)
        ).all()
    )
    return tuple(Count(s.value, str(label(s)), counts.get(s, 0)) for s in ProjectStatus)


def _per_chain(rows) -> dict:
    """{tag id: [count, {currency: minor}]} from (tag id, currency, count, amount) rows."""
    chains: dict = defaultdict(lambda: [0, defaultdict(int)])
    for tag_id, currency, count, amount in rows:
        chains[tag_id][0] += count
        if amount is not None:
            chains[tag_id][1][currency] += int(amount)
    return chains


def _chain_rows(event: Event, rates: dict) -> tuple[ValueChainProjects, ...]:
    tag = project_tags.c.tag_id
    sought = db.session.execute(
        sa.select(tag, Project.currency, sa.func.count(), sa.func.sum(Project.amount_sought))
        .select_from(Project)
        .outerjoin(project_tags, project_tags.c.project_id == Project.id)
        .where(_accepted(event))
        .group_by(tag, Project.currency)
    ).all()
    with_amount = dict(
        db.session.execute(
            sa.select(tag, sa.func.count())
            .select_from(Project)
            .outerjoin(project_tags, project_tags.c.project_id == Project.id)
            .where(_accepted(event), Project.amount_sought.is_not(None))
            .group_by(tag)
        ).all()
    )
    interests = db.session.execute(
        sa.select(tag, Interest.currency, sa.func.count(), sa.func.sum(Interest.amount))
        .select_from(Interest)
        .join(Project, Interest.project_id == Project.id)
        .outerjoin(project_tags, project_tags.c.project_id == Project.id)
        .where(_accepted(event))
        .group_by(tag, Interest.currency)
    ).all()
    committed = db.session.execute(
        sa.select(tag, Commitment.currency, sa.func.count(), sa.func.sum(Commitment.amount))
        .select_from(Commitment)
        .join(Interest, Commitment.interest_id == Interest.id)
        .join(Project, Interest.project_id == Project.id)
        .outerjoin(project_tags, project_tags.c.project_id == Project.id)
        .where(
            _accepted(event), Commitment.status == CommitmentStatus.COMMITTED, _latest_commitment()
        )
        .group_by(tag, Commitment.currency)
    ).all()
    names = {
        tag.id: tag.label()
        for tag in db.session.scalars(sa.select(Tag).filter_by(event_id=event.id))
    }
    sought, interests, committed = _per_chain(sought), _per_chain(interests), _per_chain(committed)
    rows = []
    for tag_id, (projects, amounts) in sought.items():
        interest_count, interest_amounts = interests.get(tag_id, (0, {}))
        commit_count, commit_amounts = committed.get(tag_id, (0, {}))
        rows.append(
            ValueChainProjects(
                tag_id=tag_id,
                name=names.get(tag_id, "") if tag_id is not None else _("No value chain"),
                projects=projects,
                sought=_total(event, rates, amounts, with_amount.get(tag_id, 0)),
                interests=interest_count,
                interest_amount=_total(event, rates, interest_amounts, interest_count),
                committed=_total(event, rates, commit_amounts, commit_count),
            )
        )
    rows.sort(key=lambda r: (-(r.sought.converted or 0), -r.projects, r.name.casefold()))
    return tuple(rows)


def _totals(event: Event, rates: dict) -> tuple[StatusTotal, StatusTotal]:
    """The accepted projects' amount sought and the interest shown in them, per currency."""
    sought = db.session.execute(
        sa.select(Project.currency, sa.func.count(), sa.func.sum(Project.amount_sought))
        .where(_accepted(event), Project.amount_sought.is_not(None))
        .group_by(Project.currency)
    ).all()
    interest = db.session.execute(
        sa.select(Interest.currency, sa.func.count(), sa.func.sum(Interest.amount))
        .join(Project, Interest.project_id == Project.id)
        .where(_accepted(event))
        .group_by(Interest.currency)
    ).all()
    return (
        _total(event, rates, {c: a for c, _n, a in sought}, sum(n for _c, n, _a in sought)),
        _total(
            event,
            rates,
            {c: a for c, _n, a in interest if a is not None},
            sum(n for _c, n, _a in interest),
        ),
    )


def project_figures(event: Event) -> ProjectFigures:
    """The event's project figures (12 queries)."""
    rates = money.rates_of(event)
    by_status = _status_counts(event)
    sought, interest = _totals(event, rates)
    return ProjectFigures(
        report_currency=event.report_currency,
        by_status=by_status,
        accepted=next(c.count for c in by_status if c.key == ProjectStatus.ACCEPTED.value),
        sought=sought,
        interests=interest.count,
        interest_amount=interest,
        mobilisation=mobilisation(event),
        discussed=meeting_investment(event, rates),
        by_value_chain=_chain_rows(event, rates),
    )
