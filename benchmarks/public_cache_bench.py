"""Requests per second of one public page as an anonymous visitor, against a running server.

    python benchmarks/public_cache_bench.py http://127.0.0.1:8000/events/<slug>/programme \
        [--clients 8] [--seconds 10] [--revalidate]

Each client keeps one connection and asks again as soon as it is answered. --revalidate
sends the ETag of the first answer back (If-None-Match), as a returning browser does.
Run it against `make serve` with and without REDIS_URL to compare the cache.
"""

import argparse
import http.client
import statistics
import threading
import time
from urllib.parse import urlsplit


def _client(url, deadline, revalidate, times, statuses):
    parts = urlsplit(url)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    connection = http.client.HTTPConnection(parts.hostname, parts.port or 80, timeout=30)
    headers = {"Accept-Language": "en"}
    while time.monotonic() < deadline:
        started = time.monotonic()
        connection.request("GET", path, headers=headers)
        answer = connection.getresponse()
        answer.read()
        times.append(time.monotonic() - started)
        statuses.append(answer.status)
        if revalidate and answer.getheader("ETag"):
            headers["If-None-Match"] = answer.getheader("ETag")
        cookie = answer.getheader("Set-Cookie")
        if cookie:  # keep the session, as a browser would (the CSRF token's session)
            headers["Cookie"] = cookie.split(";", 1)[0]
    connection.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("url")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--revalidate", action="store_true")
    args = parser.parse_args()
    times: list[float] = []
    statuses: list[int] = []
    deadline = time.monotonic() + args.seconds
    threads = [
        threading.Thread(
            target=_client, args=(args.url, deadline, args.revalidate, times, statuses)
        )
        for _ in range(args.clients)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    counts = {status: statuses.count(status) for status in sorted(set(statuses))}
    p95 = statistics.quantiles(times, n=20)[-1] if len(times) > 1 else times[0]
    print(
        f"{len(times) / args.seconds:.1f} requests/s,"
        f" median {statistics.median(times) * 1000:.0f} ms,"
        f" p95 {p95 * 1000:.0f} ms, statuses {counts}"
    )


if __name__ == "__main__":
    main()
