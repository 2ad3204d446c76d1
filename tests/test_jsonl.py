"""The JSON Lines writer's serialisation (orjson): the same JSON values as ``json.dumps(record,
ensure_ascii=False)``, compact, one line per record, UTF-8 with non-ASCII as it is."""

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from geonews.output.writers.jsonl import JsonlWriter, json_line

VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-2**63, 2**63 - 1) | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=12)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.text(max_size=8), VALUES, max_size=6))
def test_a_record_parses_back_equal_and_is_compact_json(record):
    line = json_line(record)
    assert line.endswith("\n") and line.count("\n") == 1  # one line: newlines inside strings are escaped
    assert json.loads(line) == json.loads(json.dumps(record, ensure_ascii=False))


def test_arabic_is_written_as_it_is_without_spaces():
    record = {"text": "قصف على حلب", "start": 3, "latitude": 36.2021, "actor": None, "places": [{"id": "a"}]}
    assert json_line(record) == json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n"


def test_the_writer_writes_those_lines(tmp_path):
    records = [{"article": "a", "text": "دمشق"}, {"article": "b", "text": "x\ny"}]
    with JsonlWriter(tmp_path / "out.jsonl") as out:
        assert out.write(records) == 2
    text = (tmp_path / "out.jsonl").read_text(encoding="utf-8")
    assert text == "".join(map(json_line, records))
    assert [json.loads(line) for line in text.splitlines()] == records

