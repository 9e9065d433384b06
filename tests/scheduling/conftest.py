"""Fixtures for the scheduling engine tests (plain pytest, no Flask)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from forum.scheduling.model import Instance, instance_from_dict  # noqa: E402

Build = Callable[..., Instance]


def build_instance(
    slots: int | list[str] = 4,
    tables: int = 2,
    people: int = 4,
    meetings: list[Any] = (),  # type: ignore[assignment]
    unavailable: dict[str, list[str]] | None = None,
    table_unavailable: dict[str, list[str]] | None = None,
    check: bool = True,
) -> Instance:
    """Small instance: slots s1..sn (blocks given as a list of block names), tables T1.., p1.."""
    blocks = ["am"] * slots if isinstance(slots, int) else slots
    unavailable = unavailable or {}
    table_unavailable = table_unavailable or {}
    data = {
        "slots": [{"id": f"s{i + 1}", "block": b} for i, b in enumerate(blocks)],
        "tables": [
            {"id": f"T{i + 1}", "unavailable_slots": table_unavailable.get(f"T{i + 1}", [])}
            for i in range(tables)
        ],
        "participants": [
            {"id": f"p{i + 1}", "unavailable_slots": unavailable.get(f"p{i + 1}", [])}
            for i in range(people)
        ],
        "meetings": [
            m if isinstance(m, dict) else {"id": f"m{i + 1}", "participants": list(m)}
            for i, m in enumerate(meetings)
        ],
    }
    return instance_from_dict(data, check=check)


@pytest.fixture
def make() -> Build:
    """Factory for small crafted instances."""
    return build_instance


@pytest.fixture
def fifty_people():
    """50 people, 147 meetings in 16 slots at 12 tables, two slots blocked each: too big for the
    SAT stage to prove in 1 s here (the time-limit tests)."""
    people = 50
    meetings = [
        (f"p{a}", f"p{b}")
        for a in range(1, people + 1)
        for b in range(a + 1, people + 1)
        if (a * b) % 7 == 1
    ]
    unavailable = {
        f"p{i}": [f"s{(i * 7) % 16 + 1}", f"s{(i * 5) % 16 + 1}"] for i in range(1, people + 1)
    }
    return build_instance(
        slots=16, tables=12, people=people, meetings=meetings, unavailable=unavailable
    )


def pytest_configure(config: pytest.Config) -> None:
    """Register the `slow` marker used by the longer scheduling tests."""
    config.addinivalue_line("markers", "slow: longer scheduling tests (a few seconds)")
