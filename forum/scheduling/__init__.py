"""Meeting scheduling engine for investment fora (pure Python; CP-SAT optional)."""

from .check import Report, check
from .model import (
    Assignment,
    Instance,
    InstanceError,
    Meeting,
    Participant,
    Slot,
    Solution,
    Table,
    instance_from_dict,
    instance_to_dict,
    load_instance,
    load_solution,
    solution_from_dict,
    solution_to_dict,
)
from .solver import solve

__all__ = [
    "Assignment",
    "Instance",
    "InstanceError",
    "Meeting",
    "Participant",
    "Report",
    "Slot",
    "Solution",
    "Table",
    "check",
    "instance_from_dict",
    "instance_to_dict",
    "load_instance",
    "load_solution",
    "solution_from_dict",
    "solution_to_dict",
    "solve",
]
