"""CPU milliseconds per request of the load mix's two forms, GET and POST, in-process.

    .venv/bin/python benchmarks/forms_cpu.py --database-url postgresql://... \
        [--redis-url redis://...] [--repeat 30] [--keep] [--only side] [--profile LABEL]

The meeting request form and the side event's registration form as
benchmarks/load_locustfile.py sends them (request_cpu.py's forum, its helpers and its counts):
each side event POST comes from another delegate of the main event, logged in beforehand (the
login is not timed), who registers with a new organisation as the locustfile does. --profile
prints cProfile's top functions (by own time and by calls) over the runs of one action.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import statistics
import sys
import tempfile
import time
from pathlib import Path

import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.form_fields import first_choice, selects  # noqa: E402
from benchmarks.request_cpu import HEADERS, RoundTrips, _config, _prepare  # noqa: E402
from forum import create_app  # noqa: E402
from forum.extensions import db  # noqa: E402


def _login(app, plan: dict, account: dict):
    client = app.test_client()
    answer = client.post("/login", data={"email": account["email"], "password": plan["password"]})
    assert answer.status_code == 302, answer.status_code
    return client


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--redis-url", default="")
    parser.add_argument("--delegates", type=int, default=3000)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--keep", action="store_true")
    parser.add_argument("--only", default="")
    parser.add_argument("--profile", default="", help="profile the action with this label")
    parser.add_argument("--sql", action="store_true", help="print the last run's statements")
    parser.add_argument(
        "--first-account", type=int, default=200,
        help="side event POSTs use the accounts from this one on (each registers once)",
    )  # fmt: skip
    args = parser.parse_args()
    app = create_app(_config(args.database_url, args.redis_url))
    plan_file = Path(tempfile.gettempdir()) / f"request-cpu-plan-{args.delegates}.json"
    plan = _prepare(app, args.delegates, args.keep, plan_file)
    with app.app_context():
        engine = db.engine
    accounts = plan["accounts"]
    me = _login(app, plan, accounts[0])
    targets = [t for a in accounts[1:] for t in a["targets"]]
    used = Path(tempfile.gettempdir()) / "forms-cpu-used.txt"  # targets and accounts used
    done = set(used.read_text().split()) if used.exists() else set()
    targets = [t for t in targets if f"t{t}" not in done]
    side_accounts = [a for a in accounts[args.first_account :] if f"a{a['email']}" not in done]
    meeting = f"/events/{plan['slug']}/delegates/{{}}/request"
    side = f"/events/{plan['side_slug']}/register"

    def request_form():
        return me, "GET", meeting.format(targets[0]), None

    def request_post():
        target = targets.pop(0)
        done.add(f"t{target}")
        path = meeting.format(target)
        me.get(path)
        return me, "POST", path, {"message": "Hola", "priority": "2", "preferred_time": ""}

    def side_form():
        return me, "GET", side, None

    def side_post():
        account = side_accounts.pop()
        done.add(f"a{account['email']}")
        client = _login(app, plan, account)
        form = client.get(side).get_data(as_text=True)
        data = {
            **selects(form),
            "name": account["name"],
            "privacy_consent": "y",
            "organisation_id": "new",
            "org_name": f"{account['name']} S.A.C.",
            "org_type": first_choice(form, "org_type"),
            "org_country": "PE",
        }
        return client, "POST", side, data

    actions = (
        ("meeting request form", request_form),
        ("meeting request POST", request_post),
        ("side event register form", side_form),
        ("side event register POST", side_post),
    )
    print(f"| action | CPU ms (median of {args.repeat}) | statements | other round trips "
          "| KB | status | location |\n|---|---|---|---|---|---|---|")  # fmt: skip
    for label, prepare in actions:
        if args.only and args.only not in label:
            continue
        profiler = cProfile.Profile(time.process_time) if label == args.profile else None
        times = []
        for run in range(args.repeat + 1):  # the first run warms up
            client, method, path, data = prepare()
            seen = []

            def note(_conn, _cursor, statement, *_args, seen=seen):
                seen.append(statement)

            sa.event.listen(engine, "before_cursor_execute", note)
            with RoundTrips(engine) as trips:
                if profiler and run:
                    profiler.enable()
                started = time.process_time()
                response = client.open(path, method=method, data=data, headers=HEADERS)
                body = response.get_data()
                cpu = time.process_time() - started
                if profiler:
                    profiler.disable()
            sa.event.remove(engine, "before_cursor_execute", note)
            if run:
                times.append(cpu * 1000)
        used.write_text("\n".join(sorted(done)))
        location = response.headers.get("Location", "")
        print(f"| {label} | {statistics.median(times):.1f} | {trips.statements} | "
              f"{trips.others} | {len(body) / 1024:.0f} | {response.status_code} | "
              f"{location} |")  # fmt: skip
        if args.sql:
            for statement in seen:
                print("   ", " ".join(statement.split())[:300])
        if profiler:
            stats = pstats.Stats(profiler).strip_dirs()
            stats.sort_stats("tottime").print_stats(35)
            stats.sort_stats("cumulative").print_stats(60)
            stats.print_callees("request_meeting|register|full_dispatch_request|send_request")


if __name__ == "__main__":
    main()
