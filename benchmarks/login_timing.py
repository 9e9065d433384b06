"""Login timing: does a failed login take as long for an unknown email as for an account?

If an unknown email were answered faster (no password hash to check), anyone could tell
which emails have an account by timing the login form. This prints, side by side, the
median and 90th percentile times of failed logins (a wrong password) for existing accounts
and for unknown emails: whole POST /login requests through the Flask test client, and
`authenticate()` alone. Each attempt uses another account (or unknown email) and another
client address, so that no login limit is reached.

    python benchmarks/login_timing.py [--repeat 40]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from werkzeug.security import generate_password_hash  # noqa: E402

from config import TestingConfig  # noqa: E402
from forum import create_app  # noqa: E402
from forum.accounts import services as accounts  # noqa: E402
from forum.accounts.models import User  # noqa: E402
from forum.extensions import db  # noqa: E402

PASSWORD = "benchmark password"
WRONG = "not the password at all"


def _config(folder: str) -> type:
    class BenchConfig(TestingConfig):
        SQLALCHEMY_DATABASE_URI = f"sqlite:///{folder}/bench.sqlite3"
        RATELIMIT_ENABLED = False

    return BenchConfig


def _ms(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return (time.perf_counter() - start) * 1000


def _row(cells: list[object]) -> str:
    return "| " + " | ".join(str(c) for c in cells) + " |"


def _summary(times: list[float]) -> str:
    return f"{statistics.median(times):.1f} / {statistics.quantiles(times, n=10)[-1]:.1f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=40)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="foro-login-bench-") as folder:
        app = create_app(_config(folder))
        with app.app_context():
            db.create_all()
            password_hash = generate_password_hash(PASSWORD)  # one hash for every account
            db.session.add_all(
                User(
                    email=f"known{i}@bench.example", name=f"Known {i}", password_hash=password_hash
                )
                for i in range(args.repeat + 3)
            )
            db.session.commit()

        def attempt(kind: str, i: int) -> float:
            email = f"{kind}{i}@bench.example"
            client = app.test_client()
            environ = {"REMOTE_ADDR": f"10.{i // 250}.{i % 250}.{1 if kind == 'known' else 2}"}
            data = {"email": email, "password": WRONG}
            return _ms(lambda: client.post("/login", data=data, environ_base=environ))

        def check(kind: str, i: int) -> float:
            with app.app_context():
                return _ms(lambda: accounts.authenticate(f"{kind}{i}@bench.example", WRONG))

        for i in range(3):  # warm up: imports, templates, the stand-in hash
            attempt("known", args.repeat + i)
            attempt("unknown", args.repeat + i)
        times: dict[tuple[str, str], list[float]] = {}
        for i in range(args.repeat):  # interleaved, so that a busy moment hits both alike
            for kind in ("known", "unknown"):
                times.setdefault(("request", kind), []).append(attempt(kind, i))
                times.setdefault(("authenticate", kind), []).append(check(kind, i))

    print(f"Failed logins, {args.repeat} each: median / 90th percentile, in ms\n")
    head = ["measured", "existing account", "unknown email", "difference of medians"]
    print(_row(head))
    print(_row(["---"] * len(head)))
    for what, label in (
        ("request", "POST /login (whole request)"),
        ("authenticate", "authenticate()"),
    ):
        known, unknown = times[(what, "known")], times[(what, "unknown")]
        gap = statistics.median(unknown) - statistics.median(known)
        share = gap / statistics.median(known) * 100
        print(_row([label, _summary(known), _summary(unknown), f"{gap:+.1f} ms ({share:+.0f}%)"]))


if __name__ == "__main__":
    main()
