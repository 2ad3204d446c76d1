"""Recognition benchmark: entity-level P/R/F1 of ``Gazetteer.find`` on ANERcorp (CoNLL, LOC) and
recognition P/R/F1 plus resolution within 161 km on IDRISI-D, with the top errors.

ANERcorp: a predicted span counts as the whitespace tokens it overlaps; it is correct when those
tokens equal a gold LOC entity. IDRISI-D: predictions are matched to gold mentions by name within each tweet (its offsets repeat
the first occurrence for later ones).

Run: ``.venv/bin/python bench/recognition.py [--data ../shared/data] [--conll FILE] [--idrisi FILE]``.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from gazetteer import Gazetteer, normalize  # noqa: E402
from gazetteer.name_stats import entities, read_conll, token_range  # noqa: E402


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def conll_scores(path: Path, gz) -> dict:
    """Entity-level LOC scores; ``gz`` is anything with a ``find(text)`` (a Gazetteer or Recognizer)."""
    tp = fp = fn = 0
    false_pos, misses = Counter(), Counter()
    for tokens, tags in read_conll(path):
        offsets, pos = [], 0
        for tok in tokens:
            offsets.append((pos, pos + len(tok)))
            pos += len(tok) + 1
        gold = entities(tags, "LOC")
        pred = {token_range(offsets, m.start, m.end) for m in gz.find(" ".join(tokens))}
        tp += len(pred & gold)
        for i, j in pred - gold:
            fp += 1
            false_pos[" ".join(tokens[i:j])] += 1
        for i, j in gold - pred:
            fn += 1
            misses[" ".join(tokens[i:j])] += 1
    p, r, f = prf(tp, fp, fn)
    return {"precision": p, "recall": r, "f1": f, "tp": tp, "fp": fp, "fn": fn,
            "top_false_positives": false_pos.most_common(25), "top_misses": misses.most_common(25)}


def km(lat1, lon1, lat2, lon2):
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 6371.0088 * 2 * math.asin(math.sqrt(min(1.0, a)))


def _name(text: str) -> str:
    return normalize(text.lstrip("#").replace("_", " "))


def idrisi_scores(path: Path, gz) -> dict:
    """Match predictions to gold mentions by name within each tweet; ``gz`` has a ``find(text)``.

    IDRISI-D lists a name that occurs twice with the first occurrence's offsets twice, so offsets
    cannot be trusted; within a tweet, a prediction matches an unmatched gold mention whose name
    equals it, ends with it (an attached clitic) or contains it (a longer gold name). A matched mention is
    resolved right when its place lies within 161 km of the gold point (``resolution_161km``) and, in
    ``resolution``, a gold Country when the place is that country (its point is far from the gold one).
    """
    n_pred = n_gold = tp = resolved = within = right = 0
    false_pos, misses, wrong, far = Counter(), Counter(), Counter(), Counter()
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            tweet = json.loads(line)
            gold = [(_name(m["text"]), m) for m in tweet["mentions"]]
            pred = gz.find(tweet["text"])
            n_pred += len(pred)
            n_gold += len(gold)
            for m in pred:
                name = _name(m.text)
                hit = next((i for i, (g, _) in enumerate(gold) if g == name), None)
                if hit is None:
                    hit = next((i for i, (g, _) in enumerate(gold) if g.endswith(name) or name in g), None)
                if hit is None:
                    false_pos[m.text] += 1
                    continue
                tp += 1
                _, g = gold.pop(hit)
                if m.place is not None:
                    resolved += 1
                    d = km(m.place.latitude, m.place.longitude, g["lat"], g["lon"])
                    near = d <= 161
                    within += near
                    if not near:
                        far[f"{m.text}->{m.place.name},{m.place.country_code},{m.place.feature} "
                            f"(gold {g['type']}, {g['country_code']}, {d:.0f} km)"] += 1
                    if g["type"] == "Country":
                        ok = m.place.feature == "country" and m.place.country_code.lower() == g["country_code"].lower()
                    else:
                        ok = near
                    right += ok
                    if not ok:
                        wrong[f"{m.text}->{m.place.name},{m.place.country_code}"] += 1
            for _, g in gold:
                misses[g["text"]] += 1
    p, r, f = prf(tp, n_pred - tp, n_gold - tp)
    return {"precision": p, "recall": r, "f1": f, "resolution": right / resolved if resolved else 0.0,
            "resolution_161km": within / resolved if resolved else 0.0,
            "resolved": resolved, "top_false_positives": false_pos.most_common(25),
            "top_misses": misses.most_common(25), "top_wrong_places": wrong.most_common(15),
            "far_places": far}


def _report(title: str, scores: dict) -> None:
    head = ", ".join(f"{k} {v:.3f}" if isinstance(v, float) else f"{k} {v}"
                     for k, v in scores.items() if not k.startswith("top_") and k != "far_places")
    print(f"{title}: {head}")
    for key, rows in scores.items():
        if key.startswith("top_"):
            print(f"  {key.replace('_', ' ')}: " + ", ".join(f"{t} ({c})" for t, c in rows))


def _write_conll(path: Path, sentences) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        for tokens, tags in sentences:
            fh.write("".join(f"{t} {g}\n" for t, g in zip(tokens, tags)) + "\n")


def _write_lines(path: Path, lines) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        fh.writelines(lines)


#: The labelled corpora that can be held out: file name, reader of its units, writer, scorer.
_CORPORA = {
    "anercorp": ("anercorp_train.conll", lambda p: list(read_conll(p)), _write_conll, lambda p, r: conll_scores(p, r)),
    "idrisi": ("idrisi_d_ar_train.jsonl", lambda p: open(p, encoding="utf-8").readlines(), _write_lines,
               lambda p, r: idrisi_scores(p, r)),
}
_ALL_FILES = ("anercorp_train.conll", "idrisi_d_ar_train.jsonl", "ant_conflict_dev.jsonl")


def cross_validate(data: Path, folds: int = 2, corpus: str = "anercorp") -> list[dict]:
    """Held-out scores on one labelled corpus: the name statistics are rebuilt from every source but the
    scored fold (contiguous folds of sentences or tweets), then the fold is scored."""
    import subprocess
    import tempfile

    from gazetteer.lexicon import load_lexicon
    from gazetteer.recognize import Recognizer

    name, read, write, score = _CORPORA[corpus]
    units = read(data / name)
    size = -(-len(units) // folds)
    results = []
    gz = Gazetteer()
    for k in range(folds):
        held = units[k * size:(k + 1) * size]
        kept = units[:k * size] + units[(k + 1) * size:]
        with tempfile.TemporaryDirectory() as workdir:
            tmp = Path(workdir)
            for folder, part in (("train", kept), ("held", held)):
                (tmp / folder).mkdir()
                write(tmp / folder / name, part)
            for other in _ALL_FILES:
                if other != name:
                    (tmp / "train" / other).symlink_to((data / other).resolve())
            subprocess.run([sys.executable, "-m", "gazetteer.name_stats", "--data", str(tmp / "train"),
                            "-o", str(tmp / "name_stats.tsv")], check=True, capture_output=True, cwd=ROOT)
            recognizer = Recognizer(gz, load_lexicon(True, str(tmp)))
            result = score(tmp / "held" / name, recognizer)
            extra = (f" resolution {result['resolution']:.3f} (within 161 km {result['resolution_161km']:.3f})"
                     if "resolution" in result else "")
            print(f"  fold {k + 1}/{folds}: held-out P {result['precision']:.3f} R {result['recall']:.3f} "
                  f"F1 {result['f1']:.3f}{extra}")
            results.append(result)
    return results


def _mean(results: list[dict], key: str) -> float:
    return sum(r[key] for r in results) / len(results)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--conll", type=Path, help="CoNLL file (default: DATA/anercorp_train.conll)")
    parser.add_argument("--idrisi", type=Path, help="IDRISI-D JSON Lines (default: DATA/idrisi_d_ar_train.jsonl)")
    parser.add_argument("--cross-validate", type=int, metavar="K", default=0,
                        help="also rebuild the name statistics without each of K folds of ANERcorp, and of "
                             "IDRISI-D, and score the fold held out")
    parser.add_argument("--show-far", action="store_true",
                        help="with --cross-validate: list every held-out IDRISI-D mention resolved more than "
                             "161 km from its gold point (name -> place, the gold type, country and distance)")
    args = parser.parse_args(argv)
    gz = Gazetteer()
    conll = args.conll or args.data / "anercorp_train.conll"
    idrisi = args.idrisi or args.data / "idrisi_d_ar_train.jsonl"
    if conll.exists():
        _report(f"ANERcorp LOC ({conll.name})", conll_scores(conll, gz))
    else:
        print(f"skipped: {conll} is absent")
    if idrisi.exists():
        _report(f"IDRISI-D ({idrisi.name})", idrisi_scores(idrisi, gz))
    else:
        print(f"skipped: {idrisi} is absent")
    if args.cross_validate and (args.data / "anercorp_train.conll").exists():
        print(f"ANERcorp {args.cross_validate}-fold cross-validation (statistics rebuilt without the scored fold):")
        results = cross_validate(args.data, args.cross_validate, "anercorp")
        print(f"  mean held-out LOC F1 {_mean(results, 'f1'):.3f} (P {_mean(results, 'precision'):.3f} "
              f"R {_mean(results, 'recall'):.3f})")
    if args.cross_validate and (args.data / "idrisi_d_ar_train.jsonl").exists():
        print(f"IDRISI-D {args.cross_validate}-fold cross-validation (statistics rebuilt without the scored fold):")
        results = cross_validate(args.data, args.cross_validate, "idrisi")
        print(f"  mean held-out F1 {_mean(results, 'f1'):.3f} (P {_mean(results, 'precision'):.3f} "
              f"R {_mean(results, 'recall'):.3f}); resolution {_mean(results, 'resolution'):.3f} "
              f"(within 161 km {_mean(results, 'resolution_161km'):.3f})")
        if args.show_far:
            far = sum((r["far_places"] for r in results), Counter())
            print(f"  held-out mentions resolved > 161 km away ({sum(far.values())}):")
            for row, n in far.most_common():
                print(f"    {n:4d}  {row}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
