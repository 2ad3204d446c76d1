"""speaker_heads.csv is what its derivation writes from the development articles, and the derivation counts
the first words of speakers found by reporting cues in the articles' text only (never a title)."""

from __future__ import annotations

from pathlib import Path

from conftest import shared_data

from geonews.extraction import speaker_heads
from geonews.reading.articles import Article, iter_articles

TABLE = Path(speaker_heads.__file__).resolve().parent.parent / "data" / "speaker_heads.csv"


def test_the_table_is_what_its_derivation_writes(gz, tmp_path):
    articles = shared_data("ant_conflict_dev.jsonl")
    counts, spellings = speaker_heads.count_heads(iter_articles([articles]), gz)
    out = tmp_path / "speaker_heads.csv"
    speaker_heads.write_table(counts, spellings, out)
    assert out.read_bytes() == TABLE.read_bytes(), "run: python -m geonews.extraction.speaker_heads"


def test_heads_are_counted_from_the_text_once_a_sentence(gz, tmp_path):
    text = "وقال المرصد السوري إن القوات تقدمت.\nوأعلن المرصد أن القصف تواصل.\nوقال مصدر محلي إن الوضع هادئ."
    counts, spellings = speaker_heads.count_heads([Article(id="a", text=text, title="ترامب: سنرد")], gz)
    assert counts == {"المرصد": 2, "مصدر": 1}  # the title's "ترامب: …" is not read
    out = tmp_path / "heads.csv"
    assert speaker_heads.write_table(counts, spellings, out, minimum=2) == 1
    assert out.read_text(encoding="utf-8").splitlines()[1].startswith("المرصد,2,")
