"""A Foro webhook receiver that checks every delivery's signature (standard library only).

    python examples/webhook_receiver.py --port 8000 --secret whsec_...

Foro signs each delivery with the endpoint's secret (shown on the webhook's page):

    X-Foro-Timestamp: 1764748800                 (Unix seconds when it was sent)
    X-Foro-Signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<body>" with the secret>
    X-Foro-Event:     registration.created      (the kind)
    X-Foro-Delivery:  42                        (the same id when a delivery is retried)

A receiver recomputes the HMAC over the raw body exactly as received, compares it in
constant time, and refuses a timestamp more than 5 minutes away from its clock (an old
request replayed by someone who recorded it). It answers 2xx quickly; anything else, or no
answer within 5 seconds, makes Foro retry with backoff for 24 hours. A delivery may arrive
twice (a retry after a lost answer, or a replay from the log): use X-Foro-Delivery and the
payload's ids to ignore repeats. Foro itself never needs to be reachable from here.

Behind a TLS proxy in production: Foro sends webhooks to HTTPS addresses only.
"""

import argparse
import hashlib
import hmac
import json
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

TOLERANCE = 5 * 60  # seconds


def verify(secret: str, headers, body: bytes, now: float | None = None) -> bool:
    """Whether a delivery is Foro's, unchanged, and recent."""
    timestamp = headers.get("X-Foro-Timestamp", "")
    if not timestamp.isdigit():
        return False
    if abs((time.time() if now is None else now) - int(timestamp)) > TOLERANCE:
        return False
    expected = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256)
    return hmac.compare_digest(
        "sha256=" + expected.hexdigest(), headers.get("X-Foro-Signature", "")
    )


def make_handler(secret: str, received: list | None = None):
    """A request handler class that checks signatures; accepted deliveries go to `received`."""

    class Receiver(BaseHTTPRequestHandler):
        def do_POST(self):
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length)
            if not verify(secret, self.headers, body):
                self.send_response(401)
                self.end_headers()
                return
            delivery = {
                "id": self.headers["X-Foro-Delivery"],
                "kind": self.headers["X-Foro-Event"],
                "payload": json.loads(body),
            }
            if received is not None:
                received.append(delivery)
            else:
                print(json.dumps(delivery, ensure_ascii=False, indent=2), flush=True)
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args):  # quiet: the deliveries are printed above
            pass

    return Receiver


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--secret", required=True, help="the webhook's secret, from Foro")
    options = parser.parse_args()
    server = ThreadingHTTPServer((options.host, options.port), make_handler(options.secret))
    print(f"Listening on http://{options.host}:{options.port}/ (Ctrl+C to stop)")
    server.serve_forever()


if __name__ == "__main__":
    main()
