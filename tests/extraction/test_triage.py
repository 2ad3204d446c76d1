"""triage: sentences with no place, no claim cue and no country word are quiet."""


def test_quiet_and_active_sentences(run):
    doc = run("triage", "الطقس معتدل اليوم. سيطرت القوات على الموقع. زار الوفد دمشق. عاد الهدوء إلى البلاد.")
    assert [s.quiet for s in doc.sents] == [True, False, False, False]
    assert doc.active() == doc.sents[1:]
