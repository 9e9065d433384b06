"""`forum export-event <slug> > file.json` and `forum import-event file.json [--slug]`."""

import json

import sqlalchemy as sa

from forum.events.models import Event


def test_export_then_import_with_a_new_slug(runner, db, small_forum, tmp_path):
    exported = runner.invoke(args=["forum", "export-event", "hih-2023"])
    assert exported.exit_code == 0, exported.output
    document = json.loads(exported.output)
    assert document["event"]["slug"] == "hih-2023"
    path = tmp_path / "hih.json"
    path.write_text(exported.output, encoding="utf-8")

    taken = runner.invoke(args=["forum", "import-event", str(path)])
    assert taken.exit_code == 1
    assert "An event with the address “hih-2023” exists already: choose a new one." in taken.output
    assert "Give a new address with --slug." in taken.output

    imported = runner.invoke(args=["forum", "import-event", str(path), "--slug", "hih-2024"])
    assert imported.exit_code == 0, imported.output
    assert imported.output == "Imported hih-2024 (Hand-in-Hand Investment Forum 2023).\n"
    slugs = db.session.scalars(sa.select(Event.slug).order_by(Event.slug)).all()
    assert slugs == ["hih-2023", "hih-2024"]


def test_export_of_an_unknown_event_says_so(runner, db):
    result = runner.invoke(args=["forum", "export-event", "nada"])
    assert result.exit_code == 1
    assert "No event with slug 'nada'." in result.output


def test_import_refuses_a_file_above_the_limit_before_reading_it(runner, db, tmp_path):
    path = tmp_path / "big.json"
    with path.open("wb") as file:
        file.truncate(200 * 1024 * 1024)  # sparse: 200 MB that take no room
    result = runner.invoke(args=["forum", "import-event", str(path)])
    assert result.exit_code == 1
    assert "The file is 200 MB; an event document may be at most 50 MB." in result.output
    assert db.session.scalar(sa.select(sa.func.count(Event.id))) == 0
