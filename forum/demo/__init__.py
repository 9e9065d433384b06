"""The demo fora: data files in data/, loaded through the services by loader.py."""

import csv
from pathlib import Path

import yaml

DATA = Path(__file__).parent / "data"


class DemoDataError(Exception):
    """A demo data file names something that is not there, or a service refused it."""


def read_yaml(path: Path) -> dict:
    with path.open(encoding="utf-8") as file:
        return yaml.safe_load(file) or {}


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


def split_list(value: str | None) -> list[str]:
    """A list cell, as the CSV export writes it: items separated by ';'."""
    return [item.strip() for item in (value or "").split(";") if item.strip()]
