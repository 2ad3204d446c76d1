"""Throughput and memory of ``geonews extract``, each figure next to a floor measured in the same run.

Rows (a markdown table on standard output):

- floor: normalise with one ``str.translate`` and split into words with one regex (bench/find_speed.py);
- ``Gazetteer.find``: MB/s and its ratio to the floor (target ≥ 0.25, goal 0.5);
- ``geonews extract`` start-up: the seed article alone, best of three;
- ``geonews extract`` end to end, a subprocess (start-up, reading, writing JSON Lines included): MB/s per
  core, from wall time and from the subprocess's CPU time (the second is steadier on a shared machine),
  target ≥ 1.5 MB/s, goal 3;
- ``--workers 1`` against ``--workers 2`` (local Dask cluster): the speed-up (target ≥ 1.6×);
- gazetteer cold load in a fresh interpreter, against reading the index file's bytes (target ≤ 1 s);
- peak resident memory of the extract subprocess at two input sizes (flat: the ratio should be ~1), writing
  JSON Lines and writing a GeoPackage (streamed a frame per chunk of articles);
- with ``--profile``: where the time of the statement stage goes, warm, in this process: the CPU time of each
  pipeline component over the ANT articles (``find()`` inside ``mentions``, tokenising inside ``tokens``),
  and of serialising the statements as JSON Lines, best of three passes;
- with ``--memory-mb 1000``: the same on a 1 GB input, resident memory sampled every few seconds (the
  largest sample in each tenth of the run), to show it stays flat from start to end (about 20 minutes
  at 0.8 MB/s, so not run by default).

Input: the ANT articles in ../shared/data (JSON Lines with ``id``, ``title``, ``text``), repeated to ``--mb``
MB (50 by default) with an id per copy, written to a temporary folder. Repeats make the caches warmer than
fresh news would: the 1× row (the articles once) is the figure for text never seen.

Run: ``make bench`` or ``.venv/bin/python bench/throughput.py [--mb 50] [--small-mb 10] [--skip-workers]``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

WORDS = re.compile(r"[^\W_]+")
GEONEWS = [sys.executable, "-m", "geonews.cli"]


def load_records(data: Path) -> list[dict]:
    ant = data / "ant_conflict_dev.jsonl"
    if ant.exists():
        with open(ant, encoding="utf-8") as fh:
            return [{"id": r.get("docno") or f"ant-{k}", "title": r.get("title"), "text": r["text"]}
                    for k, line in enumerate(fh) if line.strip() for r in [json.loads(line)]]
    seed = sorted((ROOT / "seeds").glob("*.txt"))[0].read_text(encoding="utf-8")
    title, _, text = seed.partition("\n")
    return [{"id": "seed", "title": title, "text": text}]


def make_input(records: list[dict], mb: float, path: Path) -> float:
    """Write the records repeated to about ``mb`` MB (each copy with its own id); return the size in MB."""
    lines = [json.dumps(r, ensure_ascii=False) for r in records]
    once = sum(len(line.encode()) + 1 for line in lines)
    copies = max(1, round(mb * 1e6 / once))
    with open(path, "w", encoding="utf-8") as fh:
        for k in range(copies):
            for r in records:
                fh.write(json.dumps(dict(r, id=f"{r['id']}#{k}"), ensure_ascii=False) + "\n")
    return path.stat().st_size / 1e6


def _proc_status(pid: int, *fields: str) -> dict[str, float]:
    """The given memory fields (``VmRSS``, ``VmHWM`` …) of a live process, in MB ({} once it has exited)."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as fh:
            return {k: int(v.split()[0]) / 1024 for k, _, v in (line.partition(":") for line in fh) if k in fields}
    except OSError:
        return {}


def run_child(argv: list[str], sample_every: float | None = None, code: Path | None = None) -> dict:
    """Run a subprocess; its wall time, CPU time (it and the children it waited for), peak RSS, and with
    ``sample_every`` its resident memory (MB) read from /proc every so many seconds (``rss_samples``).

    The peak is the child's own high-water mark (``VmHWM``, polled every 50 ms until it exits), not
    ``ru_maxrss``: the latter also counts this process's memory, which the child shares between the
    fork and the exec (a child of a 400 MB parent reports 400 MB however little it uses). With ``code``, the
    child imports geonews and gazetteer from that checkout (``PYTHONPATH``) instead of this one."""
    samples: list[float] = []
    peak = 0.0
    t0 = time.perf_counter()
    next_sample = t0
    with tempfile.TemporaryFile() as err:  # a file, not a pipe: a long run's stderr cannot block it
        env = dict(os.environ, PYTHONPATH=str(code)) if code is not None else None
        proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=err, cwd=code or ROOT, env=env)
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            memory = _proc_status(proc.pid, "VmRSS", "VmHWM")
            peak = max(peak, memory.get("VmHWM", 0.0))
            if sample_every and time.perf_counter() >= next_sample and "VmRSS" in memory:
                samples.append(memory["VmRSS"])
                next_sample += sample_every
            time.sleep(0.05)
        wall = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode not in (0, 1):
            err.seek(0)
            raise RuntimeError(f"{' '.join(argv)} failed ({proc.returncode}): "
                               f"{err.read().decode('utf-8', 'replace')[-2000:]}")
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "rss_mb": peak, "rss_samples": samples}


def _floor_once(texts: list[str]) -> float:
    """Seconds of one pass of the floor over ``texts``: one ``str.translate`` with the normalisation table
    and one regex split into words per text."""
    from gazetteer.normalize import _TABLE

    t0 = time.perf_counter()
    for text in texts:
        WORDS.findall(text.translate(_TABLE))
    return time.perf_counter() - t0


def floor_seconds(texts: list[str]) -> float:
    """The floor over ``texts``, best of three passes."""
    return min(_floor_once(texts) for _ in range(3))


def floor_and_find(texts: list[str], rounds: int = 5) -> tuple[float, float, float]:
    """(MB, floor seconds, find seconds): the floor and ``find()`` over ``texts`` in alternating rounds,
    the fastest round of each. Alternating keeps both under the same machine conditions: on a shared
    machine the speed drifts by a third within minutes, which a floor measured only once misses."""
    from gazetteer import Gazetteer

    mb = sum(len(t.encode()) for t in texts) / 1e6
    gz = Gazetteer()
    gz.find(texts[0])  # build the recogniser outside the timing

    def find() -> float:
        t0 = time.perf_counter()
        for text in texts:
            gz.find(text)
        return time.perf_counter() - t0

    find()  # first sight of every word: analyses and caches are made once, as over a long run
    pairs = [(_floor_once(texts), find()) for _ in range(rounds)]
    return mb, min(f for f, _ in pairs), min(g for _, g in pairs)


def component_profile(records: list[dict], passes: int = 3) -> list[tuple[str, float]]:
    """(component, CPU seconds) over the articles, warm, best of ``passes``; ``json`` is serialising the
    statements (``to_dict`` and the JSON Lines writer's ``json_line``)."""
    import gc

    from geonews.batch import worker_gazetteer
    from geonews.extraction.document import Doc
    from geonews.extraction.pipeline import Pipeline
    from geonews.extraction.registry import registered
    from geonews.output.writers.jsonl import json_line
    from geonews.reading.articles import Article

    gz = worker_gazetteer()
    pipeline = Pipeline(gz)
    steps = [(name, registered(name).func) for name in pipeline.pipe_names]
    articles = [Article(id=r["id"], text=r["text"], title=r.get("title")) for r in records]
    clock = time.process_time
    best: dict[str, float] = {}
    for _ in range(passes + 1):  # the first pass warms the caches
        spent = dict.fromkeys([name for name, _ in steps] + ["json"], 0.0)
        for article in articles:
            doc = Doc(article, gz, pipeline.lexicons)
            for name, func in steps:
                t0 = clock()
                doc = func(doc)
                spent[name] += clock() - t0
            t0 = clock()
            "".join([json_line(st.to_dict()) for st in doc.statements])
            spent["json"] += clock() - t0
        gc.collect()
        best = spent if not best else {k: min(best[k], v) for k, v in spent.items()}
    return sorted(best.items(), key=lambda kv: -kv[1])


_LOAD = """
import time, json
t0 = time.perf_counter()
from gazetteer import Gazetteer
Gazetteer().geocode("منبج")
print(json.dumps(time.perf_counter() - t0))
"""
_LOAD_FIND = """
import time, json, sys
t0 = time.perf_counter()
from gazetteer import Gazetteer
gz = Gazetteer(scan=sys.argv[1])
gz.find("وقال المرصد إن القوات تقدمت في ريف حلب الشمالي")
seconds = time.perf_counter() - t0
if sys.argv[1] != "words":
    assert gz.recognizer.finder.automaton.size  # made: built, or loaded from the disk cache
rss = [int(line.split()[1]) / 1024 for line in open("/proc/self/status") if line.startswith("VmRSS")][0]
print(json.dumps([seconds, rss]))
"""
_LOAD_FLOOR = """
import time, json
t0 = time.perf_counter()
from importlib import resources
for name in ("index.pkl", "index_latin.pkl"):
    f = resources.files("gazetteer.data").joinpath(name)
    if f.is_file():
        f.read_bytes()
print(json.dumps(time.perf_counter() - t0))
"""


def timed_snippet(code: str, *args: str):
    out = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, cwd=ROOT, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in open("/proc/cpuinfo", encoding="utf-8"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return (f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, "
            f"{platform.system()} {platform.release()}; load average {load:.1f} at start")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--mb", type=float, default=50.0, help="input size for the end-to-end runs (MB)")
    parser.add_argument("--small-mb", type=float, default=10.0, help="the smaller input for the memory check (MB)")
    parser.add_argument("--workers", type=int, default=2, help="workers of the parallel run (against 1)")
    parser.add_argument("--skip-workers", action="store_true", help="leave out the Dask runs")
    parser.add_argument("--memory-mb", type=float, default=0.0,
                        help="also run extract on an input this large (MB), sampling its memory (e.g. 1000)")
    parser.add_argument("--compare", type=Path, metavar="CHECKOUT",
                        help="another checkout of the project (a git worktree of an earlier commit): its extract runs "
                             "alternate with this one's, best of two each, so before and after share the machine")
    parser.add_argument("--profile", action="store_true",
                        help="also the CPU time of each pipeline component over the ANT articles (warm, in process)")
    parser.add_argument("--memory-format", default="jsonl", choices=("jsonl", "gpkg", "parquet", "csv", "geojson"),
                        help="the output format of the --memory-mb run (default jsonl)")
    args = parser.parse_args(argv)

    records = load_records(args.data)
    rows: list[tuple[str, str, str, str]] = []  # (what, figure, floor / ratio, target)
    print(f"machine: {machine()}", file=sys.stderr)

    mb_once, floor_s, find_s = floor_and_find([r["text"] for r in records])
    floor_rate = mb_once / floor_s
    floor_row = len(rows)
    rows.append(("floor: translate + regex split", f"{floor_rate:.1f} MB/s", "1", ""))
    rows.append(("Gazetteer.find", f"{mb_once / find_s:.2f} MB/s", f"{floor_s / find_s:.2f} of the floor",
                 "≥ 0.25 (goal 0.5)"))

    with tempfile.TemporaryDirectory(prefix="geonews-bench-") as folder:
        tmp = Path(folder)
        inputs = {}
        for label, mb in (("once", 0.0), ("small", args.small_mb), ("large", args.mb)):
            path = tmp / f"{label}.jsonl"
            inputs[label] = (path, make_input(records, mb, path))
            print(f"input {label}: {inputs[label][1]:.1f} MB", file=sys.stderr)

        # start-up: extract of the seed article alone (imports, index, recogniser, one short article)
        seed = ROOT / "seeds"
        startup = min(run_child([*GEONEWS, "extract", str(seed), "-o", str(tmp / "seed.jsonl")])["wall"]
                      for _ in range(3))
        rows.append(("geonews extract start-up: the seed article alone (best of 3)", f"{startup:.2f} s",
                     "", ""))

        runs = {}
        for label in ("once", "small", "large"):
            path, mb = inputs[label]
            out = tmp / f"{label}.out.jsonl"
            runs[label] = r = run_child([*GEONEWS, "extract", str(path), "-o", str(out)])
            r["mb"] = mb
            print(f"extract {label}: {r}", file=sys.stderr)
        # The machine's speed drifts over minutes: the floor again after the runs, and the extract
        # ratios against the mean of both.
        floor_after = mb_once / floor_seconds([r["text"] for r in records])
        rows[floor_row] = ("floor: translate + regex split (before / after the extract runs)",
                           f"{floor_rate:.1f} / {floor_after:.1f} MB/s", "1", "")
        floor_rate = (floor_rate + floor_after) / 2
        for label, what in (("once", "the ANT articles once (text never seen)"), ("large", "ANT repeated")):
            r = runs[label]
            rows.append((f"geonews extract, 1 process, {r['mb']:.0f} MB: {what}",
                         f"{r['mb'] / r['wall']:.2f} MB/s wall, {r['mb'] / r['cpu']:.2f} MB/s per CPU-second",
                         f"{r['mb'] / r['cpu'] / floor_rate:.3f} of the floor", "≥ 1.5 MB/s per core (goal 3)"))
        if args.compare:
            for label in ("once", "large"):
                path, mb = inputs[label]
                pairs = [(run_child([*GEONEWS, "extract", str(path), "-o", str(tmp / "cmp.jsonl")], code=args.compare),
                          run_child([*GEONEWS, "extract", str(path), "-o", str(tmp / "cur.jsonl")]))
                         for _ in range(2)]
                before, after = min(p[0]["cpu"] for p in pairs), min(p[1]["cpu"] for p in pairs)
                rows.append((f"extract {mb:.0f} MB, {args.compare.name} → this checkout (alternating, best of 2)",
                             f"{mb / before:.2f} → {mb / after:.2f} MB/s per CPU-second",
                             f"×{before / after:.2f}", "must not fall"))
        small, large = runs["small"], runs["large"]
        rows.append((f"peak RSS of extract, {small['mb']:.0f} MB → {large['mb']:.0f} MB input",
                     f"{small['rss_mb']:.0f} MB → {large['rss_mb']:.0f} MB",
                     f"×{large['rss_mb'] / small['rss_mb']:.2f} for ×{large['mb'] / small['mb']:.1f} input",
                     "flat (×1.0)"))

        tables = {label: run_child([*GEONEWS, "extract", str(inputs[label][0]), "-o", str(tmp / f"{label}.gpkg")])
                  for label in ("small", "large")}
        print(f"extract to .gpkg: {tables}", file=sys.stderr)
        rows.append((f"peak RSS of extract to a GeoPackage, {small['mb']:.0f} MB → {large['mb']:.0f} MB input",
                     f"{tables['small']['rss_mb']:.0f} MB → {tables['large']['rss_mb']:.0f} MB",
                     f"×{tables['large']['rss_mb'] / tables['small']['rss_mb']:.2f} for ×{large['mb'] / small['mb']:.1f} "
                     "input", "flat (×1.0)"))

        if not args.skip_workers:
            path, mb = inputs["large"]
            one = run_child([*GEONEWS, "extract", str(path), "-o", str(tmp / "w1.jsonl"), "--workers", "1"])
            many = run_child([*GEONEWS, "extract", str(path), "-o", str(tmp / "wn.jsonl"),
                              "--workers", str(args.workers)])
            same = (tmp / "w1.jsonl").read_bytes() == (tmp / "wn.jsonl").read_bytes() == \
                (tmp / "large.out.jsonl").read_bytes()
            print(f"workers 1: {one}\nworkers {args.workers}: {many}\noutputs identical: {same}", file=sys.stderr)
            rows.append((f"--workers 1 → --workers {args.workers}, {mb:.0f} MB",
                         f"{mb / one['wall']:.2f} → {mb / many['wall']:.2f} MB/s wall",
                         f"×{one['wall'] / many['wall']:.2f} speed-up" + ("" if same else " (OUTPUT DIFFERS)"),
                         "≥ ×1.6"))

        if args.memory_mb:
            path = tmp / "memory.jsonl"
            mb = make_input(records, args.memory_mb, path)
            r = run_child([*GEONEWS, "extract", str(path), "-o", str(tmp / f"memory.out.{args.memory_format}")],
                          sample_every=5.0)
            samples = r.pop("rss_samples")
            path.unlink()
            tenths = [max(samples[len(samples) * k // 10:len(samples) * (k + 1) // 10] or [0]) for k in range(10)]
            print(f"extract {mb:.0f} MB: {r}; RSS (MB) per tenth of the run: {tenths}", file=sys.stderr)
            rows.append((f"peak RSS of extract to .{args.memory_format}, {mb:.0f} MB input ({r['wall'] / 60:.0f} min)",
                         f"{r['rss_mb']:.0f} MB; per tenth of the run: " + " ".join(f"{t:.0f}" for t in tenths),
                         f"×{r['rss_mb'] / small['rss_mb']:.2f} of the {small['mb']:.0f} MB run", "flat (×1.0)"))

    load = min(timed_snippet(_LOAD) for _ in range(3))
    load_floor = min(timed_snippet(_LOAD_FLOOR) for _ in range(3))
    rows.append(("gazetteer cold load (import + Gazetteer() + one geocode)", f"{load:.2f} s",
                 f"×{load / load_floor:.1f} reading the index bytes ({load_floor:.2f} s)", "≤ 1 s (goal 0.3 s)"))
    first = min((timed_snippet(_LOAD_FIND, "words") for _ in range(3)), key=lambda r: r[0])
    rows.append(("gazetteer cold load + first find() (import + Gazetteer() + a sentence); resident memory after",
                 f"{first[0]:.2f} s; {first[1]:.0f} MB", f"×{first[0] / load_floor:.1f} reading the index bytes",
                 "≤ 0.3 s; ≤ 250 MB"))
    with tempfile.TemporaryDirectory(prefix="gazetteer-cache-") as cache:
        env_cache = os.environ.get("GAZETTEER_CACHE")
        os.environ["GAZETTEER_CACHE"] = cache
        try:
            built = timed_snippet(_LOAD_FIND, "automaton")  # the automaton built (and kept in the cache folder)
            loaded = timed_snippet(_LOAD_FIND, "automaton")  # ... and loaded from it
        finally:
            if env_cache is None:
                os.environ.pop("GAZETTEER_CACHE")
            else:
                os.environ["GAZETTEER_CACHE"] = env_cache
    rows.append(("the same with the automaton (scan='automaton'; built / loaded from its disk cache)",
                 f"{built[1]:.0f} / {loaded[1]:.0f} MB", "", "≤ 250 MB"))

    print(f"Machine: {machine()}\n")
    print("| measure | figure | against the floor | target |")
    print("|---|---|---|---|")
    for row in rows:
        print("| " + " | ".join(row) + " |")
    if args.profile:
        spent = component_profile(records)
        total = sum(t for _, t in spent)
        mb = sum(len(r["text"].encode()) for r in records) / 1e6
        print(f"\nWhere the statement stage's time goes ({mb:.1f} MB, warm, in process, CPU, best of 3): "
              f"{total:.2f} s, {mb / total:.2f} MB/s\n")
        print("| component | CPU s | share |")
        print("|---|---|---|")
        for name, t in spent:
            print(f"| {name} | {t:.3f} | {100 * t / total:.1f} % |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
