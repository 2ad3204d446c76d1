"""speakers: reporting verbs and phrases with their speakers; reported speech that goes on."""

import pytest

from geonews.extraction.components.speakers import Attributor


@pytest.mark.parametrize(("sentence", "speaker"), [
    ("أعلن الكرملين أنّ الوفد وصل", "الكرملين"),
    ("وبحسب بيان للخارجية الأميركية، فإنّ الوفد وصل", "الخارجية الأميركية"),
    ("من جهة أخرى، أكد مصدر كردي، أنّ القوات تقدمت", "مصدر كردي"),
    ("وجاء في بيان «البنتاغون» أمس، أنّ الضربات استمرت", "البنتاغون"),
    ("بدوره شدد كيري على ضرورة الحل", "كيري"),
    ("الطقس معتدل اليوم", None),
])
def test_attribution(lex, sentence, speaker):
    assert Attributor(lex).speaker(lex.tokenize(sentence), sentence, 0) == speaker


def test_component_sets_speaker_span_and_carries_speech_on(run):
    text = "قال وزير الدفاع الروسي سيرغي شويغو إن القوات تقدمت.\nوأضاف أن الطيران قصف مواقع.\nالطقس معتدل."
    doc = run("speakers", text)
    first, second, third = doc.sents
    assert first.speaker == "وزير الدفاع الروسي سيرغي شويغو"
    lo, hi = first.speaker_span
    assert text[lo:hi] == "وزير الدفاع الروسي سيرغي شويغو"
    assert second.speaker == first.speaker and second.speaker_span is None  # named before, not here
    assert third.speaker is None


def test_a_short_name_resolves_to_the_fuller_speaker(run):
    doc = run("speakers", "قال وزير الدفاع الروسي سيرغي شويغو إن القوات تقدمت.\nوأكد شويغو أن الطيران قصف.")
    assert doc.sents[1].speaker == "وزير الدفاع الروسي سيرغي شويغو"
