"""Load benchmark: simulated delegates against Foro as it is served in production, beside a bare
Flask route served the same way, in one run on this machine (loopback only, bounded in time).

    .venv/bin/python benchmarks/load.py [--users 200] [--seconds 60] [--delegates 3000]
    (or `make bench-load`, which installs locust in .venv-bench first)

What it does, all on loopback and removed afterwards:
1. starts a throwaway PostgreSQL and Redis, migrates, and prepares a forum of --delegates
   approved delegates (benchmarks/load_event.py) plus a side event with open registration;
2. serves Foro the production way (deploy/serve.py, what `make serve` runs: gunicorn with
   workers from the core count, an RQ worker, the minute clock) twice, as two instances on the
   same database and Redis, the way several machines share them, and the bare route of
   benchmarks/bare_app.py with the same gunicorn settings;
3. runs locust headless: each page alone at full speed (the bare route, the programme, the
   event page) for --page-seconds, then --users delegates (benchmarks/load_locustfile.py)
   spread over both instances for --seconds: programme, event page, directory and its search,
   profiles, My meetings, calendar, agenda PDF, registering, requesting meetings;
4. prints requests/s, p50/p95/p99 and errors per scenario and page, and checks that every
   registration and request the server acknowledged exists exactly once in the database.
"""

import argparse
import csv
import json
import os
import secrets
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import ExitStack, contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = ROOT / ".venv" / "bin" / "python"
LOCUST = ROOT / ".venv-bench" / "bin" / "locust"
PG_PORT, REDIS_PORT = 54391, 63791
FORO_PORTS, BARE_PORT = (5101, 5102), 5103
TARGETS = "targets: 0 server errors; programme >= 0.4 x the bare route; p95 <= 1 s"


def _log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


@contextmanager
def _process(command: list[str], env: dict, log: Path):
    """A child process for the length of the block, stopped with SIGTERM (then killed)."""
    with open(log, "ab") as out:
        child = subprocess.Popen(command, env=env, cwd=ROOT, stdout=out, stderr=out)
    try:
        yield child
    finally:
        child.terminate()
        try:
            child.wait(20)
        except subprocess.TimeoutExpired:
            child.kill()


@contextmanager
def _postgres(workdir: Path):
    env = {**os.environ, "PGTEST_DIR": str(workdir / "pg"), "PGTEST_PORT": str(PG_PORT)}
    url = subprocess.run(
        [ROOT / ".ci" / "postgres.sh", "start"], env=env, check=True, capture_output=True,
        text=True,
    ).stdout.strip()  # fmt: skip
    try:
        yield url
    finally:
        subprocess.run([ROOT / ".ci" / "postgres.sh", "stop"], env=env, check=False)


def _wait_for(url: str, seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as answer:
                if answer.status < 500:
                    return
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise SystemExit(f"{url} did not answer within {seconds:.0f} s")
        time.sleep(0.5)


def _run(command: list, env: dict) -> str:
    done = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(f"{' '.join(map(str, command))} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout


def _locust(user: str, hosts: str, users: int, seconds: int, prefix: Path, env: dict) -> dict:
    """Run locust headless; the aggregated row and the per-page rows of its CSV."""
    rate = max(1, users // 5)
    _run(
        [LOCUST, "-f", ROOT / "benchmarks" / "load_locustfile.py", user, "--headless",
         "-u", users, "-r", rate, "-t", f"{seconds}s", "--csv", prefix, "--only-summary",
         "--stop-timeout", "10", "--host", hosts],
        env,
    )  # fmt: skip
    return {
        "rows": _csv_rows(Path(f"{prefix}_stats.csv")),
        "failures": _csv_rows(Path(f"{prefix}_failures.csv")),
    }


def _csv_rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as rows:
        return list(csv.DictReader(rows))


def _figures(row: dict) -> tuple:
    return (
        int(row["Request Count"]), float(row["Requests/s"]), row["50%"], row["95%"],
        row["99%"], int(row["Failure Count"]),
    )  # fmt: skip


def _print_table(title: str, results: list[tuple[str, dict]]) -> None:
    print(f"\n{title}")
    print("| scenario | page | requests | req/s | p50 ms | p95 ms | p99 ms | errors |")
    print("|---|---|---|---|---|---|---|---|")
    for scenario, result in results:
        for row in result["rows"]:
            name = "all pages" if row["Name"] == "Aggregated" else row["Name"]
            count, rps, p50, p95, p99, errors = _figures(row)
            print(
                f"| {scenario} | {name} | {count} | {rps:.1f} | {p50} | {p95} | {p99} | {errors} |"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=200)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--page-seconds", type=int, default=20)
    parser.add_argument("--page-users", type=int, default=50)
    parser.add_argument("--delegates", type=int, default=3000)
    args = parser.parse_args()
    if not LOCUST.exists():
        raise SystemExit("locust is missing: run `make bench-load` (it installs .venv-bench)")

    workdir = Path(tempfile.mkdtemp(prefix="foro-load-"))
    _log(f"working in {workdir}")
    with ExitStack() as stack:
        database_url = stack.enter_context(_postgres(workdir))
        stack.enter_context(_process(
            ["redis-server", "--port", str(REDIS_PORT), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no"], dict(os.environ), workdir / "redis.log",
        ))  # fmt: skip
        env = {
            **os.environ,
            "DATABASE_URL": database_url,
            "REDIS_URL": f"redis://127.0.0.1:{REDIS_PORT}/0",
            "SECRET_KEY": secrets.token_hex(32),
            "FLASK_DEBUG": "0",
        }
        _log("migrating and preparing the forum")
        _run([PYTHON, "-m", "flask", "--app", "wsgi", "db", "upgrade"], env)
        plan_file = workdir / "plan.json"
        _run([PYTHON, ROOT / "benchmarks" / "load_event.py", "--delegates", args.delegates,
              "--plan", plan_file], env)  # fmt: skip
        plan = json.loads(plan_file.read_text())
        _log(f"{len(plan['accounts'])} delegate accounts ready on {plan['slug']}")

        for port in FORO_PORTS:  # two instances, as two machines would run them
            stack.enter_context(_process(
                [PYTHON, ROOT / "deploy" / "serve.py", "--port", str(port), "--no-migrate"],
                env, workdir / f"foro-{port}.log",
            ))  # fmt: skip
        # The bare route with the settings of deploy/gunicorn.conf.py (which loads Foro's app
        # in each worker, so it is not used here): as many workers, keep-alive, access log.
        stack.enter_context(_process(
            [ROOT / ".venv" / "bin" / "gunicorn", "--chdir", ROOT / "benchmarks",
             "-b", f"127.0.0.1:{BARE_PORT}", "-w", str(2 * (os.cpu_count() or 1) + 1),
             "--keep-alive", "5", "--access-logfile", "-", "--worker-tmp-dir", "/dev/shm",
             "bare_app:app"],
            env, workdir / "bare.log",
        ))  # fmt: skip
        for port in (*FORO_PORTS, BARE_PORT):
            _wait_for(f"http://127.0.0.1:{port}/")
        _log("serving: two Foro instances on one database, and the bare route")

        acks = workdir / "acks.jsonl"
        acks.touch()
        locust_env = {**env, "LOAD_PLAN": str(plan_file), "LOAD_ACK_FILE": str(acks)}
        results = []
        foro = f"http://127.0.0.1:{FORO_PORTS[0]}"
        for scenario, host, path in (
            ("bare route alone", f"http://127.0.0.1:{BARE_PORT}", "/"),
            ("programme alone", foro, f"/events/{plan['slug']}/programme"),
            ("event page alone", foro, f"/events/{plan['slug']}"),
        ):
            _log(f"{scenario}: {args.page_users} clients, {args.page_seconds} s")
            results.append((scenario, _locust(
                "Baseline", host, args.page_users, args.page_seconds,
                workdir / scenario.replace(" ", "-"), {**locust_env, "LOAD_PATH": path},
            )))  # fmt: skip
        _log(f"mixed: {args.users} delegates on both instances, {args.seconds} s")
        mixed = _locust("Delegate", foro, args.users, args.seconds, workdir / "mixed", {
            **locust_env,
            "LOAD_HOSTS": ",".join(f"http://127.0.0.1:{port}" for port in FORO_PORTS),
        })  # fmt: skip
        results.append((f"{args.users} delegates, mixed", mixed))

        _print_table("Throughput and latency (loopback, this machine)", results)
        check = json.loads(_run(
            [PYTHON, ROOT / "benchmarks" / "load_event.py", "--check", acks, "--plan", plan_file],
            env,
        ))  # fmt: skip
        bare = float(results[0][1]["rows"][-1]["Requests/s"])
        programme = float(results[1][1]["rows"][-1]["Requests/s"])
        p95 = float(mixed["rows"][-1]["95%"])
        print(f"\nprogramme / bare route: {programme:.1f} / {bare:.1f} = {programme / bare:.2f}")
        print(f"mixed p95: {p95:.0f} ms; server errors (5xx): {check['server_errors']}")
        print(
            f"acknowledged: {check['registrations']} registrations, {check['requests']} "
            f"requests; missing: {check['missing']}, duplicated: {check['duplicated']}"
        )
        print(TARGETS)


if __name__ == "__main__":
    sys.exit(main())
