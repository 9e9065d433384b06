"""Write a generated forum instance: python benchmarks/instance_generator.py SIZE [--seed N]."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from forum.scheduling.generator import SIZES, generate, generate_size  # noqa: E402

__all__ = ["SIZES", "generate", "generate_size", "main"]


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
