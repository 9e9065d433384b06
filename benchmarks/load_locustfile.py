"""The simulated delegates of benchmarks/load.py (run by locust, never by the app).

Each simulated delegate logs in with an account load.py prepared, then browses as delegates
do on the day: the programme, the event page, the directory and its search, profiles, My
meetings, the calendar and the personal agenda PDF; once it registers for the side event and
it sends meeting requests to the counterparts load.py chose for it (distinct pairs, so every
acknowledged request must exist exactly once afterwards).

What the server acknowledged is appended to LOAD_ACK_FILE, one JSON line per action; load.py
checks those rows in the database after the run. Configuration comes from the environment
(LOAD_PLAN: the JSON file load.py wrote), because locust owns the command line.
"""

import json
import os
import random
import re
import sys
from collections import Counter
from itertools import count
from pathlib import Path

from locust import FastHttpUser, between, constant, events, task

sys.path.insert(0, str(Path(__file__).resolve().parent))  # where locust found this file
from form_fields import first_choice, selects  # noqa: E402

PLAN = json.loads(Path(os.environ["LOAD_PLAN"]).read_text(encoding="utf-8"))
ACKS = open(os.environ["LOAD_ACK_FILE"], "a", encoding="utf-8")  # noqa: SIM115 - lives with the run
SLUG = PLAN["slug"]
SIDE_SLUG = PLAN["side_slug"]
CSRF = re.compile(
    r'name="csrf_token" type="hidden" value="([^"]+)"|value="([^"]+)" name="csrf_token"'
)
_next_account = count()
_next_host = count()
HOSTS = [h for h in os.environ.get("LOAD_HOSTS", "").split(",") if h]
_server_errors = Counter()
SEARCHES = ("cafe", "cacao", "cooperativa", "quinua", "fondo", "lima", "alpaca", "inversion")


def _token(html: str) -> str:
    match = CSRF.search(html)
    if not match:
        return ""
    return match.group(1) or match.group(2)


def _acknowledge(kind: str, **fields) -> None:
    ACKS.write(json.dumps({"kind": kind, **fields}) + "\n")
    ACKS.flush()


_times: list[tuple[bool, str, float]] = []  # (all delegates in yet, name, ms) of each request
_spawned = [False]


@events.spawning_complete.add_listener
def _all_in(**_kwargs) -> None:
    _spawned[0] = True


@events.request.add_listener
def _note_request(name="", response_time=0.0, response=None, **_kwargs) -> None:
    _times.append((_spawned[0], name, response_time))
    if response is not None and getattr(response, "status_code", 0) >= 500:
        _server_errors[response.status_code] += 1


@events.quitting.add_listener
def _report_server_errors(**_kwargs) -> None:
    _acknowledge("server_errors", count=sum(_server_errors.values()))
    logins = sorted(ms for _in, name, ms in _times if name == "/login [POST]")
    _acknowledge("logins", count=len(logins), **_percentiles(logins))


def _percentiles(times: list[float]) -> dict:
    """p50/p95/p99 of sorted times in ms (nearest rank), as locust reports them."""
    if not times:
        return {}
    rank = lambda p: times[min(len(times) - 1, max(0, round(p * len(times)) - 1))]  # noqa: E731
    return {"p50": rank(0.50), "p95": rank(0.95), "p99": rank(0.99)}


class Delegate(FastHttpUser):
    """One delegate on a phone: a few seconds between two pages. With LOAD_HOSTS, the
    delegates are dealt in turn to the instances named there (one database behind them)."""

    wait_time = between(1, 4)

    def __init__(self, environment) -> None:
        number = next(_next_host)
        if HOSTS:
            self.host = HOSTS[number % len(HOSTS)]
        # Each delegate comes from its own address, as nginx tells Foro (PROXY_COUNT=1 in
        # deploy/foro.env.example): per-client rate limits count each delegate, not the run.
        self.default_headers = {"X-Forwarded-For": f"10.{number // 250 % 250}.{number % 250}.7"}
        super().__init__(environment)

    def on_start(self) -> None:
        accounts = PLAN["accounts"]
        self.account = accounts[next(_next_account) % len(accounts)]
        self.targets = list(self.account["targets"])
        self.registered = False
        page = self.client.get("/login", name="/login")
        self.client.post(
            "/login",
            data={"csrf_token": _token(page.text), "email": self.account["email"],
                  "password": PLAN["password"], "next": ""},
            name="/login [POST]",
        )  # fmt: skip

    @task(5)
    def programme(self) -> None:
        self.client.get(f"/events/{SLUG}/programme", name="/events/[slug]/programme")

    @task(2)
    def event_page(self) -> None:
        self.client.get(f"/events/{SLUG}/", name="/events/[slug]/")

    @task(3)
    def directory(self) -> None:
        self.client.get(f"/events/{SLUG}/delegates", name="/events/[slug]/delegates")

    @task(2)
    def directory_search(self) -> None:
        self.client.get(
            f"/events/{SLUG}/delegates?q={random.choice(SEARCHES)}",
            name="/events/[slug]/delegates?q=",
        )

    @task(2)
    def profile(self) -> None:
        other = random.choice(PLAN["profiles"])
        self.client.get(f"/events/{SLUG}/delegates/{other}", name="/events/[slug]/delegates/[id]")

    @task(3)
    def my_meetings(self) -> None:
        self.client.get(f"/events/{SLUG}/meetings", name="/events/[slug]/meetings")

    @task(1)
    def calendar(self) -> None:
        self.client.get(f"/events/{SLUG}/programme.ics", name="/events/[slug]/programme.ics")

    @task(1)
    def agenda_pdf(self) -> None:
        self.client.get(f"/events/{SLUG}/me/agenda.pdf", name="/events/[slug]/me/agenda.pdf")

    @task(1)
    def register_for_the_side_event(self) -> None:
        if self.registered:
            return
        self.registered = True
        url = f"/events/{SIDE_SLUG}/register"
        form = self.client.get(url, name="/events/[side]/register")
        data = {
            **selects(form.text),
            "csrf_token": _token(form.text),
            "name": self.account["name"],
            "privacy_consent": "y",
            # a new organisation: the simulated delegate does not know its own's id
            "organisation_id": "new",
            "org_name": f"{self.account['name']} S.A.C.",
            "org_type": first_choice(form.text, "org_type"),
            "org_country": "PE",
        }
        with self.client.post(
            url, data=data, name="/events/[side]/register [POST]", catch_response=True
        ) as answer:
            if answer.status_code == 200 and "/me" in answer.url and answer.url != url:
                _acknowledge("registration", email=self.account["email"], slug=SIDE_SLUG)
                answer.success()
            elif answer.status_code >= 500:
                answer.failure(f"server error {answer.status_code}")
            else:
                answer.failure("registration not acknowledged")

    @task(2)
    def request_a_meeting(self) -> None:
        if not self.targets:
            return
        target = self.targets.pop()
        url = f"/events/{SLUG}/delegates/{target}/request"
        form = self.client.get(url, name="/events/[slug]/delegates/[id]/request")
        data = {"csrf_token": _token(form.text), "message": "Hola, ¿conversamos?",
                "priority": "2", "preferred_time": ""}  # fmt: skip
        with self.client.post(
            url, data=data, name="/events/[slug]/delegates/[id]/request [POST]",
            catch_response=True,
        ) as answer:  # fmt: skip
            if answer.status_code == 200 and answer.url.endswith(f"/events/{SLUG}/meetings"):
                _acknowledge("request", requester=self.account["registration_id"], recipient=target)
                answer.success()
            elif answer.status_code >= 500:
                answer.failure(f"server error {answer.status_code}")
            else:
                answer.failure("request not acknowledged")


class Baseline(FastHttpUser):
    """The reference in the same run: a bare Flask route, or one page alone, as fast as asked."""

    wait_time = constant(0)
    path = os.environ.get("LOAD_PATH", "/")

    @task
    def page(self) -> None:
        self.client.get(self.path, name=self.path)
