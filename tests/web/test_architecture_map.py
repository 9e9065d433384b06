"""docs/architecture.md lists every page: the map of record cannot drift from the code."""

import re
from pathlib import Path

MAP = Path(__file__).resolve().parents[2] / "docs" / "architecture.md"
ROW = re.compile(r"^\| `(?P<rule>[^`]+)` \| (?P<methods>[A-Z ]+) \| `(?P<endpoint>[\w.]+)` \|$")


def _documented() -> set[tuple[str, str, str]]:
    rows = set()
    for line in MAP.read_text(encoding="utf-8").splitlines():
        match = ROW.match(line)
        if match:
            rows.add((match["rule"], match["methods"], match["endpoint"]))
    return rows


def _routed(app) -> set[tuple[str, str, str]]:
    return {
        (rule.rule, " ".join(sorted(rule.methods - {"HEAD", "OPTIONS"})), rule.endpoint)
        for rule in app.url_map.iter_rules()
        if rule.endpoint != "static" and not rule.endpoint.startswith("bootstrap")
    }


def test_architecture_map_lists_every_route_and_no_other(app):
    documented, routed = _documented(), _routed(app)
    missing = sorted(
        f"| `{rule}` | {methods} | `{endpoint}` |"
        for rule, methods, endpoint in routed - documented
    )
    assert missing == [], "add these rows to docs/architecture.md:\n" + "\n".join(missing)
    assert documented - routed == set(), "docs/architecture.md lists routes that do not exist"


def test_every_endpoint_is_named_after_its_feature(app):
    from forum import FEATURES

    features = {endpoint.split(".")[0] for _rule, _methods, endpoint in _routed(app)}
    assert features == set(FEATURES)
