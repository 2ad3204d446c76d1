"""find() throughput against the floor, measured in the same run.

The floor normalises the same text with one ``str.translate`` and splits it into words with one
compiled regex; the two run in alternating rounds (bench/throughput.py's ``floor_and_find``). Input:
the ANT articles in ../shared/data (about 6 MB) when present, else the seed article repeated to a
similar size. Reports MB/s of both and the ratio (target ≥ 0.25, goal 0.5).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from throughput import floor_and_find  # noqa: E402


def load_texts(data: Path, target_mb: float) -> list[str]:
    ant = data / "ant_conflict_dev.jsonl"
    if ant.exists():
        with open(ant, encoding="utf-8") as fh:
            texts = [json.loads(line)["text"] for line in fh if line.strip()]
    else:
        texts = [(ROOT / "seeds").glob("*.txt").__next__().read_text(encoding="utf-8")]
    size = sum(len(t.encode()) for t in texts)
    repeat = max(1, round(target_mb * 1e6 / size))
    return texts * repeat


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--mb", type=float, default=6.0, help="approximate input size in MB")
    parser.add_argument("--rounds", type=int, default=5, help="alternating rounds of the floor and find()")
    args = parser.parse_args(argv)
    texts = load_texts(args.data, args.mb)
    mb, floor_s, find_s = floor_and_find(texts, rounds=args.rounds)
    print(f"input {mb:.1f} MB in {len(texts)} texts; floor and find() in {args.rounds} alternating rounds, "
          f"the fastest of each")
    print(f"floor (translate + regex split): {mb / floor_s:.1f} MB/s")
    print(f"find(): {mb / find_s:.1f} MB/s  ratio to floor {floor_s / find_s:.3f} (target 0.25, goal 0.5)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
