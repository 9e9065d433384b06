"""Schemathesis against /api/v1/openapi.json, through the WSGI app on the test database: every
operation gets generated requests (valid and invalid), each answer must be no 5xx, have a
documented status and content type, and match its schema. Bounded so that it stays < 60 s."""

import time
from collections import Counter

import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from forum.extensions import limiter

EXAMPLES = 20  # per operation, generation mode and choice of path
CHECKS = (
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
)


def test_every_answer_matches_the_openapi_description(app, world):
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    auth = world.auth("organizer")
    limiter.enabled = False  # thousands of requests in a minute are the point here
    cases, seen = 0, Counter()
    started = time.perf_counter()
    try:
        for result in schema.get_all_operations():
            operation = result.ok()
            for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
                for path in _paths(operation.path, world.ids):
                    cases += _run(operation.as_strategy(mode, path_parameters=path), auth, seen)
    finally:
        limiter.enabled = True
    elapsed = time.perf_counter() - started
    print(f"schemathesis: {cases} cases over {len(schema)} operations in {elapsed:.1f} s")
    print("  answers by status:", dict(sorted(seen.items())))
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        assert elapsed < 60  # PostgreSQL takes about twice as long on 2 busy cores
    # the world's data was reached (lists, one registration), not only 404s and refusals
    assert seen[200] > 100 and seen[404] > 50 and seen[422] > 100


def _paths(path: str, ids: dict[str, int]) -> list[dict | None]:
    """Generated path values (mostly nothing), and the world's event and delegate."""
    if "{slug}" not in path:
        return [None]
    real = {"slug": "hih-2023"}
    if "{registration_id}" in path:
        real["registration_id"] = ids["ana"]
    return [None, real]


def _run(strategy, auth: dict, seen: Counter) -> int:
    count = 0

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        derandomize=True,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=strategy)
    def run(case):
        nonlocal count
        case.headers = {**(case.headers or {}), **auth}
        response = case.call()
        seen[response.status_code] += 1
        case.validate_response(response, checks=CHECKS)
        count += 1

    run()
    return count
