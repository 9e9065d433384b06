"""Whole-event transfer benchmark: export, schema check and import of the Peru demo forum.

Loads the three demo fora into a temporary SQLite database (or the PostgreSQL database of
--database-url, which must be empty), then prints the size of the Peru forum's document and
the median time of its export (to JSON text), of its check against the JSON Schema and of its
import under a new slug (each import rolled back, so every run starts alike).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from config import TestingConfig  # noqa: E402
from forum import create_app  # noqa: E402
from forum.events.models import Event  # noqa: E402
from forum.extensions import db  # noqa: E402
from forum.transfer.services.export import document_json, export_event  # noqa: E402
from forum.transfer.services.importer import import_event, read_document  # noqa: E402
from forum.transfer.services.schema import check_document  # noqa: E402

PERU = "foro-inversiones-peru-2023"


def _median_ms(work, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--database-url", help="an empty PostgreSQL database (default: SQLite)")
    parser.add_argument("--runs", type=int, default=5)
    arguments = parser.parse_args()
    folder = tempfile.mkdtemp(prefix="foro-transfer-bench-")

    class BenchConfig(TestingConfig):
        SQLALCHEMY_DATABASE_URI = arguments.database_url or f"sqlite:///{folder}/bench.sqlite3"

    app = create_app(BenchConfig)
    with app.app_context():
        db.create_all()
        loaded = app.test_cli_runner().invoke(
            args=["forum", "seed-demo", "--password", "bench-password-1"]
        )
        assert loaded.exit_code == 0, loaded.output
        event = db.session.query(Event).filter_by(slug=PERU).one()
        text = document_json(export_event(event))
        raw = text.encode()
        document = read_document(raw)
        rows = sum(len(part) for part in document.values() if isinstance(part, list))
        print(f"database: {db.engine.dialect.name}; Peru demo forum ({PERU})")
        print(f"document: {len(raw) / 1024:.0f} KB, {rows} rows in {len(document) - 4} lists")
        export_ms = _median_ms(lambda: document_json(export_event(event)), arguments.runs)
        print(f"export (rows -> JSON text): {export_ms:.0f} ms median of {arguments.runs}")
        parse_ms = _median_ms(lambda: read_document(raw), arguments.runs)
        check_ms = _median_ms(lambda: check_document(json.loads(raw)), arguments.runs)
        print(f"parse: {parse_ms:.0f} ms; JSON Schema check: {check_ms:.0f} ms")

        def one_import() -> None:
            import_event(read_document(raw), slug="peru-bench")
            db.session.flush()
            db.session.rollback()

        import_ms = _median_ms(one_import, arguments.runs)
        print(f"import (parse, check, insert, new slug; rolled back): {import_ms:.0f} ms median")
        db.session.remove()
        if arguments.database_url:
            db.drop_all()


if __name__ == "__main__":
    main()
