"""place_roles: supporters and bases, datelines and the speaker's own places are not events."""

import pytest


@pytest.mark.parametrize(("text", "name", "role"), [
    ("سيطرت الفصائل المدعومة من تركيا على بلدة في ريف حلب.", "تركيا", "origin"),
    ("قال المرصد ومقره لندن إن القوات تقدمت.", "لندن", "origin"),
    ("دبي، الإمارات العربية المتحدة (CNN)-- قصفت الطائرات مواقع في إدلب.", "دبي", "mention"),
    ("وتشتبه واشنطن في أن القوات السورية قصفت دوما.", "واشنطن", "party"),
    ("قصفت الطائرات مواقع في إدلب.", "إدلب", "event"),
])
def test_roles(run, text, name, role):
    doc = run("place_roles", text)
    [use] = [u for u in doc.sents[0].places if u.text == name]
    assert use.role == role


def test_explain_says_why(run):
    doc = run("place_roles", "سيطرت الفصائل المدعومة من تركيا على بلدة.", trace=True)
    [d] = [d for d in doc.trace if d.component == "place_roles"]
    assert d.subject == "تركيا" and d.decision == "origin" and "supporter" in d.reason


def test_an_indefinite_supporter_word_makes_an_origin(run):
    doc = run("place_roles", "سيطرت فصائل موالية لأنقرة على بلدة في ريف حلب.")
    roles = {u.text: u.role for u in doc.sents[0].places}
    assert roles["أنقرة"] == "origin" and roles["حلب"] == "event"
