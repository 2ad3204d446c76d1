"""find() throughput against the floor, measured in the same run, for each candidate scan.

The floor normalises the same text with one ``str.translate`` and splits it into words with one
compiled regex. The floor, ``find()`` with the word loop (``Gazetteer(scan="words")``, the default and
the reference) and ``find()`` with the automaton (``scan="automaton"``, gazetteer/automaton.py) run in
alternating rounds, the fastest round of each kept: on a shared machine the speed drifts by a third
within minutes, which a floor measured only once misses. Both scans must give the same mentions (checked
here on every text). Input: the ANT articles in ../shared/data (about 5 MB) when present, else the seed
article repeated to a similar size. Target ≥ 1.0 of the floor (goal 2.0).
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from throughput import _floor_once, machine  # noqa: E402

SCANS = ("words", "automaton")


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


def find_rounds(texts: list[str], rounds: int = 7) -> dict[str, float]:
    """The fastest of ``rounds`` alternating passes of the floor and of find() with each scan, in seconds."""
    from gazetteer import Gazetteer

    finders = {scan: Gazetteer(scan=scan) for scan in SCANS}
    # first sight of every word, as over a long run (and the automaton made); the scans must agree
    mentions = {scan: [gz.find(text) for text in texts] for scan, gz in finders.items()}
    if mentions["automaton"] != mentions["words"]:
        raise AssertionError("the two scans gave different mentions")
    del mentions
    gc.freeze()  # what a long run keeps (the index, the automaton) is not rescanned by every collection

    def timed(gz) -> float:
        t0 = time.perf_counter()
        for text in texts:
            gz.find(text)
        return time.perf_counter() - t0

    best = {"floor": float("inf"), **{scan: float("inf") for scan in SCANS}}
    for _ in range(rounds):
        best["floor"] = min(best["floor"], _floor_once(texts))
        for scan, gz in finders.items():
            best[scan] = min(best[scan], timed(gz))
    return best


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--mb", type=float, default=5.0, help="approximate input size in MB")
    parser.add_argument("--rounds", type=int, default=7, help="alternating rounds of the floor and find()")
    args = parser.parse_args(argv)
    texts = load_texts(args.data, args.mb)
    mb = sum(len(t.encode()) for t in texts) / 1e6
    print(f"machine: {machine()}")
    with tempfile.TemporaryDirectory(prefix="gazetteer-cache-") as cache:
        os.environ.setdefault("GAZETTEER_CACHE", cache)  # the automaton built for this run, unless one is kept
        best = find_rounds(texts, args.rounds)
    print(f"input {mb:.1f} MB in {len(texts)} texts; the floor and find() with each scan in {args.rounds} "
          f"alternating rounds, the fastest of each; the same mentions from both scans")
    print(f"floor (translate + regex split): {mb / best['floor']:.1f} MB/s")
    for scan in SCANS:
        print(f"find(), scan={scan}: {mb / best[scan]:.1f} MB/s  ratio to floor {best['floor'] / best[scan]:.3f} "
              f"(target 1.0, goal 2.0)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
