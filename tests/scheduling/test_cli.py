"""CLI round trip through subprocesses: solve, check, corrupted solution fails."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from benchmarks.instance_generator import generate_size

ROOT = Path(__file__).resolve().parents[2]


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run(
        [sys.executable, "-m", "forum.scheduling", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=60,
    )


def test_solve_then_check(tmp_path):
    inst = tmp_path / "inst.json"
    inst.write_text(json.dumps(generate_size("tiny", seed=2)))
    out = cli("solve", str(inst), "--time-limit", "1", "--method", "heuristic")
    assert out.returncode == 0, out.stderr
    sol = tmp_path / "sol.json"
    sol.write_text(out.stdout)
    data = json.loads(out.stdout)
    assert data["assignments"] and "total_gaps" in data["stats"]
    ok = cli("check", str(inst), str(sol))
    assert ok.returncode == 0, ok.stdout
    assert "meetings placed:" in ok.stdout and "total gaps:" in ok.stdout
    assert "max gaps per participant:" in ok.stdout

    # corrupt: put two meetings at the same table and slot
    a, b = data["assignments"][:2]
    b["slot"], b["table"] = a["slot"], a["table"]
    sol.write_text(json.dumps(data))
    bad = cli("check", str(inst), str(sol))
    assert bad.returncode == 1
    assert "VIOLATION" in bad.stdout


def test_invalid_instance_exit_code(tmp_path):
    inst = tmp_path / "bad.json"
    inst.write_text(
        json.dumps(
            {
                "slots": [{"id": "s1"}],
                "tables": [],
                "participants": [],
                "meetings": [{"id": "m", "participants": ["x", "y"]}],
            }
        )
    )
    out = cli("solve", str(inst))
    assert out.returncode == 2
    assert "unknown participant 'x'" in out.stderr
