"""The worst case of the statement stage: one article of unpunctuated text, a single "sentence" of hundreds of
thousands of words, against a floor measured in the same run.

For each size (0.1, 1 and 10 MB by default) a fresh interpreter builds the text from the seed article's words
(every sentence end, quotation mark and line break taken out, the words repeated in order), then times:

- floor: normalise the text with one ``str.translate`` and split it into words with one regex (the floor of
  bench/throughput.py and bench/find_speed.py), the fastest of three;
- ``extract_statements`` on the one article (the gazetteer loaded and warmed before), once.

Rows (markdown on standard output): seconds, seconds per MB and their ratio to the floor's seconds per MB,
and the interpreter's peak resident memory. Linear work shows as a flat seconds-per-MB column; a stage that
is quadratic in a sentence's length shows as seconds per MB growing with the size.

Run: ``.venv/bin/python bench/worst_case.py [--sizes 0.1 1 10]`` (``make bench`` runs it).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

_ONE_SIZE = r"""
import json, re, resource, sys, time
sys.path.insert(0, {bench!r})
from throughput import _floor_once
from gazetteer import Gazetteer
from geonews.extraction.pipeline import extract_statements
from geonews.reading.articles import Article

mb = float(sys.argv[1])
seed = open({seed!r}, encoding="utf-8").read()
words = re.sub(r"[.!?\u061f\u061b\u2026\u06d4\n\r\u00ab\u00bb\u201c\u201d\"]", " ", seed).split()
out, size, i = [], 0, 0
while size < mb * 1e6:
    word = words[i % len(words)]
    out.append(word)
    size += len(word.encode()) + 1
    i += 1
text = " ".join(out)
gz = Gazetteer()
extract_statements(Article(id="warm", text=seed), gz)  # the gazetteer and the pipeline built outside the timing
floor = min(_floor_once([text]) for _ in range(3))
t0 = time.perf_counter()
statements = extract_statements(Article(id="worst", text=text), gz)
took = time.perf_counter() - t0
print(json.dumps({{"mb": len(text.encode()) / 1e6, "words": len(out), "floor": floor, "seconds": took,
                  "statements": len(statements),
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}}))
"""


def measure(mb: float, timeout: float) -> dict:
    """One size in a fresh interpreter (so its peak memory is its own)."""
    seed = sorted((ROOT / "seeds").glob("*.txt"))[0]
    code = _ONE_SIZE.format(bench=str(ROOT / "bench"), seed=str(seed))
    done = subprocess.run([sys.executable, "-c", code, str(mb)], capture_output=True, text=True, timeout=timeout,
                          cwd=ROOT)
    if done.returncode != 0:
        raise SystemExit(f"worst_case: the {mb} MB run failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=float, nargs="+", default=[0.1, 1.0, 10.0], help="MB of text per run")
    parser.add_argument("--timeout", type=float, default=1800, help="seconds a size may take before it fails")
    args = parser.parse_args(argv)
    print("| text | words | statements | extract s | s/MB | floor s/MB | ratio to floor | peak memory |")
    print("|---|---|---|---|---|---|---|---|")
    for mb in args.sizes:
        row = measure(mb, args.timeout)
        per_mb, floor_per_mb = row["seconds"] / row["mb"], row["floor"] / row["mb"]
        print(f"| {row['mb']:.2f} MB, no sentence end | {row['words']:,} | {row['statements']:,} | "
              f"{row['seconds']:.2f} | {per_mb:.2f} | {floor_per_mb:.4f} | {per_mb / floor_per_mb:.0f}× | "
              f"{row['peak_mb']:.0f} MB |", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
