"""One transaction per request: services flush, and only the shared helper ends a request's.

The source is parsed, not searched as text: a comment or a string that mentions commit()
does not count, and every spelling of a call (db.session.commit(), session.commit(), ...)
does.
"""

import ast
from pathlib import Path

import pytest

FORUM = Path(__file__).resolve().parents[2] / "forum"


def _modules(*patterns: str) -> list[Path]:
    found = {path for pattern in patterns for path in FORUM.glob(pattern)}
    return sorted(found)


SERVICE_MODULES = _modules(
    "*/services.py", "*/services/**/*.py", "notifications/notify.py", "core/**/*.py"
)
VIEW_MODULES = _modules("*/views.py", "*/views/**/*.py")


def _calls(path: Path, method: str) -> list[str]:
    """Where the module calls `<anything>.<method>(...)`, as 'file:line'."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    return [
        f"{path.relative_to(FORUM.parent)}:{node.lineno}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == method
    ]


def test_the_modules_are_found():
    names = {str(p.relative_to(FORUM)) for p in SERVICE_MODULES + VIEW_MODULES}
    assert {
        "accounts/services/__init__.py",
        "notifications/services.py",
        "meetings/services/edit.py",
        "core/jobs.py",
        "accounts/views.py",
        "meetings/views/setup.py",
    } <= names


@pytest.mark.parametrize("path", SERVICE_MODULES, ids=lambda p: str(p.relative_to(FORUM)))
def test_services_and_core_never_commit(path):
    assert _calls(path, "commit") == []


@pytest.mark.parametrize("path", VIEW_MODULES, ids=lambda p: str(p.relative_to(FORUM)))
def test_views_neither_commit_nor_roll_back_themselves(path):
    assert _calls(path, "commit") == []
    assert _calls(path, "rollback") == []


def test_the_request_helper_is_the_one_place_that_ends_a_request():
    helper = FORUM / "web" / "transaction.py"
    assert len(_calls(helper, "commit")) == 1
    assert len(_calls(helper, "rollback")) == 3  # undo(), an error answer, a failed commit


# Layers go one way down: models -> services -> forms/exporters -> views (docs/architecture.md).
MODEL_MODULES = _modules("*/models.py")
FORM_MODULES = _modules("*/forms.py", "*/*_forms.py")


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def _upward(path: Path, *, forms: bool) -> list[str]:
    """The imports of `path` that reach a higher layer: views, the web plumbing, forms."""
    bad = []
    for module in _imports(path):
        parts = module.split(".")
        if parts[0] != "forum" or len(parts) < 3:
            continue
        web = parts[1] == "web" or "views" in parts[2:] or parts[2] == "blueprint"
        form = parts[2] == "forms" or parts[2].endswith("_forms")
        if web or (forms and form):
            bad.append(module)
    return sorted(bad)


@pytest.mark.parametrize(
    "path", MODEL_MODULES + SERVICE_MODULES, ids=lambda p: str(p.relative_to(FORUM))
)
def test_models_services_and_core_never_import_forms_views_or_web(path):
    assert _upward(path, forms=True) == []


@pytest.mark.parametrize("path", FORM_MODULES, ids=lambda p: str(p.relative_to(FORUM)))
def test_forms_never_import_views(path):
    assert _upward(path, forms=False) == []
