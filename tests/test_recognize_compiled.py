"""The recogniser's compiled loops over every candidate (gazetteer/_wordscan.pyx: verdicts, accepted, readings_of,
choose_readings, plausible_facts, original_spans, deleted_marks, make_mentions) give what their Python references in gazetteer/recognize.py give,
call by call, on all the development data; and the objects the compiled code makes by their slots (SlotMaker) are
the objects their classes make."""

from __future__ import annotations

import dataclasses
import types

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from gazetteer import Gazetteer, Mention
from gazetteer import recognize
from gazetteer.candidates import Candidate, compiled_available
from gazetteer.place import Place
from test_scan import dev_texts

pytestmark = pytest.mark.skipif(not compiled_available(), reason="the compiled word loop is not built")


def test_the_trailing_marks_are_the_recognisers():
    from gazetteer import _wordscan

    assert _wordscan.TRAILING_MARKS == recognize._TRAILING_MARKS


def test_slot_made_objects_are_the_classes_own():
    from gazetteer import _wordscan

    make = _wordscan.SlotMaker(Candidate, _wordscan.CANDIDATE_FIELDS)
    values = (3, 9, "حمص", "ب", 2, 1, ("في", "مدينة"), "السورية", False, True, "بحمص")
    made, plain = make(*values), Candidate(*values)
    assert type(made) is Candidate and made == plain and dataclasses.astuple(made) == values
    place = Place("geonames:1", "Homs", "حمص", 34.7, 36.7, "SY", "city", 1_000)
    mention = _wordscan.mention_maker(Mention)(3, 9, "بحمص", place)
    assert type(mention) is Mention and mention == Mention(3, 9, "بحمص", place)
    assert hash(mention) == hash(Mention(3, 9, "بحمص", place))
    with pytest.raises(dataclasses.FrozenInstanceError):
        mention.start = 4
    with pytest.raises(TypeError):
        make(*values[:-1])


def test_a_slot_maker_refuses_what_it_cannot_make():
    from gazetteer import _wordscan

    @dataclasses.dataclass
    class NoSlots:
        start: int

    @dataclasses.dataclass(slots=True)
    class Checked:
        start: int

        def __post_init__(self):
            raise ValueError(self.start)

    for cls, fields in ((NoSlots, ("start",)), (Checked, ("start",)), (Candidate, ("start", "end"))):
        with pytest.raises(TypeError):
            _wordscan.SlotMaker(cls, fields)


def _same(a, b) -> bool:
    return a == b and type(a) is type(b)


@pytest.fixture(scope="module")
def checked():
    """A compiled gazetteer whose compiled loops each run beside their Python reference, on copies of what they
    change, and record any call whose results differ."""
    gz = Gazetteer(scan="words", compiled=True)
    rec = gz.recognizer
    assert rec._compiled is not None
    ws, calls, wrong = rec._compiled, [], []

    def verdicts(fields, cands, *args):
        mine = list(cands)
        out = ws.verdicts(fields, cands, *args)
        ref = rec._verdicts(mine)
        calls.append("verdicts")
        if not (_same(out, ref) and cands == mine):
            wrong.append(("verdicts", out, ref))
        return out

    def accepted(fields, accept, evidence, reject, cands, verdicts, *args):
        mine = list(verdicts)
        out = ws.accepted(fields, accept, evidence, reject, cands, verdicts, *args)
        ref = rec._accepted(cands, mine, *args)
        calls.append("accepted")
        if not (_same(out, ref) and verdicts == mine):
            wrong.append(("accepted", out, ref))
        return out

    def readings_of(fields, cands, known, reading_of, votes, own):
        my_votes, my_own = dict(votes), dict(own)
        out = ws.readings_of(fields, cands, known, reading_of, votes, own)
        ref = rec._readings_of(cands, known, reading_of, my_votes, my_own)
        calls.append("readings_of")
        if not (_same(out, ref) and votes == my_votes and own == my_own):
            wrong.append(("readings_of", out, ref))
        return out

    def plausible_facts(fields, *args):
        out = ws.plausible_facts(fields, *args)
        ref = rec._plausible_facts(*args)
        calls.append("plausible_facts")
        if not _same(out, ref):
            wrong.append(("plausible_facts", out, ref))
        return out

    def original_spans(fields, text, cands, gaps):
        out = ws.original_spans(fields, text, cands, gaps)
        ref = recognize._original_spans(text, cands, gaps)
        calls.append("original_spans")
        if not _same(out, ref):
            wrong.append(("original_spans", out, ref))
        return out

    def make_mentions(new, text, spans, rows, keep, places, place_of):
        out = ws.make_mentions(new, text, spans, rows, keep, places, place_of)
        ref = [Mention(a, b, text[a:b], None if row is None else place_of(row))
               for (a, b), row, kept in zip(spans, rows, keep) if kept]
        calls.append("make_mentions")
        if not (_same(out, ref) and all(type(m) is Mention for m in out)):
            wrong.append(("make_mentions", out, ref))
        return out

    def choose_readings(fields, cands, pending, readings, out, shaddas, votes, own, total, hints, *args):
        mine, my_hints = list(out), dict(hints)
        ws.choose_readings(fields, cands, pending, readings, out, shaddas, votes, own, total, hints, *args)
        saved, rec._hints = rec._hints, my_hints
        try:
            rec._choose_readings(cands, pending, readings, mine, shaddas, votes, own, total)
        finally:
            rec._hints = saved
        calls.append("choose_readings")
        if not (out == mine and all(type(a) is type(b) for a, b in zip(out, mine)) and hints == my_hints):
            wrong.append(("choose_readings", out, mine))

    def deleted_marks(text, gaps, marks, shadda):
        out = ws.deleted_marks(text, gaps, marks, shadda)
        ref = recognize._deleted_marks(text, gaps)
        calls.append("deleted_marks")
        if not _same(out, ref):
            wrong.append(("deleted_marks", out, ref))
        return out

    rec._compiled = types.SimpleNamespace(verdicts=verdicts, accepted=accepted, readings_of=readings_of,
                                          plausible_facts=plausible_facts, original_spans=original_spans,
                                          make_mentions=make_mentions, choose_readings=choose_readings,
                                          deleted_marks=deleted_marks)
    return gz, calls, wrong


def test_the_compiled_loops_give_what_their_references_give(checked):
    gz, calls, wrong = checked
    texts = dev_texts()
    for text in texts + texts[:1306]:  # the ANT articles twice: the second time every memo is warm
        gz.find(text)
        assert not wrong, wrong[0]
    assert set(calls) == {"verdicts", "accepted", "readings_of", "plausible_facts", "original_spans", "make_mentions",
                          "choose_readings", "deleted_marks"}
    for text in texts[:300]:
        gz.recognizer.explain(text)  # explain() settles through the same loops
    assert not wrong, wrong[0]


@settings(max_examples=2000, deadline=None)
@given(st.floats(-90, 90), st.floats(-180, 180), st.floats(-90, 90), st.floats(-180, 180))
@example(67.51454426366931, 0.0, -81.69276180367119, 1.0)  # x * x is not libm's pow(x, 2.0) here (setup.py)
def test_the_compiled_distance_is_pythons_to_the_bit(lat1, lon1, lat2, lon2):
    """choose_readings' nearness reads distances from _wordscan.km: the same float as recognize._km gives."""
    from gazetteer import _wordscan

    assert _wordscan.km(lat1, lon1, lat2, lon2).hex() == recognize._km(lat1, lon1, lat2, lon2).hex()
    assert _wordscan.km(lat1, lon1, lat1, lon1).hex() == recognize._km(lat1, lon1, lat1, lon1).hex()
