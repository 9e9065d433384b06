#!/usr/bin/env python3
"""Keep a local copy of an event's registrations in step with Foro, through the JSON API.

    FORO_API_TOKEN=foro_... python examples/api_sync.py https://foro.example.org hih-2023 \
        --copy registrations.json [--listen 8001 --secret whsec_...]

The first run reads every registration, page by page (the API's cursor); each later run asks
only for those changed since the newest `updated_at` it has seen (`updated_since`), and
merges them into the copy. The standard library only: copy it next to any integration.
It prints what it did: pages read, rows received, rows in the copy, seconds.

With --listen, it then stays up as a webhook receiver (examples/webhook_receiver.py checks
each delivery's signature with the webhook's secret): every registration.created or
registration.approved that Foro sends starts one more sync of what changed, so the copy
follows Foro within seconds instead of at the next run.
"""

import argparse
import json
import os
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path


def fetch(url: str, token: str) -> dict:
    request = urllib.request.Request(
        url, headers={"Authorization": f"Bearer {token}", "Accept": "application/json"}
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return json.load(response)
    except urllib.error.HTTPError as error:  # the API's JSON error: say its code and message
        body = json.load(error)
        sys.exit(f"{error.code} {body.get('code')}: {body.get('message')}")


def sync(base: str, slug: str, token: str, copy_path: Path, limit: int = 100) -> dict:
    """One sync; returns the figures it printed."""
    started = time.perf_counter()
    copy = json.loads(copy_path.read_text()) if copy_path.exists() else {}
    rows = copy.get("registrations", {})
    since = copy.get("updated_since")
    params = {"limit": limit, **({"updated_since": since} if since else {})}
    pages = received = 0
    newest = since
    cursor = None
    while True:
        query = urllib.parse.urlencode({**params, **({"cursor": cursor} if cursor else {})})
        page = fetch(f"{base.rstrip('/')}/api/v1/events/{slug}/registrations?{query}", token)
        pages += 1
        for row in page["data"]:
            rows[str(row["id"])] = row
            received += 1
            # offsets differ between rows: compare instants, keep the text the API gave
            if newest is None or _instant(row["updated_at"]) > _instant(newest):
                newest = row["updated_at"]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    copy_path.write_text(
        json.dumps({"updated_since": newest, "registrations": rows}, ensure_ascii=False, indent=1)
    )
    figures = {
        "pages": pages,
        "received": received,
        "in_copy": len(rows),
        "seconds": round(time.perf_counter() - started, 3),
    }
    print(
        f"{figures['pages']} pages, {figures['received']} registrations received, "
        f"{figures['in_copy']} in the copy, {figures['seconds']} s",
        flush=True,
    )
    return figures


def _instant(text: str) -> float:
    from datetime import datetime

    return datetime.fromisoformat(text).timestamp()


def listen(base: str, slug: str, token: str, copy_path: Path, limit: int, port: int,
           secret: str, host: str = "127.0.0.1") -> None:  # fmt: skip
    """Receive Foro's webhooks on host:port; a registration's starts a sync of the changes."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
    from threading import Lock

    from webhook_receiver import verify

    one_at_a_time = Lock()  # two deliveries at once: the second sync waits for the first

    class Receiver(BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            if not verify(secret, self.headers, body):
                self.send_response(401)
                self.end_headers()
                return
            self.send_response(204)  # answer at once; Foro retries a slow receiver
            self.end_headers()
            kind = self.headers.get("X-Foro-Event", "")
            print(f"webhook {kind} (delivery {self.headers.get('X-Foro-Delivery')})", flush=True)
            if kind.startswith("registration."):
                with one_at_a_time:
                    sync(base, slug, token, copy_path, limit)

        def log_message(self, *args):  # quiet: what matters is printed above
            pass

    server = ThreadingHTTPServer((host, port), Receiver)
    print(f"listening for webhooks on http://{host}:{server.server_port}/", flush=True)
    server.serve_forever()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("base", help="the Foro site, e.g. https://foro.example.org")
    parser.add_argument("event", help="the event's slug, e.g. hih-2023")
    parser.add_argument("--copy", default="registrations.json", type=Path)
    parser.add_argument("--limit", default=100, type=int, help="rows per page (at most 200)")
    parser.add_argument("--listen", type=int, help="then receive webhooks on this port")
    parser.add_argument("--secret", help="the webhook's secret (its page in Foro)")
    args = parser.parse_args()
    token = os.environ.get("FORO_API_TOKEN")
    if not token:
        sys.exit("Set FORO_API_TOKEN to a token made on your account page (/account/tokens).")
    if args.listen is not None and not args.secret:
        sys.exit("--listen needs --secret: the webhook's secret, shown on its page in Foro.")
    sync(args.base, args.event, token, args.copy, args.limit)
    if args.listen is not None:
        listen(args.base, args.event, token, args.copy, args.limit, args.listen, args.secret)


if __name__ == "__main__":
    main()
