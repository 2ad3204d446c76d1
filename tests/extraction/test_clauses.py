"""clauses: where clauses begin (punctuation, conjunctions, relative pronouns, complementizers)."""


def test_clause_starts(run):
    doc = run("clauses", "قال المرصد إن القوات التي تقدمت سيطرت، بينما انسحب المسلحون.")
    [sent] = doc.sents
    starts = [sent.tokens[i].text for i in sent.clause_starts]
    assert starts == ["إن", "التي", "،", "بينما"]


def test_quiet_sentences_get_none(run):
    doc = run("clauses", "الطقس معتدل، والسماء صافية.")
    assert doc.sents[0].quiet and doc.sents[0].clause_starts == []
