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
# Delegates arrive (and log in) over this long before the figures start. Each login checks
# a scrypt hash (~90 ms of CPU, by design): 200 arriving in 10 s queued 18 s of CPU on 2
# cores, still being served well into the measured minute; over 30 s they are absorbed.
RAMP_SECONDS = 30
PAGE_RAMP_SECONDS = 10  # the clients of one page alone: no login, a short ramp
WORKERS = 2 * (os.cpu_count() or 1) + 1  # deploy/gunicorn.conf.py's rule
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


def _run(command: list, env: dict, failing_ok: bool = False) -> str:
    done = subprocess.run(
        list(map(str, command)), env=env, cwd=ROOT, capture_output=True, text=True
    )
    if done.returncode and not failing_ok:
        raise SystemExit(f"{' '.join(map(str, command))} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout


def _locust(
    user: str, hosts: str, users: int, seconds: int, prefix: Path, env: dict, ramp: int
) -> dict:
    """Run locust headless; the aggregated row and the per-page rows of its CSV. The users
    arrive (and log in) over `ramp` seconds; the figures are of the `seconds` after that."""
    rate = max(1, users // ramp)
    _run(
        [LOCUST, "-f", ROOT / "benchmarks" / "load_locustfile.py", user, "--headless",
         "-u", users, "-r", rate, "-t", f"{seconds + ramp}s", "--reset-stats",
         "--csv", prefix, "--only-summary",
         "--stop-timeout", "10", "--host", hosts],
        env, failing_ok=True,  # locust exits with 1 when a request failed: the table says which
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


def _database(server_url: str, name: str) -> str:
    """A fresh database on the throwaway server, for one measurement."""
    base = server_url.rsplit("/", 1)[0]
    _run([PYTHON, "-c", (
        "import psycopg, sys; c = psycopg.connect(sys.argv[1], autocommit=True); "
        "c.execute(f'DROP DATABASE IF EXISTS {sys.argv[2]}'); "
        "c.execute(f'CREATE DATABASE {sys.argv[2]}')"
    ), f"{base}/postgres", name], dict(os.environ))  # fmt: skip
    return f"{base}/{name}"


def _serve_foro(stack: ExitStack, code: Path, env: dict, workdir: Path, label: str) -> None:
    """Two instances on one database and Redis, as two machines would run them: this
    checkout through deploy/serve.py (what `make serve` runs), or an older checkout, which
    has no such recipe, through gunicorn alone with as many workers."""
    for port in FORO_PORTS:
        if code == ROOT:
            command = [PYTHON, ROOT / "deploy" / "serve.py", "--port", port, "--no-migrate"]
        else:
            command = [PYTHON, "-m", "gunicorn", "--chdir", code, "-b", f"127.0.0.1:{port}",
                       "-w", WORKERS, "--keep-alive", "5", "wsgi:app"]  # fmt: skip
        log = workdir / f"foro-{label}-{port}.log"
        stack.enter_context(_process(list(map(str, command)), env, log))
    for port in FORO_PORTS:
        _wait_for(f"http://127.0.0.1:{port}/")


def _measure(code: Path, label: str, args, server_url: str, workdir: Path) -> dict:
    """One code's figures on a fresh forum: each page alone beside the bare route, then the
    delegates on both instances, then the check of what was acknowledged."""
    env = {
        **os.environ,
        "DATABASE_URL": _database(server_url, f"foro_{label}"),
        "REDIS_URL": f"redis://127.0.0.1:{REDIS_PORT}/0",
        "SECRET_KEY": secrets.token_hex(32),
        "FLASK_DEBUG": "0",
        # as behind nginx (deploy/foro.env.example): the client's address from X-Forwarded-For
        "PROXY_COUNT": "1",
    }
    subprocess.run(["redis-cli", "-p", str(REDIS_PORT), "flushall"], check=True,
                   capture_output=True)  # fmt: skip
    _log(f"{label}: migrating and preparing the forum ({args.delegates} delegates)")
    _run([PYTHON, "-m", "flask", "--app", "wsgi", "db", "upgrade"], env)
    plan_file = workdir / f"plan-{label}.json"
    _run([PYTHON, ROOT / "benchmarks" / "load_event.py", "--delegates", args.delegates,
          "--plan", plan_file], env)  # fmt: skip
    plan = json.loads(plan_file.read_text())
    acks = workdir / f"acks-{label}.jsonl"
    acks.touch()
    locust_env = {**env, "LOAD_PLAN": str(plan_file), "LOAD_ACK_FILE": str(acks)}
    results = []
    with ExitStack() as stack:
        _serve_foro(stack, code, env, workdir, label)
        _log(f"{label}: serving {code} twice on one database")
        foro = f"http://127.0.0.1:{FORO_PORTS[0]}"
        for scenario, host, path in (
            ("bare route alone", f"http://127.0.0.1:{BARE_PORT}", "/"),
            ("programme alone", foro, f"/events/{plan['slug']}/programme"),
            ("event page alone", foro, f"/events/{plan['slug']}/"),
        ):
            _log(f"{label}, {scenario}: {args.page_users} clients, {args.page_seconds} s")
            results.append((scenario, _locust(
                "Baseline", host, args.page_users, args.page_seconds,
                workdir / f"{label}-{scenario.replace(' ', '-')}",
                {**locust_env, "LOAD_PATH": path}, PAGE_RAMP_SECONDS,
            )))  # fmt: skip
        _log(f"{label}, mixed: {args.users} delegates on both instances, {args.seconds} s")
        mixed = _locust("Delegate", foro, args.users, args.seconds, workdir / f"{label}-mixed", {
            **locust_env,
            "LOAD_HOSTS": ",".join(f"http://127.0.0.1:{port}" for port in FORO_PORTS),
        }, args.ramp_seconds)  # fmt: skip
        results.append((f"{args.users} delegates, mixed", mixed))
    check = json.loads(_run(
        [PYTHON, ROOT / "benchmarks" / "load_event.py", "--check", acks, "--plan", plan_file],
        env,
    ))  # fmt: skip
    return {"results": results, "check": check}


def _summary(label: str, measured: dict) -> None:
    results, check = measured["results"], measured["check"]
    bare = float(results[0][1]["rows"][-1]["Requests/s"])
    programme = float(results[1][1]["rows"][-1]["Requests/s"])
    p95 = float(results[-1][1]["rows"][-1]["95%"])
    logins = check.get("logins") or {}
    without = (
        f" (the {logins['count']} logins while delegates arrived, not counted: p50 "
        f"{logins['p50']:.0f}, p95 {logins['p95']:.0f} ms)"
    ) if logins else ""  # fmt: skip
    print(f"\n{label}: programme / bare route: {programme:.1f} / {bare:.1f} = "
          f"{programme / bare:.2f}; mixed p95: {p95:.0f} ms{without}; server errors (5xx): "
          f"{check['server_errors']}; acknowledged: {check['registrations']} registrations, "
          f"{check['requests']} requests; missing: {check['missing']}, duplicated: "
          f"{check['duplicated']}")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=200)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--page-seconds", type=int, default=20)
    parser.add_argument("--page-users", type=int, default=50)
    parser.add_argument("--delegates", type=int, default=3000)
    parser.add_argument(
        "--ramp-seconds", type=int, default=RAMP_SECONDS,
        help="how long the delegates take to arrive and log in, before the figures start",
    )  # fmt: skip
    parser.add_argument(
        "--before", type=Path,
        help="an older checkout (translations compiled) measured first, the same way",
    )  # fmt: skip
    args = parser.parse_args()
    if not LOCUST.exists():
        raise SystemExit("locust is missing: run `make bench-load` (it installs .venv-bench)")

    workdir = Path(tempfile.mkdtemp(prefix="foro-load-"))
    workdir.chmod(0o755)  # PostgreSQL runs as its own user and keeps its data in here
    _log(f"working in {workdir}")
    codes = [("before", args.before.resolve())] if args.before else []
    codes.append(("after" if args.before else "foro", ROOT))
    with ExitStack() as stack:
        server_url = stack.enter_context(_postgres(workdir))
        stack.enter_context(_process(
            ["redis-server", "--port", str(REDIS_PORT), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no"], dict(os.environ), workdir / "redis.log",
        ))  # fmt: skip
        # The bare route with the settings of deploy/gunicorn.conf.py (which loads Foro's app
        # in each worker, so it is not used here): as many workers, keep-alive, access log.
        stack.enter_context(_process(
            list(map(str, [
                ROOT / ".venv" / "bin" / "gunicorn", "--chdir", ROOT / "benchmarks",
                "-b", f"127.0.0.1:{BARE_PORT}", "-w", WORKERS, "--keep-alive", "5",
                "--access-logfile", "-", "--worker-tmp-dir", "/dev/shm", "bare_app:app",
            ])),
            dict(os.environ), workdir / "bare.log",
        ))  # fmt: skip
        _wait_for(f"http://127.0.0.1:{BARE_PORT}/")
        measured = [(label, _measure(code, label, args, server_url, workdir))
                    for label, code in codes]  # fmt: skip

    title = "Throughput and latency (loopback, this machine)"
    print(f"\n{title}\n| code | scenario | page | requests | req/s | p50 ms | p95 ms | p99 ms "
          "| errors |")  # fmt: skip
    print("|---|---|---|---|---|---|---|---|---|")
    for label, result in measured:
        for scenario, figures in result["results"]:
            for row in figures["rows"]:
                name = "all pages" if row["Name"] == "Aggregated" else row["Name"]
                count, rps, p50, p95, p99, errors = _figures(row)
                print(f"| {label} | {scenario} | {name} | {count} | {rps:.1f} | {p50} | {p95} "
                      f"| {p99} | {errors} |")  # fmt: skip
    for label, result in measured:
        _summary(label, result)
    print(TARGETS)


if __name__ == "__main__":
    sys.exit(main())
