"""`flask --app wsgi forum ...`: one group; each feature brings its own commands (its cli.py)."""

import importlib

from flask import Flask
from flask.cli import AppGroup

forum_cli = AppGroup("forum", help="Foro administration commands.")

# The features that have commands, each in forum/<feature>/cli.py as a `commands` list.
COMMAND_FEATURES = (
    "accounts",
    "events",
    "demo",
    "meetings",
    "documents",
    "notifications",
    "privacy",
    "transfer",
    "webhooks",
)


def init_app(app: Flask) -> None:
    for feature in COMMAND_FEATURES:
        for command in importlib.import_module(f"forum.{feature}.cli").commands:
            forum_cli.add_command(command)
    app.cli.add_command(forum_cli)
