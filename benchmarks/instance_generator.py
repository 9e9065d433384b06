"""Seeded generator of realistic forum instances: clusters, hubs, holes, fixed meetings.

Write one: python benchmarks/instance_generator.py SIZE [--seed N] [-o FILE].
The scheduler's tests and benchmarks share it; the engine in forum/scheduling does not need it.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

SIZES: dict[str, dict[str, int]] = {
    "tiny": {"delegates": 12, "meetings": 30, "slots": 6, "tables": 4, "blocks": 2},
    "small": {"delegates": 60, "meetings": 300, "slots": 12, "tables": 20, "blocks": 2},
    "medium": {"delegates": 300, "meetings": 2000, "slots": 16, "tables": 60, "blocks": 2},
    "loose": {"delegates": 300, "meetings": 1200, "slots": 16, "tables": 120, "blocks": 2},
    "large": {"delegates": 3000, "meetings": 20000, "slots": 24, "tables": 400, "blocks": 4},
    # the web app's shape of a 3,000-delegate forum: 150 tables x 60 slots (9,000 places)
    "forum3000": {"delegates": 3000, "meetings": 10000, "slots": 60, "tables": 150, "blocks": 6},
}


def _slots(n: int, blocks: int) -> list[dict[str, Any]]:
    """Half-day blocks of 30-minute slots (morning 9:00, afternoon 14:00) over several days."""
    per = [n // blocks + (1 if b < n % blocks else 0) for b in range(blocks)]
    out = []
    day0 = datetime(2025, 5, 20)
    for b, k in enumerate(per):
        day = day0 + timedelta(days=b // 2)
        t = day.replace(hour=9 if b % 2 == 0 else 14)
        for _ in range(k):
            out.append(
                {
                    "id": f"s{len(out) + 1}",
                    "start": t.isoformat(),
                    "end": (t + timedelta(minutes=30)).isoformat(),
                    "block": f"d{b // 2 + 1}{'am' if b % 2 == 0 else 'pm'}",
                }
            )
            t += timedelta(minutes=30)
    return out


def generate(
    delegates: int,
    meetings: int,
    slots: int,
    tables: int,
    blocks: int = 2,
    seed: int = 0,
    fixed_share: float = 0.01,
) -> dict[str, Any]:
    """Return an instance dict in the scheduler's JSON format."""
    rng = random.Random(seed)
    slot_list = _slots(slots, blocks)
    sids = [s["id"] for s in slot_list]
    by_block: dict[str, list[str]] = {}
    for s in slot_list:
        by_block.setdefault(s["block"], []).append(s["id"])
    block_names = list(by_block)
    clusters = max(3, delegates // 40)
    cluster = [rng.randrange(clusters) for _ in range(delegates)]
    hubs = set(rng.sample(range(delegates), max(1, delegates // 30)))
    popularity = [
        rng.uniform(8, 20) if i in hubs else rng.paretovariate(2.0) for i in range(delegates)
    ]
    members: dict[int, list[int]] = {}
    for i, c in enumerate(cluster):
        members.setdefault(c, []).append(i)
    unavailable: list[set[str]] = [set() for _ in range(delegates)]
    for i in range(delegates):
        r = rng.random()
        if r < 0.12:  # arrives late or leaves early: misses a whole block
            unavailable[i] |= set(by_block[rng.choice(block_names)])
        elif r < 0.30:  # a few holes (other commitments)
            unavailable[i] |= set(rng.sample(sids, rng.randint(1, 3)))
    table_list = []
    for t in range(tables):
        un: list[str] = []
        if rng.random() < 0.05:
            un = by_block[rng.choice(block_names)]
        table_list.append({"id": f"T{t + 1}", "unavailable_slots": un})
    cap_degree = int(slots * 1.6)
    degree = [0] * delegates
    pairs: set[tuple[int, ...]] = set()
    out_meetings: list[dict[str, Any]] = []
    weights = popularity
    tries = 0
    while len(out_meetings) < meetings and tries < meetings * 50:
        tries += 1
        a = rng.randrange(delegates)
        if a in hubs or degree[a] >= cap_degree:
            continue
        if rng.random() < 0.7:
            pool = members[cluster[a]]
            b = rng.choices(pool, weights=[weights[i] for i in pool])[0]
        else:
            b = rng.choices(range(delegates), weights=weights)[0]
        if b == a or degree[b] >= cap_degree * (3 if b in hubs else 1):
            continue
        group = [a, b]
        if rng.random() < 0.03:
            c = rng.choice(members[cluster[a]])
            if c not in group:
                group.append(c)
        key = tuple(sorted(group))
        if key in pairs:
            continue
        pairs.add(key)
        for i in group:
            degree[i] += 1
        pri = (
            2 if b in hubs and rng.random() < 0.5 else rng.choices([1, 2, 3], [0.65, 0.28, 0.07])[0]
        )
        allowed = None
        if rng.random() < 0.05:
            allowed = list(by_block[rng.choice(block_names)])
        out_meetings.append(
            {
                "id": f"m{len(out_meetings) + 1}",
                "participants": [f"d{i + 1}" for i in group],
                "priority": pri,
                "allowed_slots": allowed,
                "fixed": None,
                "_group": group,
            }
        )
    _fix_some(rng, out_meetings, table_list, sids, unavailable, fixed_share)
    for m in out_meetings:
        del m["_group"]
    return {
        "slots": slot_list,
        "tables": table_list,
        "participants": [
            {"id": f"d{i + 1}", "unavailable_slots": [s for s in sids if s in unavailable[i]]}
            for i in range(delegates)
        ],
        "meetings": out_meetings,
    }


def _fix_some(
    rng: random.Random,
    meetings: list[dict[str, Any]],
    tables: list[dict[str, Any]],
    sids: list[str],
    unavailable: list[set[str]],
    share: float,
) -> None:
    """Pin a share of meetings to a consistent slot and table (e.g. ministerial audiences)."""
    taken_t: set[tuple[str, str]] = set()
    taken_p: set[tuple[int, str]] = set()
    for m in rng.sample(meetings, int(len(meetings) * share)):
        options = list(m["allowed_slots"] or sids)
        rng.shuffle(options)
        for s in options:
            if any(s in unavailable[i] or (i, s) in taken_p for i in m["_group"]):
                continue
            free = [
                t["id"]
                for t in tables
                if s not in t["unavailable_slots"] and (t["id"], s) not in taken_t
            ]
            if not free:
                continue
            t = free[0]
            m["fixed"] = {"slot": s, "table": t}
            taken_t.add((t, s))
            taken_p.update((i, s) for i in m["_group"])
            break


def generate_size(size: str, seed: int = 0) -> dict[str, Any]:
    """Generate one of the named sizes (SIZES): tiny, small, medium, loose, large, forum3000."""
    return generate(**SIZES[size], seed=seed)


def main(argv: list[str] | None = None) -> int:
    """Generate one instance and write it to a file or stdout."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("size", choices=sorted(SIZES))
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("-o", "--output", help="file to write (default stdout)")
    args = ap.parse_args(argv)
    text = json.dumps(generate_size(args.size, args.seed), indent=1)
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
    else:
        print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
