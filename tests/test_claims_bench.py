"""bench/claims.py, the gold-claims scorer of issue 14: each metric on small hand-made gold and statements
(a case that must count and one that must not), the kinds of mistakes, the files it reads, and a run on the
real gold (skipped when ../shared/data is absent)."""

import hashlib
import json
import sys

import pytest

from conftest import ROOT, SHARED_DATA, shared_data

sys.path.insert(0, str(ROOT / "bench"))
import claims as bench  # noqa: E402

from gazetteer.tables import check_table  # noqa: E402

MANBIJ = (36.528, 37.955)
ALEPPO = (36.202, 37.159)      # ~80 km from Manbij
IDLIB = (35.931, 36.634)
DAMASCUS = (33.510, 36.291)
SYRIA = (35.0, 38.5)

TEXT = ("سيطرت قوات النظام على مدينة منبج بعد معارك عنيفة.\n"
        "وقال المرصد إن الطائرات قصفت مدينة إدلب وقتل 5 مدنيين.\n"
        "وتحدث الوزير في دمشق عن الوضع.")
DOC = "DOC-1"


def span(sub: str, text: str = TEXT) -> tuple[int, int]:
    start = text.index(sub)
    return start, start + len(sub)


def sentence(k: int) -> tuple[int, int]:
    line = TEXT.split("\n")[k]
    return span(line)


def gold(claim_type="control", place_ar="منبج", point=MANBIJ, quote_line=0, actor="قوات النظام", target=None,
         speaker=None, relation="in", killed=None, number=1, docno=DOC, headline=False):
    """A gold claim quoting line ``quote_line`` of TEXT, or (``headline``) that line as the article's title."""
    line = TEXT.split("\n")[quote_line]
    spans = ((0, len(line)),) if headline else bench.locate_quote(line, TEXT)
    return bench.GoldClaim(docno=docno, number=number, claim_type=claim_type, place_ar=place_ar, place_en=place_ar,
                           latitude=point[0], longitude=point[1], relation=relation, actor=actor, target=target,
                           speaker=speaker, quote=line, killed=killed, spans=spans,
                           part="title" if headline else "text")


def place(name="منبج", point=MANBIJ, relation="in", role=None, feature="city", country_code="SY", name_en=None,
          text=TEXT):
    start, end = span(name, text) if name in text else (0, len(name))
    lat, lon = point if point is not None else (None, None)
    return bench.ExtractedPlace(text=name, start=start, end=end, latitude=lat, longitude=lon, relation=relation,
                                role=role, place_id="test:1", name=name_en or name, feature=feature,
                                country_code=country_code)


def statement(places, claim_type="control", line=0, actor="قوات النظام", target=None, speaker=None, killed=(),
              modality=None, number=0, docno=DOC, part="text"):
    """A statement of line ``line`` of TEXT (``part="title"``: that line as the article's title)."""
    start, end = sentence(line)
    text = TEXT[start:end]
    if part == "title":
        start, end = 0, len(text)
    return bench.ExtractedStatement(docno=docno, number=number, claim_type=claim_type, start=start, end=end,
                                    text=text, speaker=speaker, actor=actor, target=target,
                                    places=tuple(places), killed=tuple(killed), modality=modality, part=part)


def match_one(claim, statements, gz=None):
    return bench.match_claims([claim], {claim.docno: statements}, gz)[0]


# ------------------------------------------------------------------------------------- primitives

def test_halves_follow_the_documented_rule():
    docnos = [f"SK-middleEast-{n}-20180101" for n in range(40)]
    for d in docnos:
        even = int(hashlib.sha256(d.encode()).hexdigest()[-1], 16) % 2 == 0
        assert bench.half_of(d) == ("A" if even else "B")
    assert {bench.half_of(d) for d in docnos} == {"A", "B"}


def test_compatible_types():
    assert bench.compatible("control", "advance") and bench.compatible("advance", "control")
    assert bench.compatible("attack", "attack")
    assert not bench.compatible("attack", "control")
    assert not bench.compatible("diplomacy", "attack")
    assert not bench.compatible("mention", "mention")


def test_km():
    assert bench.km(*MANBIJ, *MANBIJ) == 0
    assert 70 < bench.km(*MANBIJ, *ALEPPO) < 90


def test_quote_located_whatever_the_whitespace():
    text = "قبل ذلك.  سيطرت القوات\nعلى   البلدة. بعد ذلك."
    assert bench.locate_quote("سيطرت القوات على البلدة.", text) == (span("سيطرت القوات\nعلى   البلدة.", text),)
    assert bench.locate_quote("سيطرت القوات على القرية.", text) == ()
    assert bench.locate_quote("   ", text) == ()


def test_agreement_shares_a_content_word_after_clitics():
    assert bench.agree("القوات الحكومية", "والقوات")           # و + ال off
    assert bench.agree("النظام السوري", "للنظام")              # لل = ل + ال
    assert bench.agree("الوفد", "وفد")                         # a word that starts with a clitic letter
    assert bench.agree(None, None) and bench.agree("", None)   # both empty agree
    assert bench.agree("في", None)                             # only function words: empty
    assert not bench.agree("قوات النظام", None)
    assert not bench.agree(None, "قوات النظام")
    assert not bench.agree("في المدينة", "في القرية")          # a shared function word is not enough
    assert not bench.agree("بلد", "ولد")                       # stripped forms keep three letters
    assert not bench.agree("تنظيم الدولة", "الجيش السوري")


def test_bench_tables_are_clean():
    for name in ("function_words.csv", "place_cues.csv"):
        assert check_table("bench.data", name) == []
    assert "في" in bench.function_words() and "قوات" not in bench.function_words()


def test_printable_neutralises_terminal_codes():
    out = bench.printable("منبج\x1b[31m\u202e\nسطر")
    assert "\x1b" not in out and "\u202e" not in out and "\n" not in out
    assert "منبج" in out and "سطر" in out


def test_dateline():
    text = "عمان، الأردن (CNN) -- قال مسؤول إن القوات تقدمت."
    assert text[:bench.dateline_end(text)].endswith("--")
    assert bench.dateline_end("قال مسؤول إن القوات تقدمت نحو منبج.") == 0


# --------------------------------------------------------------------------------------- recall

def test_claim_found_in_its_sentence():
    m = match_one(gold(), [statement([place("منبج")])])
    assert m.found and m.in_sentence and m.kind is None
    assert m.distance_km == 0


def test_advance_counts_for_control_but_attack_does_not():
    assert match_one(gold(), [statement([place("منبج")], claim_type="advance")]).in_sentence
    m = match_one(gold(), [statement([place("منبج")], claim_type="attack")])
    assert not m.found and m.kind == "missed/claim-type"


def test_place_beyond_50_km_is_not_found():
    m = match_one(gold(), [statement([place("منبج", point=ALEPPO, name_en="Aleppo")])])
    assert not m.found and m.kind == "missed/resolved-far"


def test_place_without_coordinates_is_never_near():
    m = match_one(gold(), [statement([place("منبج", point=None)])])
    assert not m.found and m.kind == "missed/unresolved"


def test_a_headline_claim_is_found_in_the_headline_statement():
    m = match_one(gold(headline=True), [statement([place("منبج")], part="title")])
    assert m.in_sentence and m.statement.part == "title"


def test_found_elsewhere_in_the_article_is_not_sentence_recall():
    m = match_one(gold(), [statement([place("منبج", point=MANBIJ)], line=2, number=3)])
    assert m.found and not m.in_sentence


def test_only_asserted_statements_count():
    assert match_one(gold(), [statement([place("منبج")], modality="asserted")]).in_sentence
    m = match_one(gold(), [statement([place("منبج")], modality="threat")])
    assert not m.found and m.kind == "missed/modality"


def test_only_event_places_count():
    assert match_one(gold(), [statement([place("منبج", role="event")])]).in_sentence
    m = match_one(gold(), [statement([place("منبج", role="mention")])])
    assert not m.found and m.kind == "missed/role"


def test_missed_kinds(gz):
    assert match_one(gold(), []).kind == "missed/no-statement"
    assert match_one(gold(headline=True), []).kind == "missed/headline"
    # a statement of the text at the same offsets is not the headline's
    m = match_one(gold(headline=True), [statement([place("منبج")])])
    assert not m.in_sentence and m.kind == "missed/headline"
    assert match_one(gold(), [statement([place("منبج")], claim_type="mention")]).kind == "missed/only-mentioned"
    # the gold place is not among the sentence's places: the gazetteer tells what it knows of the name
    other = [statement([place("مدينة", point=SYRIA)], claim_type="mention")]
    assert match_one(gold(), other, gz).kind == "missed/not-recognised"
    assert match_one(gold(place_ar="قريةلاتوجد"), other, gz).kind == "missed/not-in-gazetteer"


# ------------------------------------------------------------------------------------- precision

def _verdicts(claims, statements, gz=None, text=TEXT):
    return bench.judge_places(claims, {DOC: statements}, {DOC: text}, gz, bench.CLAIM_TYPES + (bench.DIPLOMACY,))


def test_place_precision_right_and_wrong():
    claims = [gold()]
    right, wrong = _verdicts(claims, [statement([place("منبج"), place("مدينة", point=IDLIB, name_en="Idlib")])])
    assert right.correct and right.nearest_km == 0
    assert not wrong.correct and wrong.nearest_km > 50


def test_precision_needs_a_compatible_gold_claim():
    [v] = _verdicts([gold(claim_type="diplomacy")], [statement([place("منبج")], claim_type="attack")])
    assert not v.correct and v.kind == "wrong/claim-type"
    [v] = _verdicts([gold(claim_type="advance")], [statement([place("منبج")], claim_type="control")])
    assert v.correct


def test_precision_counts_only_asserted_event_places():
    claims = [gold(place_ar="حلب", point=ALEPPO)]
    stmts = [statement([place("منبج", role="party")]), statement([place("منبج")], modality="negated", number=1),
             statement([place("منبج")], claim_type="mention", number=2)]
    assert _verdicts(claims, stmts) == []


def test_unresolved_claim_place_is_wrong():
    [v] = _verdicts([gold()], [statement([place("منبج", point=None)])])
    assert not v.correct and v.kind == "wrong/unresolved"


def test_wrong_place_kinds(gz):
    text = "دمشق، سوريا (CNN) -- قالت موسكو إن فصائل سورية سيطرت على منبج شمال سوريا بدعم من واشنطن في شأن الاتفاق."

    def kind(name, point, feature="city", code="SY", speaker=None, claims=None, occurrence=0, place_id="test:1"):
        start = text.index(name) if occurrence == 0 else text.index(name, text.index(name) + 1)
        p = bench.ExtractedPlace(name, start, start + len(name), *point, "in", None, place_id, name, feature, code)
        s = bench.ExtractedStatement(DOC, 0, "control", 0, len(text), text, speaker, None, None, (p,))
        claims = claims if claims is not None else [bench.GoldClaim(
            DOC, 1, "control", "منبج", "Manbij", *MANBIJ, "in", "فصائل سورية", None, None, text,
            None, bench.locate_quote(text, text))]
        return bench._why_wrong(s, p, claims, text, gz)[0]

    assert kind("دمشق", DAMASCUS) == "wrong/dateline"
    assert kind("موسكو", (55.75, 37.62), code="RU", speaker="موسكو") == "wrong/speaker"
    assert kind("سورية", SYRIA, feature="country") == "wrong/nationality-form"
    assert kind("سوريا", SYRIA, feature="country", occurrence=1) == "wrong/container"
    washington = gz.geocode("واشنطن")
    assert gz.is_capital(washington)
    assert kind("واشنطن", (38.9, -77.04), code="US", place_id=washington.id) == "wrong/government"
    assert kind("واشنطن", (38.9, -77.04), code="US") == "wrong/mentioned"   # a town, not the capital
    assert kind("شأن", (47.17, 9.51), code="LI") == "wrong/common-word"
    no_claim = []
    assert kind("سوريا", SYRIA, feature="country", occurrence=1, claims=no_claim) == "wrong/country-named"
    assert kind("منبج", ALEPPO, claims=no_claim) == "wrong/no-gold-claim"


def test_party_and_resolution_kinds(gz):
    text = "شنت تركيا غارات على منبج."
    quote = bench.locate_quote(text, text)
    claim = bench.GoldClaim(DOC, 1, "attack", "منبج", "Manbij", *MANBIJ, "in", "تركيا", None, None, text, None, quote)
    turkey = bench.ExtractedPlace("تركيا", 4, 9, 39.0, 35.0, "in", None, "test:tr", "Turkey", "country", "TR")
    far = bench.ExtractedPlace("منبج", 20, 24, *DAMASCUS, "in", None, "test:m", "Elsewhere", "city", "SY")
    s = bench.ExtractedStatement(DOC, 0, "attack", 0, len(text), text, None, None, None, (turkey, far))
    assert bench._why_wrong(s, turkey, [claim], text, gz)[0] == "wrong/party"
    assert bench._why_wrong(s, far, [claim], text, gz)[0] == "wrong/resolution"


# ------------------------------------------------------------------------------------------ fields

def test_fields_on_a_claim_found_in_its_sentence():
    claim = gold(claim_type="attack", place_ar="إدلب", point=IDLIB, quote_line=1, actor="الطائرات",
                 target="المدنيين", speaker="المرصد السوري", killed=5, relation="in")
    good = match_one(claim, [statement([place("إدلب", point=IDLIB)], claim_type="attack", line=1,
                                       actor="الطائرات الحربية", target="مدنيين", speaker="المرصد", killed=(5.0,))])
    assert all(ok for ok, _, _ in good.fields.values()), good.fields
    assert bench.field_mistakes(good) == []
    bad = match_one(claim, [statement([place("إدلب", point=IDLIB, relation="north")], claim_type="attack", line=1,
                                      actor=None, target="الطائرات", speaker="الوزير", killed=(3.0,))])
    assert not any(ok for ok, _, _ in bad.fields.values()), bad.fields
    kinds = {k for k, _, _ in bench.field_mistakes(bad)}
    assert kinds == {"actor/as-target", "target/is-actor", "speaker/wrong", "relation/spurious", "killed/wrong"}


def test_field_mistake_kinds():
    claim = gold(actor="قوات النظام", target=None, speaker=None)
    cases = {
        "actor/missing": dict(actor=None), "actor/wrong": dict(actor="تنظيم الدولة"),
        "target/spurious": dict(target="المعارضة"), "speaker/spurious": dict(speaker="المرصد"),
    }
    for expected, kw in cases.items():
        m = match_one(claim, [statement([place("منبج")], **{"actor": "قوات النظام", **kw})])
        assert expected in {k for k, _, _ in bench.field_mistakes(m)}, (expected, bench.field_mistakes(m))
    m = match_one(gold(actor=None), [statement([place("منبج")], actor="قوات النظام")])
    assert {k for k, _, _ in bench.field_mistakes(m)} == {"actor/spurious"}


def test_quoted_phrase_as_speaker():
    text_line = TEXT.split("\n")[1]
    assert bench._quoted("التصعيد الخطير", 'وصف القرار بـ"التصعيد الخطير" أمس')
    assert not bench._quoted("المرصد", text_line)


# ----------------------------------------------------------------------------------------- figures

def test_figures_count_by_half():
    a_doc = next(f"D{n}" for n in range(100) if bench.half_of(f"D{n}") == "A")
    b_doc = next(f"D{n}" for n in range(100) if bench.half_of(f"D{n}") == "B")
    claims = [gold(docno=a_doc), gold(docno=b_doc), gold(claim_type="diplomacy", docno=b_doc, number=2)]
    stmts = {a_doc: [statement([place("منبج")], docno=a_doc)],
             b_doc: [statement([place("منبج", point=IDLIB)], docno=b_doc)]}
    matches = bench.match_claims(claims, stmts)
    verdicts = bench.judge_places(claims, stmts, {a_doc: TEXT, b_doc: TEXT}, None,
                                  bench.CLAIM_TYPES + (bench.DIPLOMACY,))
    a, b, both = (bench.figures(matches, verdicts, h) for h in ("A", "B", None))
    assert a["claim_recall"] == {"value": 1.0, "hits": 1, "total": 1}
    assert b["claim_recall"] == {"value": 0.0, "hits": 0, "total": 1}
    assert both["sentence_recall"]["value"] == 0.5
    assert both["place_precision"] == {"value": 0.5, "hits": 1, "total": 2}
    assert a["actor_agreement"]["value"] == 1.0 and b["actor_agreement"]["value"] is None
    assert b["diplomacy_recall"] == {"value": 0.0, "hits": 0, "total": 1}
    assert a["killed"]["value"] is None   # nothing to count
    counted = bench.mistakes(bench.mistake_items(matches, verdicts))
    assert counted["missed/resolved-far"]["B"] == 1 and counted["missed/resolved-far"]["A"] == 0


# ------------------------------------------------------------------------------------------ files

def test_statements_file(tmp_path):
    rows = [
        {"article": DOC, "text": "x", "start": 0, "end": 10, "speaker": None, "claim_type": "attack", "actor": None,
         "target": None, "modality": "denied", "places": [
             {"text": "منبج", "start": 2, "end": 6, "latitude": MANBIJ[0], "longitude": MANBIJ[1], "role": "event",
              "relation": "near", "id": "g:1", "name": "Manbij", "feature": "city", "country_code": "SY"}],
         "quantities": [{"value": 3, "unit": "killed", "text": "3"}, {"value": 2, "unit": "wounded", "text": "2"}]},
        {"article": "OTHER", "text": "y", "start": 0, "end": 1, "claim_type": "mention", "places": []},
    ]
    path = tmp_path / "s.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    got = bench.read_statements(path, {DOC, "EMPTY"})
    assert set(got) == {DOC, "EMPTY"} and got["EMPTY"] == []
    [s] = got[DOC]
    assert s.modality == "denied" and not s.asserted and s.killed == (3.0,)
    assert s.places[0].relation == "near" and s.places[0].is_event
    path.write_text(json.dumps(rows[0]) + "\n{not json\n", encoding="utf-8")
    with pytest.raises(bench.BenchError, match=r"s\.jsonl:2"):
        bench.read_statements(path, {DOC})


def test_older_statements_count_as_asserted_event():
    s = bench.statement_from_dict({"article": DOC, "start": 0, "end": 5, "claim_type": "control",
                                   "places": [{"text": "منبج", "start": 0, "end": 4, "latitude": None,
                                               "longitude": None}]})
    assert s.asserted and s.places[0].is_event and not s.places[0].resolved


def test_bad_paths_give_one_line_errors(tmp_path, capsys):
    assert bench.main(["--gold", str(tmp_path / "none.json"), "--data", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "gold claims not found" in err and "Traceback" not in err
    bad = tmp_path / "claims.json"
    bad.write_text("[1, 2", encoding="utf-8")
    assert bench.main(["--gold", str(bad)]) == 2
    assert "not a gold claims file" in capsys.readouterr().err


# ---------------------------------------------------------------------------------------- real gold

@pytest.fixture(scope="module")
def real_report():
    shared_data("claims_dev.json")
    shared_data("ant_conflict_dev.jsonl")
    from gazetteer import Gazetteer

    return bench.run(SHARED_DATA, gazetteer=Gazetteer())


def test_real_gold_structure_and_ranges(real_report):
    gold = json.loads(shared_data("claims_dev.json").read_text(encoding="utf-8"))["articles"]
    docnos = {a["docno"] for a in gold}
    assert set(real_report.halves["A"]) | set(real_report.halves["B"]) == docnos
    assert not set(real_report.halves["A"]) & set(real_report.halves["B"])
    assert len(real_report.matches) == sum(len(a["claims"]) for a in gold)
    figs = real_report.figures()
    assert set(figs) == {"A", "B", "all"}
    for half in figs.values():
        assert set(half) == set(bench.FIGURES)
        for fig in half.values():
            assert fig["value"] is None or 0.0 <= fig["value"] <= 1.0
            assert 0 <= fig["hits"] <= fig["total"]
    for key in bench.FIGURES:
        assert figs["A"][key]["total"] + figs["B"][key]["total"] == figs["all"][key]["total"]
    assert figs["all"]["claim_recall"]["total"] == sum(
        c["claim_type"] in bench.CLAIM_TYPES for a in gold for c in a["claims"])
    found = real_report.mistakes()
    assert set(found) <= set(bench.KINDS)
    for entry in found.values():
        assert entry["A"] + entry["B"] == entry["all"] > 0
    # every claim not found in its sentence, and every wrong claim place, has exactly one kind
    missed = [m for m in real_report.matches if m.claim.claim_type in bench.CLAIM_TYPES and not m.in_sentence]
    assert sum(e["all"] for e in found.values() if e["family"] == "missed") == len(missed)
    wrong = [v for v in real_report.verdicts if v.statement.claim_type in bench.CLAIM_TYPES and not v.correct]
    assert sum(e["all"] for e in found.values() if e["family"] == "wrong place") == len(wrong)


def test_real_gold_quotes_are_located(real_report):
    for m in real_report.matches:
        assert m.claim.spans, (m.claim.docno, m.claim.quote[:40])


def test_real_gold_statements_file_scores_the_same(real_report, tmp_path, gz):
    from geonews.extraction.pipeline import extract_statements
    from geonews.reading.articles import iter_articles

    docnos = set(real_report.halves["A"]) | set(real_report.halves["B"])
    path = tmp_path / "statements.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        for article in iter_articles(shared_data("ant_conflict_dev.jsonl")):
            if article.id in docnos:
                for s in extract_statements(article, gz):
                    fh.write(json.dumps(s.to_dict(), ensure_ascii=False) + "\n")
    again = bench.run(SHARED_DATA, statements=path, gazetteer=gz)
    assert again.figures() == real_report.figures()
    assert again.mistakes() == real_report.mistakes()


def test_real_gold_json_and_table(real_report, capsys):
    data = real_report.to_dict(explain=True, half="A")
    json.dumps(data, ensure_ascii=False)
    assert {c["half"] for c in data["claims"]} == {"A"}
    assert data["halves"]["A"] == real_report.halves["A"]
    from rich.console import Console

    console = Console(file=sys.stdout, width=160, force_terminal=False)
    bench.render(real_report, console, explain=True, half="B", examples=2)
    out = capsys.readouterr().out
    assert "claim recall" in out and "held out" in out and "Mistakes by kind" in out
    assert real_report.halves["B"][0] in out


def test_bad_statement_and_gold_records(tmp_path):
    path = tmp_path / "s.jsonl"
    path.write_bytes(b'{"article": "DOC-1", "start": 0, "end": 1, "claim_type": "x", "places": []}\n\xff\xfe\n')
    with pytest.raises(bench.BenchError, match=r"s\.jsonl:2"):
        bench.read_statements(path, {DOC})
    gold_path = tmp_path / "g.json"
    gold_path.write_text(json.dumps({"articles": [{"docno": DOC, "claims": [{"claim_type": "attack"}]}]}),
                         encoding="utf-8")
    with pytest.raises(bench.BenchError, match="claim 1 of DOC-1"):
        bench.load_gold(gold_path, {})
    gold_path.write_text(json.dumps({"articles": [{"claims": []}]}), encoding="utf-8")
    with pytest.raises(bench.BenchError, match="not a gold claims file"):
        bench.gold_docnos(gold_path)


#: Quality floors on the held-out half B (the figures of the session that set them, minus a margin of
#: about one claim): what the extraction must keep. Issue 14's targets are above them. claim_recall was 0.85
#: until session 10: two gold claims of half B had been found through an advance read in «يدخل في مرحلة»
#: (entering a phase is no movement: claim_negators.csv), the claim there being a control the cues miss.
#: Session 11 raised the others to its figures less a claim (half B: sentence recall 42/61, place precision
#: 50/65, actor 31/42, target 27/42, speaker 34/42). Session 12: place precision 51/64, the floor 50/64.
HELD_OUT_FLOORS = {"claim_recall": 0.82, "sentence_recall": 0.67, "place_precision": 0.78,
                   "actor_agreement": 0.71, "target_agreement": 0.61, "speaker_agreement": 0.78}


@pytest.mark.parametrize("key", sorted(HELD_OUT_FLOORS))
def test_held_out_quality_floor(real_report, key):
    figure = real_report.figures()["B"][key]
    assert figure["value"] is not None and figure["value"] >= HELD_OUT_FLOORS[key], (key, figure)
