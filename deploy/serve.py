"""Foro in production on one machine: migrate, then run gunicorn, an RQ worker and the
minute clock (`rq cron`, which queues `forum tick`) together; stop them all together.

    make serve                                  # reads the environment, or .env
    python deploy/serve.py --port 8000 --rq-workers 2

It needs DATABASE_URL (PostgreSQL), REDIS_URL and a real SECRET_KEY. It prints
"ready: http://HOST:PORT" once /healthz answers, and on SIGTERM or Ctrl-C stops every
process it started and exits 0. If one of them dies, it stops the others and exits 1, so
a supervisor (systemd, a container runtime) restarts the whole set. Several machines: run
this (or deploy/*.service) on each, pointed at one shared PostgreSQL and Redis.
"""

import argparse
import json
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
READY_TIMEOUT = 60  # seconds for gunicorn to answer /healthz
STOP_TIMEOUT = 35  # seconds for a process to finish its work after SIGTERM
# Foro made once per worker, inherited by each job's forked horse (forum/core/job_worker.py)
WORKER_CLASS = "forum.core.job_worker.AppWorker"


def _say(message: str) -> None:
    print(f"serve: {message}", flush=True)


def _environment() -> dict[str, str]:
    """The environment, completed by .env; refuse early (before migrating) what cannot run."""
    from dotenv import load_dotenv

    load_dotenv(ROOT / ".env", override=False)
    env = dict(os.environ)
    problems = []
    if not env.get("DATABASE_URL", "").startswith(("postgresql://", "postgres://")):
        problems.append("DATABASE_URL must be a PostgreSQL URL (postgresql://user@host/db)")
    if not env.get("REDIS_URL", "").startswith(("redis://", "rediss://", "unix://")):
        problems.append("REDIS_URL must be set (redis://127.0.0.1:6379/0)")
    if len(env.get("SECRET_KEY", "")) < 32:
        problems.append(
            "SECRET_KEY must be a random string of 32 characters or more: "
            "python3 -c 'import secrets; print(secrets.token_urlsafe(48))'"
        )
    if problems:
        for problem in problems:
            _say(problem)
        _say("set them in the environment or in .env (see deploy/foro.env.example)")
        sys.exit(2)
    env.pop("FORO_ENV", None)  # never development mode here
    return env


def _wait_until_ready(url: str, processes: dict[str, subprocess.Popen]) -> None:
    deadline = time.monotonic() + READY_TIMEOUT
    while time.monotonic() < deadline:
        if any(p.poll() is not None for p in processes.values()):
            return
        try:
            with urllib.request.urlopen(url, timeout=2) as answer:  # noqa: S310 (our loopback)
                state = json.load(answer)
            _say(f"healthz: database {state['database']}, redis {state['redis']}")
            return
        except (OSError, urllib.error.URLError, ValueError):
            time.sleep(0.5)
    _say(f"{url} did not answer within {READY_TIMEOUT} s")


def _stop(processes: dict[str, subprocess.Popen]) -> None:
    for process in processes.values():
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
    deadline = time.monotonic() + STOP_TIMEOUT
    for name, process in processes.items():
        try:
            process.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            _say(f"{name} did not stop in time: killed")
            process.kill()
            process.wait()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--host", default=os.environ.get("FORO_HOST", "127.0.0.1"))
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
    parser.add_argument("--workers", type=int, help="gunicorn workers (default 2 x cores + 1)")
    parser.add_argument("--rq-workers", type=int, default=int(os.environ.get("RQ_WORKERS", "1")))
    parser.add_argument("--no-migrate", action="store_true", help="skip `flask db upgrade`")
    args = parser.parse_args(argv)
    env = _environment()
    if args.workers:
        env["WEB_CONCURRENCY"] = str(args.workers)
    env["FORO_BIND"] = f"{args.host}:{args.port}"

    if not args.no_migrate:
        _say("migrating the database")
        subprocess.run(
            [BIN / "flask", "--app", "wsgi", "db", "upgrade"], cwd=ROOT, env=env, check=True
        )

    redis_url = env["REDIS_URL"]
    commands = {
        "web": [BIN / "gunicorn", "-c", "deploy/gunicorn.conf.py", "wsgi:app"],
        "clock": [BIN / "rq", "cron", "forum.notifications.rq_cron", "--url", redis_url],
    }
    for number in range(1, args.rq_workers + 1):
        commands[f"worker-{number}"] = [
            BIN / "rq", "worker", "forum", "--worker-class", WORKER_CLASS, "--url", redis_url
        ]  # fmt: skip

    stopping = False

    def _on_signal(signum, _frame):
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGTERM, _on_signal)
    signal.signal(signal.SIGINT, _on_signal)

    processes: dict[str, subprocess.Popen] = {}
    for name, command in commands.items():
        # Own process groups: a Ctrl-C in the terminal reaches this script only, which then
        # stops each child in order (gunicorn finishes its requests, workers their jobs).
        processes[name] = subprocess.Popen(command, cwd=ROOT, env=env, start_new_session=True)
        _say(f"started {name} (pid {processes[name].pid})")
    _wait_until_ready(f"http://{args.host}:{args.port}/healthz", processes)
    if all(p.poll() is None for p in processes.values()):
        _say(f"ready: http://{args.host}:{args.port}")

    failed = None
    while not stopping and failed is None:
        failed = next((n for n, p in processes.items() if p.poll() is not None), None)
        time.sleep(0.5)
    if failed:
        _say(f"{failed} exited with {processes[failed].returncode}: stopping the others")
    else:
        _say("stopping")
    _stop(processes)
    _say("stopped")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
