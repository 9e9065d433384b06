"""Organizer forms for meeting blocks, tables and the batch scheduler."""

from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    IntegerField,
    RadioField,
    SelectField,
    StringField,
    SubmitField,
    URLField,
)
from wtforms.validators import URL, DataRequired, InputRequired, NumberRange, Optional
from wtforms.widgets import HiddenInput

from forum.core.form import Form, Limit
from forum.meetings.services.setup import BREAK_MINUTES, MAX_TABLES_AT_ONCE, SLOT_MINUTES


def _optional_id(value) -> int | None:
    return int(value) if value not in (None, "", "None") else None


class BlockForm(Form):
    slot_minutes = IntegerField(
        _l("Slot length (minutes)"),
        default=20,
        validators=[InputRequired(), NumberRange(*SLOT_MINUTES)],
    )
    break_minutes = IntegerField(
        _l("Break between slots (minutes)"),
        default=5,
        validators=[InputRequired(), NumberRange(*BREAK_MINUTES)],
    )
    submit = SubmitField(_l("Save the slots"))


class _TablePlaceMixin:
    room_id = SelectField(_l("Room"), coerce=_optional_id)
    is_virtual = BooleanField(_l("Virtual room (video link)"))
    video_url = URLField(_l("Video link"), validators=[Optional(), URL(), Limit(500)])

    def set_rooms(self, event) -> None:
        self.room_id.choices = [("", "—")] + [(r.id, r.name) for r in event.rooms]


class AddTablesForm(_TablePlaceMixin, Form):
    count = IntegerField(
        _l("Number of tables"),
        default=10,
        validators=[InputRequired(), NumberRange(1, MAX_TABLES_AT_ONCE)],
    )
    first_number = IntegerField(
        _l("First number"),
        validators=[Optional(), NumberRange(min=1)],
        description=_l("Leave empty to continue after the highest number."),
    )
    submit = SubmitField(_l("Add tables"))


class TableForm(_TablePlaceMixin, Form):
    label = StringField(
        _l("Label"),
        validators=[Limit(120)],
        description=_l("Shown instead of the number, e.g. “MIDAGRI”."),
    )
    host_id = SelectField(
        _l("Reserved for"),
        coerce=_optional_id,
        description=_l("Only meetings of this delegate take place at the table."),
    )
    submit = SubmitField(_l("Save"))

    def set_hosts(self, registrations) -> None:
        self.host_id.choices = [("", _l("Nobody: any meeting"))] + [
            (r.id, f"{r.user.name} · {r.organisation.name}" if r.organisation else r.user.name)
            for r in registrations
        ]


class ScheduleForm(Form):
    mode = RadioField(
        _l("What to schedule"),
        choices=[
            ("fill", _l("Fill: place the unscheduled meetings, leave placed ones where they are")),
            ("reschedule", _l("Reschedule: place every meeting again, except locked ones")),
            (
                "replan",
                _l(
                    "Re-plan (few moves): keep placed meetings where they are, place the new "
                    "ones, and move only meetings whose time or table is no longer possible"
                ),
            ),
        ],
        default="fill",
        validators=[DataRequired()],
    )
    allow_moves = BooleanField(
        _l("Allow moving published meetings"),
        description=_l(
            "Re-plan only: to place more meetings, move as few placed meetings as possible "
            "(each move is mailed to its delegates)."
        ),
    )
    time_limit = IntegerField(
        _l("Time limit (seconds)"),
        default=10,
        validators=[InputRequired(), NumberRange(1, 600)],
    )
    submit = SubmitField(_l("Preview"))


class PlanForm(Form):
    run = IntegerField(widget=HiddenInput(), validators=[DataRequired()])
    submit = SubmitField(_l("Apply this schedule"))


class PublishForm(Form):
    submit = SubmitField(_l("Publish the schedule"))
