"""find() throughput against the floor, measured in the same run.

The floor normalises the same text with one ``str.translate`` and splits it into words with one
compiled regex. Input: the ANT articles in ../shared/data (about 6 MB) when present, else the seed
article repeated to a similar size. Reports MB/s of both and the ratio (target ≥ 0.25, goal 0.5).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from gazetteer import Gazetteer  # noqa: E402
from gazetteer.normalize import _TABLE  # noqa: E402

WORDS = re.compile(r"[^\W_]+")


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


def floor(texts: list[str]) -> float:
    t0 = time.perf_counter()
    for text in texts:
        WORDS.findall(text.translate(_TABLE))
    return time.perf_counter() - t0


def run_find(gz: Gazetteer, texts: list[str]) -> tuple[float, int]:
    t0 = time.perf_counter()
    n = 0
    for text in texts:
        n += len(gz.find(text))
    return time.perf_counter() - t0, n


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--mb", type=float, default=6.0, help="approximate input size in MB")
    args = parser.parse_args(argv)
    texts = load_texts(args.data, args.mb)
    mb = sum(len(t.encode()) for t in texts) / 1e6
    gz = Gazetteer()
    gz.find(texts[0])  # build the recogniser outside the timing
    floor_s = min(floor(texts) for _ in range(3))
    find_s, n = min((run_find(gz, texts) for _ in range(2)), key=lambda r: r[0])
    print(f"input {mb:.1f} MB in {len(texts)} texts; {n} mentions")
    print(f"floor (translate + regex split): {mb / floor_s:.1f} MB/s")
    print(f"find(): {mb / find_s:.1f} MB/s  ratio to floor {floor_s / find_s:.2f} (target 0.25, goal 0.5)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
