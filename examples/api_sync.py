#!/usr/bin/env python3
"""Keep a local copy of an event's registrations in step with Foro, through the JSON API.

    FORO_API_TOKEN=foro_... python examples/api_sync.py https://foro.example.org hih-2023 \
        --copy registrations.json

The first run reads every registration, page by page (the API's cursor); each later run asks
only for those changed since the newest `updated_at` it has seen (`updated_since`), and
merges them into the copy. The standard library only: copy it next to any integration.
It prints what it did: pages read, rows received, rows in the copy, seconds.
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
        f"{figures['in_copy']} in the copy, {figures['seconds']} s"
    )
    return figures


def _instant(text: str) -> float:
    from datetime import datetime

    return datetime.fromisoformat(text).timestamp()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("base", help="the Foro site, e.g. https://foro.example.org")
    parser.add_argument("event", help="the event's slug, e.g. hih-2023")
    parser.add_argument("--copy", default="registrations.json", type=Path)
    parser.add_argument("--limit", default=100, type=int, help="rows per page (at most 200)")
    args = parser.parse_args()
    token = os.environ.get("FORO_API_TOKEN")
    if not token:
        sys.exit("Set FORO_API_TOKEN to a token made on your account page (/account/tokens).")
    sync(args.base, args.event, token, args.copy, args.limit)


if __name__ == "__main__":
    main()
