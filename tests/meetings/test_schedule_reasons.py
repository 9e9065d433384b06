from pathlib import Path

import pytest
from flask_babel import force_locale

from forum.meetings.services.schedule_reasons import PROVEN, translate_reason
from forum.scheduling import diagnose

ENGLISH = [
    (
        "participant Rosa Huamán is unavailable in every slot",
        "Rosa Huamán is unavailable in every slot.",
    ),
    (
        "no slot where all participants are available",
        "There is no slot where all of its delegates are available.",
    ),
    ("allowed_slots is empty", "The preferred day or half-day has no meeting slot."),
    (
        "allowed_slots all blocked: a participant is unavailable in every allowed slot",
        "A delegate is unavailable in every slot of the preferred day or half-day.",
    ),
    (
        "no slot where all participants and a table are available",
        "There is no slot where all of its delegates and a table are available.",
    ),
    (
        "fixed meetings of its participants occupy every slot they could share",
        "Locked meetings of its delegates take every slot they could share.",
    ),
    (
        "every table is taken by fixed meetings in the slots where all participants are free",
        "Locked meetings take every table in the slots where its delegates are free.",
    ),
    (
        "participant Rosa Huamán has no free slot left (busy in all 3 possible slots)",
        "Rosa Huamán has no free slot left (busy in all 3 possible slots).",
    ),
    (
        "all tables are taken in every possible slot (4 slots)",
        "All tables are taken in every possible slot (4 slots).",
    ),
    (
        "a delegate has another meeting at that time in a parallel block",
        "A delegate has another meeting at that time in a parallel block.",
    ),
    (
        "every table is in use by a parallel block at that time",
        "Every table is in use by a parallel block at that time.",
    ),
    ("it has fewer than two delegates", "It has fewer than two delegates."),
    ("a delegate's registration is not approved", "A delegate's registration is not approved."),
]
BLOCKED = (
    "every possible slot is blocked by higher-priority or harder meetings: "
    "2023-11-29 15:45 (Rosa Huamán, Ana Ñahui busy); 2023-11-29 16:10 (no table free); ..."
)


@pytest.mark.parametrize(("engine", "shown"), ENGLISH)
def test_each_engine_sentence_reads_as_a_sentence(app, engine, shown):
    with app.test_request_context(), force_locale("en"):
        assert translate_reason(engine) == shown


def test_the_list_of_blocked_slots_keeps_names_and_times(app):
    with app.test_request_context(), force_locale("es"):
        assert translate_reason(BLOCKED + PROVEN) == (
            "Cada franja posible está ocupada por reuniones de mayor prioridad o con menos "
            "opciones: 2023-11-29 15:45 (Rosa Huamán, Ana Ñahui ocupados); 2023-11-29 16:10 "
            "(ninguna mesa libre); … Ningún otro plan coloca más del total de prioridades."
        )


def test_spanish_names_the_delegate_first(app):
    with app.test_request_context(), force_locale("es"):
        assert (
            translate_reason(ENGLISH[0][0]) == "Rosa Huamán no está disponible en ninguna franja."
        )


def test_an_unknown_sentence_is_shown_as_it_is(app):
    with app.test_request_context(), force_locale("es"):
        assert translate_reason("the moon is in the way") == "the moon is in the way"
        assert translate_reason("") == ""


def test_the_engine_sentences_are_the_ones_listed():
    """A changed sentence in the engine must be changed in the translations too."""
    source = Path(diagnose.__file__).read_text(encoding="utf-8")
    for engine, _shown in ENGLISH[:9]:
        stem = engine.split(" Rosa Huamán ")[-1].split(" (")[0].split(":")[0]
        assert stem in source, stem
    assert PROVEN.strip(" ()") in source
    assert BLOCKED.split(":")[0] in source
