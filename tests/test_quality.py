"""Quality floors on the development data (skipped when ../shared/data is absent): recognition on
ANERcorp and IDRISI-D, geocoding of IDRISI-D gold mentions. Guards against regressions; the full
figures come from bench/recognition.py and bench/gazetteer_bench.py."""

import importlib.util

from conftest import ROOT, shared_data


def _bench(name):
    spec = importlib.util.spec_from_file_location(name, ROOT / "bench" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_anercorp_loc_f1(gz):
    scores = _bench("recognition").conll_scores(shared_data("anercorp_train.conll"), gz)
    assert scores["f1"] >= 0.85, scores["f1"]


def test_idrisi_recognition_and_resolution(gz):
    scores = _bench("recognition").idrisi_scores(shared_data("idrisi_d_ar_train.jsonl"), gz)
    assert scores["f1"] >= 0.75, scores["f1"]
    assert scores["resolution_161km"] >= 0.88, scores["resolution_161km"]


def test_idrisi_geocoding(gz):
    result = _bench("gazetteer_bench").idrisi_accuracy(shared_data("idrisi_d_ar_train.jsonl"), gz)
    assert result["within_161km"] >= 0.82, result["within_161km"]
