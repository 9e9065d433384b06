"""A survey after the forum: its questions, the delegates' answers, the invitations sent.

One survey per event. Its questions are rows (a fixed question by its code, whose wording
lives in forum/surveys/questions.py in both languages, or the organizer's own with a Spanish
and an English wording). One response per delegate (unique survey and registration), edited
until the survey closes; an erased delegate's response stays for the figures, detached from
them (registration_id NULL) and without its free text.
"""

import enum
from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from forum.core.types import UTCDateTime, enum_type, utcnow
from forum.extensions import db


class QuestionKind(enum.StrEnum):
    RATING = "rating"  # 1 to 5
    YES_NO = "yes_no"  # stored as 1 (yes) or 0 (no)
    TEXT = "text"


class Survey(db.Model):
    __tablename__ = "surveys"
    __table_args__ = (sa.CheckConstraint("closes_on >= opens_on", name="survey_dates_in_order"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(
        sa.ForeignKey("events.id", ondelete="CASCADE"), unique=True
    )
    # Days in the event's zone: open from the first day's start to the last day's end.
    opens_on: Mapped[date] = mapped_column(sa.Date)
    closes_on: Mapped[date] = mapped_column(sa.Date)
    # Anonymous: the organizers see the answers without names (the default).
    anonymous: Mapped[bool] = mapped_column(server_default=sa.true())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    event = relationship("Event")
    questions = relationship(
        "SurveyQuestion",
        back_populates="survey",
        order_by="SurveyQuestion.position",
        cascade="all, delete-orphan",
    )


class SurveyQuestion(db.Model):
    __tablename__ = "survey_questions"
    __table_args__ = (sa.UniqueConstraint("survey_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    survey_id: Mapped[int] = mapped_column(sa.ForeignKey("surveys.id", ondelete="CASCADE"))
    position: Mapped[int]
    # A fixed question's code ("overall", "meetings"...), or "custom" for the organizer's own.
    code: Mapped[str] = mapped_column(sa.String(20))
    kind: Mapped[QuestionKind] = mapped_column(enum_type(QuestionKind, "survey_question_kind"))
    text_es: Mapped[str] = mapped_column(sa.String(300), server_default="")
    text_en: Mapped[str] = mapped_column(sa.String(300), server_default="")

    survey = relationship("Survey", back_populates="questions")

    @property
    def is_custom(self) -> bool:
        return self.code == "custom"


class SurveyResponse(db.Model):
    __tablename__ = "survey_responses"
    __table_args__ = (sa.UniqueConstraint("survey_id", "registration_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    survey_id: Mapped[int] = mapped_column(
        sa.ForeignKey("surveys.id", ondelete="CASCADE"), index=True
    )
    # NULL once the delegate's data was erased: the ratings still count, nobody is named.
    registration_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("registrations.id", ondelete="SET NULL"), index=True
    )
    submitted_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    survey = relationship("Survey")
    registration = relationship("Registration")
    answers = relationship("SurveyAnswer", back_populates="response", cascade="all, delete-orphan")


class SurveyAnswer(db.Model):
    __tablename__ = "survey_answers"
    __table_args__ = (
        sa.UniqueConstraint("response_id", "question_id"),
        sa.CheckConstraint("value IS NULL OR (value >= 0 AND value <= 5)", name="answer_value"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    response_id: Mapped[int] = mapped_column(
        sa.ForeignKey("survey_responses.id", ondelete="CASCADE")
    )
    question_id: Mapped[int] = mapped_column(
        sa.ForeignKey("survey_questions.id", ondelete="CASCADE"), index=True
    )
    value: Mapped[int | None]  # a rating 1-5, or 1 yes / 0 no
    text: Mapped[str] = mapped_column(sa.Text, server_default="")

    response = relationship("SurveyResponse", back_populates="answers")
    question = relationship("SurveyQuestion")


class SurveyInvitation(db.Model):
    """The invitation mail written to the outbox once per delegate: the unique key is claimed
    in the transaction that queues the mail (by `forum tick` or the organizer's "send now")."""

    __tablename__ = "survey_invitations"
    __table_args__ = (sa.UniqueConstraint("survey_id", "registration_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    survey_id: Mapped[int] = mapped_column(sa.ForeignKey("surveys.id", ondelete="CASCADE"))
    registration_id: Mapped[int] = mapped_column(
        sa.ForeignKey("registrations.id", ondelete="CASCADE"), index=True
    )
    mail_id: Mapped[int | None] = mapped_column(sa.ForeignKey("mails.id", ondelete="SET NULL"))
    sent_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
