"""``speakers``: who the article says made each sentence's statement — reporting verbs and phrases with
their speakers, and reported speech that goes on (وأضاف، مشيراً، بدوره، الوزير الروسي شدد) keeping its
speaker. A sentence with no reporting cue has no speaker (``None``): nothing is guessed.
"""

from __future__ import annotations

from gazetteer.morphology import PRONOUN_SUFFIXES, has_nisba_shape

import functools

from gazetteer import normalize

from ..document import Doc
from ..registry import component
from ..tokens import Token, token_index

__all__ = ["Attributor", "headline_speaker", "speakers"]

_MAX_SPEAKER_WORDS = 9
_QUOTES = "«»\"“”"
_OPENING, _CLOSING = "«“\"", "»”\""
#: An addressee after the speaker (مسؤول سوري لـCNN): ل with a tatweel.
_ADDRESSEE = "لـ"
#: Prepositions before a verbal noun (دون ذكر، بدون إعلان), normal form, besides the locative and temporal ones.
_NOUN_PREPOSITIONS = frozenset({"دون", "بدون"})
_UNTIL = "حتي"
#: 'day' (يوم الجمعة), normal form: a time after the speaker.
_DAY = "يوم"
#: The stem of the verbs of relaying (نقل، نقلت): who they quote follows عن.
_RELAY = "نقل"
#: The kinds of reporting.csv that are verbs (an imperfect prefers the subject before it).
_VERB_KINDS = frozenset({"verb", "imperfect"})
#: How an object with ب right after a verb begins (بالهجوم، بما، بأن): a name that begins with ب does not.
_BA_OBJECT = ("بال", "بما", "بان")
#: The word after a medium that names who it quotes (نقلت الوكالة عن مصدر).
_FROM_SOURCE = "عن"
#: The preposition before where a report was written (جاء في التقارير أن).
_IN = "في"
#: Nouns of saying after a quoted person (عن رئيس الوزراء قوله), normal form.
_QUOTE_NOUNS = frozenset({"قوله", "قولها", "قولهم"})
#: Words after which a function word is part of a person's name (بن علي يلدريم), normal form.
_NAME_LINKS = frozenset({"بن", "ابن", "ابو", "بنت"})
#: Punctuation between words that closes a phrase (the tokens keep only commas, colons and quotes).
_CLOSING_MARKS = (".", "-", "–", "—", "(", ")", "[", "]", "!", "?", "؟")
#: How many words a short name in quotes or an apposition between commas takes at most.
_SHORT_NAME_WORDS = 3
#: Possessive pronouns on a noun after a speaker's complete name (تأييدها، نفيها، رفضهم): the verb's object.
_POSSESSIVES = ("ها", "هم", "هما")


def _quotation(tokens, start: int, end: int) -> bool:
    """Whether tokens [start, end) lie in a quotation (a quote open where they begin, closed where they end)
    of more than a short name (وجاء في بيان «البنتاغون» names a speaker; «التصعيد الخطير …» does not)."""
    if end - start < 1:
        return False
    closed = (end < len(tokens) and tokens[end].text in _CLOSING) or tokens[end - 1].text in _CLOSING
    if not closed or not _open_quote(tokens, start + (tokens[start].text in _OPENING)):
        return False
    opening = next(k for k in range(start, -1, -1) if tokens[k].text in _OPENING)
    words = [t for t in tokens[opening:end] if t.text not in _QUOTES]
    return len(words) > _SHORT_NAME_WORDS - 1


def _open_quote(tokens, at: int) -> bool:
    """Whether a quotation is open at token ``at`` (opened before it and not yet closed)."""
    depth = 0
    for t in tokens[:at]:
        if t.text in "«“":
            depth += 1
        elif t.text in "»”" and depth:
            depth -= 1
        elif t.text == '"':
            depth = 0 if depth else 1
    return depth > 0


def _short_name_after(tokens, k: int, lex=None):
    """A short name in quotes right after a speaker's phrase (وكالة الأنباء الرسمية "سانا"): its last token;
    not a quoted object that names an event (أدان ماكرون "الهجوم الكيميائي")."""
    if k >= len(tokens) or tokens[k].text not in _OPENING:
        return None
    for m in range(k + 1, min(k + 2 + _SHORT_NAME_WORDS, len(tokens))):
        if tokens[m].text in _CLOSING:
            if m == k + 1 or (lex is not None and any(lex.claims.match(tokens, q) is not None for q in range(k + 1, m))):
                return None
            return tokens[m]
    return None


def _apposition_end(tokens, k: int, end: int, attributor) -> int:
    """The end of an apposition between commas after a speaker's phrase (رئيس المركز في سوريا، فلاديمير
    سافتشينكو، اتهم …), skipping one prepositional phrase first; else ``end``."""
    words = attributor.words
    m = k
    if m < len(tokens) and tokens[m].norm in words["locative"]:  # في سوريا
        m += 2
    if m >= len(tokens) or tokens[m].text not in "،,":
        return end
    close = next((x for x in range(m + 1, min(m + 2 + _SHORT_NAME_WORDS, len(tokens))) if tokens[x].text in "،,"), None)
    if close is None or close == m + 1:
        return end
    inner = tokens[m + 1:close]
    lex = attributor.lexicons
    if any(t.norm in words["stop"] or lex.reporting.match(tokens, m + 1 + n) is not None
           or lex.claims.match(tokens, m + 1 + n) is not None for n, t in enumerate(inner)):
        return end
    return inner[-1].end


def _closed(tokens, k: int, text: str, offset: int) -> bool:
    """Whether a phrase ending before token ``k`` is closed by punctuation (a comma or colon, a full stop, a
    dash, a bracket) or the sentence's end: then nothing of its clause follows it."""
    if k >= len(tokens) or tokens[k].text in "،,:؛":
        return True
    gap = text[tokens[k - 1].end - offset:tokens[k].start - offset]
    return any(mark in gap for mark in _CLOSING_MARKS)


def _agreeing_end(tokens, start: int, k: int, kept, text: str, offset: int) -> int:
    """Where a speaker's noun phrase ends when its clause goes on after it: after its first word, the
    definite words (its genitives and adjectives: المرصد السوري، رأي الكاتب), a place name or a name link
    (``kept``: مندوب سوريا، المتحدث باسم) and the word after either, a word with ل before a definite one or
    a place name (لحقوق الإنسان، لإمارة دبي) and an
    indefinite word after an indefinite one (مصادر محلية، وسائل إعلام) unless that one is a sound plural (no
    genitive follows مسعفين، مراقبين) or it is an accusative (تحديا); the first other word, or punctuation
    between words, begins the clause (المرصد قبو مدرسة، الكاتب سيتمكنون، محللين تحديا)."""
    norms = tokens.norms
    j = start + 1
    while j < k:
        norm = norms[j].lstrip("و") if norms[j][:1] == "و" and len(norms[j]) > 3 else norms[j]
        gap = text[tokens[j - 1].end - offset:tokens[j].start - offset]
        if any(mark in gap for mark in _CLOSING_MARKS):
            break
        prev = norms[j - 1]
        if not (norm.startswith(("ال", "لل")) or j in kept or j - 1 in kept
                or (norm[:1] == "ل" and j + 1 < k and (norms[j + 1].startswith("ال") or j + 1 in kept))
                or (not prev.startswith("ال") and not _sound_plural(prev) and not _accusative(norm))):
            break
        j += 1
    return j


def _sound_plural(norm: str) -> bool:
    """Whether a word has the shape of a sound plural (مسعفين، مراقبون): no genitive can follow it."""
    return len(norm) >= 5 and norm.endswith(("ين", "ون"))


def _accusative(norm: str) -> bool:
    """Whether an indefinite word has the accusative's alif (تحديا، امتحانا, not روسيا), so is no genitive."""
    return len(norm) >= 4 and norm.endswith("ا") and not norm.endswith(("يا", "اا"))


def _balanced(speaker: str) -> str:
    """A speaker as written without an unclosed bracket (وكالة الشرطة … (يوروبول -> … (يوروبول))."""
    if speaker.count("(") > speaker.count(")"):
        return speaker + ")" if speaker.rstrip()[-1:] != "(" else speaker.rstrip()[:-1].rstrip()
    return speaker


@component("speakers", requires=("sent.tokens", "sent.mentions"), sets=("sent.speaker", "sent.speaker_span"))
def speakers(doc: Doc) -> Doc:
    """Give every sentence its speaker, remembering the previous one within the article."""
    attributor = Attributor(doc.lexicons)
    headline = doc.headline
    for sent in doc.sents:
        attributor.names_end = {token_index(sent.tokens, m.start): token_index(sent.tokens, m.end - 1) + 1
                                for m in sent.mentions}
        attributor.names_at = set(attributor.names_end)
        sent.speaker = attributor.speaker(sent.tokens, sent.text, sent.start)
        sent.speaker_span = attributor.span
        sent.speaker_from = attributor.scope_from
        if sent.speaker is None and headline is not None and headline[0] <= sent.start and sent.end <= headline[1]:
            span = headline_speaker(sent, doc.lexicons)
            if span is not None:
                sent.speaker_span = span
                sent.speaker = sent.text[span[0] - sent.start:span[1] - sent.start]
                attributor.how = "the headline's words before its colon (X: …), X beginning as speakers do"
        if doc.trace is not None and sent.speaker is not None:
            doc.note("speakers", sent, sent.speaker, "speaker", attributor.how)
    return doc


def _ends_headline_speaker(token, lex) -> bool:
    """Whether a word after the first ends a headline's speaker: a preposition (من الأردن، حول سوريا), an
    addressee (لـCNN، للأسد), or an imperfect verb (فرنسا تحذر، ظريف يزور الأسد: the speaker is its subject)."""
    norm = token.norm
    if norm in lex.speech["locative"] or token.text.startswith((_ADDRESSEE, "بـ")) or norm.startswith("لل"):
        return True
    return (len(norm) >= 4 and norm[0] in "يت" and not norm.startswith("ال")
            and not has_nisba_shape(norm) and norm not in lex.speaker_heads)


def headline_speaker(sent, lex, max_words: int = 6) -> tuple[int, int] | None:
    """Where a headline's speaker is (article offsets) when it reads "X: …" (قرقاش: …، مصادر لـCNN: …): X,
    up to ``max_words`` words before the colon, cut before a preposition (وزير خارجية تركيا من الأردن), an
    addressee (لـCNN) or a verb (ترامب يتوعد روسيا), when its first word begins speakers in running text (``speaker_heads.csv``) and it is
    neither quoted nor only a place's name (سوريا: … may name the topic). Else ``None``."""
    tokens = sent.tokens
    colon = next((k for k in range(min(len(tokens), max_words + 1)) if tokens[k].text == ":"), None)
    if not colon:
        return None
    words = tokens[:colon]
    if any(t.text in _QUOTES or t.text in "،," for t in words):
        return None
    end = next((k for k, t in enumerate(words) if k and _ends_headline_speaker(t, lex)), len(words))
    words = words[:end]
    if not words:
        return None
    first = words[0].norm
    start, stop = words[0].start, words[-1].end
    if first not in lex.speaker_heads:
        if not (first.startswith("و") and first[1:] in lex.speaker_heads):
            return None
        start += 1  # وأردوغان: … (a headline joined to the one before): the name without its conjunction
    if any(m.start <= start and stop <= m.end for m in sent.mentions):
        return None  # only a place's name
    return start, stop


def _bare(word: str) -> str:
    return word[2:] if word.startswith("ال") and len(word) > 3 else word


class Attributor:
    """Finds each sentence's speaker, remembering the previous one within an article."""

    def __init__(self, lexicons) -> None:
        self.lexicons = lexicons
        self.words = lexicons.speech
        self.previous: str | None = None
        self.seen: list[str] = []
        self.span: tuple[int, int] | None = None  # where the last sentence names its speaker
        self.scope_from: int | None = None  # a report joined after a clause (X، وقال Y إن …): where it begins
        self.how = ""  # how the last speaker was found (for explain)
        self._last_span: tuple[int, int] | None = None
        self._counted_stems = lexicons.casualty_stems
        self._accuse_stems = lexicons.stems["accuse_stem"]
        self._media = lexicons.grammar["medium_noun"]
        self._ba_stems = lexicons.stems["ba_object_stem"]
        self.ba_object = False  # the reporting verb takes its object after ب
        self.names_at: set[int] = set()  # token indices where the sentence's place names begin
        self.names_end: dict[int, int] = {}  # where each of them begins -> the token after it
        self.accusing = False  # the reporting verb is one of accusing: the accused follows the speaker
        self.cut = False  # the last phrase after a verb of accusing ended where the accused began

    def speaker(self, tokens: list[Token], text: str, offset: int) -> str | None:
        """The speaker of the sentence ``text`` (tokens with article offsets starting at ``offset``)."""
        reporting = self.lexicons.reporting
        self.span = self._last_span = self.scope_from = None
        for i in reporting.candidates(tokens):  # the other positions match nothing
            hit = reporting.match(tokens, i)
            if hit is None:
                continue
            n, kind = hit
            if kind != "phrase" and tokens.norms[i].lstrip("وف").startswith(("ال", "لل")):
                continue  # مجلس الأمن التابع للأمم المتحدة: a definite word is no verb
            if kind != "phrase" and i > 0 and self._governs_noun(tokens.norms[i - 1]):
                continue  # ودون ذكر للضربات، بعد إعلان: after a preposition the word is a noun, no verb
            if i > 0 and tokens.norms[i - 1].lstrip("وس") in self.lexicons.grammar["passive_marker"]:
                continue  # سيتم نقل المسلحين: a verbal noun after تمّ, not a report
            self.how = f"after the reporting {kind} {tokens[i].text!r}"
            verb = kind in _VERB_KINDS
            self.accusing = verb and tokens.norms[i].lstrip("و").startswith(self._accuse_stems)
            self.ba_object = self.accusing or (verb and tokens.norms[i].lstrip("و").startswith(self._ba_stems))
            if kind == "phrase":
                explicit = self._after(tokens, i + n, text, offset, drop_statement_noun=True, attribution=True)
                nxt = reporting.match(tokens, i + n) if explicit is None and i + n < len(tokens) else None
                if nxt is not None and nxt[1] != "phrase":  # حسب ما أفاد ناشطون
                    explicit = self._after(tokens, i + n + nxt[0], text, offset)
                    if (explicit is not None and tokens.norms[i + n].lstrip("و").startswith(_RELAY)
                            and f"{explicit} {_FROM_SOURCE} " in text):  # حسبما نقلت سانا عن مصدر عسكري:
                        explicit = self._quoting(tokens, i + n + nxt[0], text, offset) or explicit  # the source
                    if explicit is None and self.previous is not None:
                        self.how = f"{tokens[i].text!r} with a verb and no subject (وفق ما قال أمام المحكمة): the previous speaker"
                        return self.previous
                if explicit is not None and self._own_words(explicit):  # على حد تعبيره، حسب قولها
                    self.how = f"{tokens[i].text!r} and the speaker's own words ({explicit!r}): the previous speaker"
                    return self.previous
                return self._remember(explicit)
            if kind == "imperfect":
                said = self._imperfect(tokens, i, n, text, offset)
                if said is None:
                    continue  # وهو يتحدث في مؤتمر … قال: inside a sentence, an imperfect names no speaker
                return self._remember(said)
            explicit = self._after(tokens, i + n, text, offset)
            if self.accusing and explicit is not None and not self.cut:
                before = self._before(tokens, i, text, offset)  # سوريا اتهمت إسرائيل: one name after it, the accused
                if before is not None:
                    explicit = before
                    self.how = f"the subject before the verb of accusing {tokens[i].text!r}"
                elif tokens.norms[i - 1] in self.lexicons.grammar["relative"] and any(
                        self.lexicons.claims.match(tokens, m) is not None for m in range(max(0, i - 4), i - 1)):
                    explicit = None  # الهجوم الكيميائي الذي اتُّهم النظام بشنه: the passive on an event noun; the
                    # accused is no speaker (الانتهاكات التي تتهم المعارضة النظام بارتكابها is active)
            if tokens.norms[i].lstrip("و").startswith(_RELAY):  # نقلت وسائل إعلام عن رئيس الوزراء قوله
                source = self._quoting(tokens, i + n, text, offset)
                if source is not None:
                    explicit = source
            if explicit is None:
                # A verb right after a continuation word (بدوره شدد كيري): its own speaker follows.
                nxt = reporting.match(tokens, i + n) if i + n < len(tokens) else None
                if nxt is not None and nxt[1] != "phrase":
                    explicit = self._after(tokens, i + n + nxt[0], text, offset)
            elif i > 1 and tokens.norms[i][:1] == "و" and tokens[i - 1].text in "،,":
                self.scope_from = i  # استهدفت صواريخ مستودعات للجيش، وأوردت سانا أنه …: the strike is narrated
            if explicit is None:
                explicit = self._before(tokens, i, text, offset)
                self.how = f"the subject before the reporting {kind} {tokens[i].text!r}"
            if explicit is not None:
                return self._remember(explicit)
            if (kind == "continuation" or self._continues(tokens, i) or self._reports_on(tokens, i + n)
                    or (i + n < len(tokens) and tokens[i + n].text in _OPENING)):  # وقال "أدى القصف …
                self.how = f"reported speech goes on ({tokens[i].text!r}): the previous speaker"
                return self.previous
            return None
        return None

    def _own_words(self, phrase: str) -> bool:
        """Whether a phrase is one noun of speech with a pronoun (تعبيره، قولها، وصفها): someone's own words."""
        words = phrase.split()
        if len(words) != 1:
            return False
        norm = normalize(words[0])
        return any(norm.endswith(p) and norm[:-len(p)] in self.words["own_words"] for p in PRONOUN_SUFFIXES)

    # -- noun phrases around the cue -------------------------------------------------------
    def _after(self, tokens, j, text, offset, drop_statement_noun=False, attribution=False) -> str | None:
        """The noun phrase after a reporting verb or phrase: up to a comma, a function word, another reporting
        word, a claim cue, a relative pronoun, a demonstrative or an addressee (لـCNN). A phrase that begins with a
        preposition (قال أمام المحكمة) or is a quotation names no speaker. After an attribution phrase (وفق،
        بحسب) that the clause goes on after (استهدفت وفق المرصد قبو مدرسة), only the words that agree with its
        first one (:meth:`_agreeing_end`)."""
        stops, lex = self.words["stop"], self.lexicons
        k = j
        if drop_statement_noun and k < len(tokens) and tokens[k].norm.lstrip("و") in self.words["statement_noun"]:
            k += 1
        if k < len(tokens) and self._reports_it(tokens.norms[k]):
            k += 1  # بحسب ما ذكره المرصد: the verb with its pronoun, then who
        if k + 1 < len(tokens) and self._preposition_with_pronoun(tokens.norms[k]):
            k += 1  # اتفاق أعلنت عنه دمشق، بيان جاء فيه: then who
        self.cut = False
        sources = self.words["source_verb"]
        source_in = (k + 1 < len(tokens) and tokens[k].norm == _IN and j > 0
                     and tokens.norms[j - 1].lstrip("وف") in sources)
        if source_in:
            k += 1  # ورد في التقرير أن …: where it is written is who says it, if a complement follows
        elif j > 1 and tokens.norms[j - 1] == _IN and tokens.norms[j - 2].lstrip("وف") in sources:
            source_in = True  # the phrase جاء في has matched
        times = lex.grammar["time_word"]
        while k < len(tokens) and k - j < 3 and (tokens[k].norm in times or (  # اتهمت سوريا الشهر الماضي إسرائيل
                k + 1 < len(tokens) and tokens.norms[k + 1] in times and tokens[k].norm.startswith("ال"))):
            k += 1 + (tokens[k].norm not in times)
        start = k
        if start < len(tokens) and (tokens[start].text.startswith("بـ") or (
                self.ba_object and tokens[start].norm[:1] == "ب" and start not in self.names_at)):
            return None  # كانت موسكو قد نددت برفض …: the object right after the verb, the speaker before it
        if start < len(tokens) and (tokens[start].norm in lex.speech["locative"]
                                    or tokens[start].norm in lex.grammar["temporal"]):
            return None  # قال أمام المحكمة، أعلن بعد ذلك: an adverbial, no speaker
        if not drop_statement_noun and start < len(tokens) and tokens[start].norm.startswith("لل"):
            return None  # قال للمحققين: whom it was said to, not who said it
        if start < len(tokens) and tokens[start].norm[:1] in "بل" and tokens[start].norm[1:] in lex.grammar["demonstrative"]:
            return None  # ويضيف بهذا الخصوص، وقال بهذا الصدد: an adverbial, no speaker
        while k < len(tokens) and k - start < _MAX_SPEAKER_WORDS:
            tok = tokens[k]
            in_name = k > start and tokens[k - 1].norm in _NAME_LINKS  # بن علي: a name, not the preposition
            if tok.text in "،,:؛" or (tok.norm in stops and not in_name) or (
                    tok.text in _QUOTES and k > start and tokens[k - 1].text not in _QUOTES):
                break
            if tok.norm in lex.grammar["relative"] or tok.text.startswith(_ADDRESSEE):
                break
            if k > start and (tok.norm in times or tok.norm == _DAY
                              or (tok.norm[:1] == "ل" and tok.norm[1:] in self._media)):
                if tok.norm in times and k - 1 > start and tokens.norms[k - 1] in lex.grammar["time_unit"]:
                    k -= 1  # تركيا الشهر الماضي: the noun the time word qualifies goes with it
                break  # … أردوغان يوم الجمعة، ياسر دلوان لوكالة الأنباء الفرنسية: a time, an addressee
            if tok.norm in lex.grammar["contrast"] or tok.norm in lex.grammar["clause_break"]:
                break  # لكن ترامب قال، حيث قال: a new clause
            if k > start and tok.norm in lex.grammar["demonstrative"]:
                break  # ووصفت الوكالة هذه التقارير: a demonstrative begins the verb's object
            if lex.reporting.match(tokens, k) is not None:
                break
            if (k > start and start in self.names_end and k == self.names_end[start]
                    and (tok.norm.startswith("ال") or (k in self.names_at and tok.norm[:1] != "و")
                         or tok.text[:1].isdigit() or tok.norm[:1] == "ل")):
                break  # طالبت واشنطن موسكو، نفت الولايات المتحدة العلاقة: a place that speaks ends with its name
            if lex.claims.match(tokens, k) is not None:
                break  # a claim cue ends the speaker's noun phrase (أدان قصف العراق: no speaker is named)
            if tok.text[:1].isdigit() or tok.norm.lstrip("وب").startswith(self._counted_stems):
                break  # وثق المرصد مقتل 29 مدنيا: what is counted begins the object
            if self.accusing and k > start and self._second_name(tokens, k):
                self.cut = True
                break  # اتهمت دمشق إسرائيل بقصف، تتهم المعارضة قوات النظام: the accused begins
            if (k > start and tok.norm.endswith(_POSSESSIVES) and len(tok.norm) >= 5
                    and not tok.norm.startswith(("ال", "و", "نفس", "ذات")) and tok.norm not in self.words["stop"]
                    and not self._preposition_with_pronoun(tok.norm)
                    and ((k - 1) in self.names_at or tokens.norms[k - 1].startswith("ال"))):
                break  # أعلنت إسرائيل تأييدها، نقلت عن وزارة الدفاع نفيها: the object, with its pronoun, begins
                # (not نفسها، ذاتها: المصادر نفسها is the same sources; not عليها: a relative's preposition)
            if (k > start and k in self.names_at and self._second_name(tokens, k)
                    and tokens.norms[k][:1] not in "لب" and not has_nisba_shape(tokens.norms[k])
                    and self._object_ends(tokens, self.names_end[k])):
                break  # حث الاتحاد الأوروبي روسيا وإيران بـ، طالبت حكومة بغداد أنقرة بالانسحاب: the object begins
            if self.ba_object and k > start and tok.norm[:1] == "ب" and tok.norm not in _NAME_LINKS:
                break  # اتهمت سوريا إسرائيل بالوقوف وراء، ندد هولاند بقيام …: the object after ب begins
            if k > start and tok.text.startswith("بـ"):
                break  # وصفت الخارجية القرار بـ"التصعيد": a quoted object after ب begins
            k += 1
        if attribution and k > start + 1 and not (_closed(tokens, k, text, offset) or self._complement_at(tokens, k)):
            k = _agreeing_end(tokens, start, k, self.names_at | self._links_at(tokens, start, k), text, offset)
        complement = self._complement_at(tokens, k)
        if source_in and not complement:
            return None  # جاء في وقت …: no source
        if _quotation(tokens, start, k) and not (complement and tokens[start].text in _OPENING
                                                 and not self._complement_at(tokens, k, conjoined=True)):
            return None  # «استخدام أسلحة كيميائية» is what is said, not who says it (وأكدت «معلومات موثوقة» أن …
            # names its source)
        span = [t for t in tokens[start:k] if t.text not in _QUOTES]
        if not span:
            return None
        if tokens[start].text in _OPENING and not any(t.text in _CLOSING for t in tokens[start + 1:k + 1]):
            return None  # وقال "أدى القصف التركي …: a quotation begins, what is said, not who says it
        end = span[-1].end
        name = _short_name_after(tokens, k, self.lexicons)  # وكالة الأنباء الرسمية "سانا"
        if name is not None:
            end = name.end
        else:
            end = _apposition_end(tokens, k, end, self)  # رئيس المركز في سوريا، فلاديمير سافتشينكو،
        speaker = _balanced(text[span[0].start - offset:end - offset])
        self._last_span = (span[0].start, span[0].start + len(speaker))
        if drop_statement_noun and span[0].norm.startswith("لل"):
            speaker = "ال" + speaker[2:]  # بيان للخارجية الأميركية -> الخارجية الأميركية
        return speaker

    def _links_at(self, tokens, start: int, end: int) -> set[int]:
        """Token indices of the name links (باسم) between ``start`` and ``end``."""
        links = self.words["name_link"]
        return {k for k in range(start, end) if tokens.norms[k] in links}

    def _governs_noun(self, norm: str) -> bool:
        """Whether a word before a reporting verb's form makes it a noun: a preposition (في، من، دون), not
        one that a verb may follow (حتى نفى المسؤولون، منذ أعلنت روسيا)."""
        word = norm[1:] if norm[:1] in "وف" and len(norm) > 2 else norm
        return (word in self.words["locative"] and word != _UNTIL) or word in _NOUN_PREPOSITIONS  # منذ أعلنت، حتى نفى: verbs

    def _second_name(self, tokens, k: int) -> bool:
        """Whether a second noun phrase begins at ``k`` after a complete one: a place name or a head noun of
        an actor (قوات، جيش) after a name or a definite word, not after a preposition or a construct noun
        (رئيس المركز في سوريا، قائد قوات سوريا الديمقراطية)."""
        prev = tokens.norms[k - 1]
        complete = (k - 1) in self.names_at or prev.startswith("ال")
        if not complete or prev in self.words["locative"] or tokens.norms[k][:1] == "و":
            return False  # دمشق وموسكو: speakers joined by و
        return k in self.names_at or self.lexicons.agents.match(tokens, k) is not None

    def _object_ends(self, tokens, k: int) -> bool:
        """Whether a place name that ends before token ``k`` is the verb's object, not a person's first name
        (وزير المخابرات الإسرائيلي إسرائيل كاتس، وزيرة الدفاع فلورانس بارلي): what follows it begins with
        a conjunction, a preposition before the article or a complementizer (روسيا وإيران، أنقرة بالانسحاب،
        موسكو بأن), or the sentence ends."""
        if k >= len(tokens) or tokens[k].text in _CLOSING_MARKS:
            return True
        norm = tokens.norms[k]
        return norm.startswith(("و", "ف", "لل", "بال")) or norm in self.lexicons.grammar["complementizer"]

    def _complement_at(self, tokens, k: int, conjoined: bool = False) -> bool:
        """Whether reported speech begins at token ``k`` (after a closing quote): أن، إن، بأن or a colon
        (with ``conjoined``: only a complement joined by و, وأن, which goes on one begun before)."""
        while k < len(tokens) and tokens[k].text in _QUOTES:
            k += 1
        if k >= len(tokens):
            return False
        if conjoined:
            return tokens[k].norm[:1] == "و" and tokens[k].norm in self.lexicons.grammar["complementizer"]
        return tokens[k].norm in self.lexicons.grammar["complementizer"] or tokens[k].text == ":"

    def _preposition_with_pronoun(self, norm: str) -> bool:
        """Whether a word is a preposition with an attached pronoun (عنه، عنها، فيه، فيها), not أن with
        one (إنها، بأنها: the complement begins)."""
        grammar = self.lexicons.grammar
        if not norm.endswith(self.lexicons.stems["pronoun_suffix"]):
            return False  # (most words: one test)
        return any(norm.endswith(suffix) and (stem := norm[:-len(suffix)]) in self.words["stop"]
                   and stem not in grammar["complementizer"] and stem not in grammar["verb_particle"]
                   for suffix in grammar["pronoun_suffix"])

    def _reports_it(self, norm: str) -> bool:
        """Whether a word is a reporting verb with an object pronoun (ذكره، ذكرته، قالته، نقلته)."""
        return norm.endswith("ه") and len(norm) > 3 and norm[:-1] in self.lexicons.reporting.first_words

    def _quoting(self, tokens, j, text, offset) -> str | None:
        """Who a medium quotes: the noun phrase after عن right after the medium (نقلت وسائل إعلام تركية عن
        رئيس الوزراء قوله …: the prime minister), or ``None``."""
        for k in range(j, min(j + _MAX_SPEAKER_WORDS, len(tokens))):
            if tokens[k].text in "،,:؛" or tokens[k].norm in self.words["statement_noun"]:
                return None
            if tokens[k].norm == _FROM_SOURCE and k > j:
                quoted = self._after(tokens, k + 1, text, offset)
                if quoted is not None:
                    words = quoted.split()
                    if len(words) > 1 and normalize(words[-1]) in _QUOTE_NOUNS:
                        quoted = quoted[:quoted.rindex(words[-1])].rstrip()  # … يلدريم قوله: يلدريم
                return quoted
        return None

    def _imperfect(self, tokens, i: int, n: int, text: str, offset: int) -> str | None:
        """The speaker of an imperfect reporting verb, only where the imperfect's subject is clear: right after
        it when it opens its clause (وتنفي تركيا …، وتحذر الأمم المتحدة من …), or before it when the sentence
        begins with that subject (الأمم المتحدة تحذر من …، بوتن يكشف عن …, as headlines say it); elsewhere the
        noun after an imperfect is as often its object (السلطات السعودية تنفي أي تورط لها) and the words before
        it another clause's (وهو يتحدث)."""
        at = i  # the verb with the particles before it (لم يتحدث، لن يكشف: the subject stands before them)
        while at > 0 and tokens[at - 1].norm in self.lexicons.grammar["verb_particle"]:
            at -= 1
        if at == 0 or tokens[at - 1].text in "،,:؛":
            if i + n < len(tokens) and tokens[i + n].norm.startswith(_BA_OBJECT):
                return None  # وتندد بما يجري، تندد بالهجوم: its object, no subject after it
            self.how = f"after the imperfect reporting verb {tokens[i].text!r}"
            return self._after(tokens, i + n, text, offset)
        before = self._before(tokens, at, text, offset)
        if before is None or self._last_span is None:
            return None
        grammar, first = self.lexicons.grammar, self._last_span[0]
        if not all(t.norm in self.words["opener"] or t.norm in grammar["contrast"] or t.norm in grammar["clause_break"]
                   for t in tokens[:at] if t.start < first):
            return None  # the subject must open the sentence (لكن السلطات السعودية تنفي …)
        self.how = f"the subject before the imperfect reporting verb {tokens[i].text!r}, opening the sentence"
        return before

    def _before(self, tokens, i, text, offset) -> str | None:
        """A subject before the verb (شويغو أضاف، الوزير الروسي شدد، فإنّ كيري أشار)."""
        k = i
        while k > 0 and tokens[k - 1].text not in "،,:؛" and i - k < 4:
            k -= 1
        if _quotation(tokens, k, i) or any(tokens[m].text.rstrip("ـ") in ("ب", "ل") and tokens[m + 1].text in _QUOTES
                                           for m in range(max(0, k - 1), i - 1)):
            return None  # a quoted phrase before the verb is not its subject, nor one after a preposition
            # (وصف القرار بـ"التصعيد الخطير" وقال)
        if k > 0 and tokens[k - 1].norm in self.words["locative"]:
            return None  # منشأة في دير الزور (شرق سوريا) يشتبه: the object of a preposition, no subject
        span = [t for t in tokens[k:i] if t.text not in _QUOTES]
        grammar = self.lexicons.grammar
        while span and (span[0].norm in self.words["stop"] or span[0].norm in self.words["opener"]
                        or span[0].norm in grammar["contrast"] or span[0].norm in grammar["clause_break"]):
            span = span[1:]  # لكن ترامب قال: ترامب
        if not span or any(t.norm in self.words["stop"] for t in span):
            return None
        if len(span) == 1 and span[0].norm in grammar["relative"]:
            return None  # لوزارة الدفاع الروسية، التي قالت إن: the pronoun is no name, its antecedent unsure
        if len(span) > 1 and span[-1].norm in grammar["relative"]:
            span = span[:-1]  # الوزير الذي قال: the antecedent, when it begins as speakers do and is no event
            head = span[0].norm.lstrip("و")  # (الهجوم الكيميائي الذي اتُّهم النظام بشنه: the attack said nothing)
            at = next(m for m in range(k, i) if tokens[m] is span[0])
            if head not in self.lexicons.speaker_heads or self.lexicons.claims.match(tokens, at) is not None:
                return None
        self._last_span = (span[0].start, span[-1].end)
        return text[span[0].start - offset:span[-1].end - offset]

    def _reports_on(self, tokens, j: int) -> bool:
        """Whether a reporting verb with no subject of its own takes reported speech right after it (وأشارت إلى
        أن …): its subject is the one speaking already."""
        return self._complement_at(tokens, j) or (j + 1 < len(tokens) and tokens[j].norm in self.words["stop"]
                                                   and self._complement_at(tokens, j + 1))

    def _continues(self, tokens, i) -> bool:
        return i > 0 and any(t.norm in self.words["opener"] for t in tokens[:i])

    # -- memory ----------------------------------------------------------------------------
    def _remember(self, speaker: str | None) -> str | None:
        if speaker is None:
            return None
        self.span = self._last_span  # article offsets of the speaker as written
        resolved = self._resolve(speaker)
        self.previous = resolved
        if resolved not in self.seen:
            self.seen.append(resolved)
        return resolved

    def _resolve(self, speaker: str) -> str:
        """An anaphor or a short name becomes the fuller speaker it refers to (الوزير الروسي ->
        وزير الدفاع الروسي سيرغي شويغو; شويغو -> the same)."""
        words = _words(speaker)
        for earlier in [self.previous, *reversed(self.seen)]:
            if earlier and earlier != speaker:
                if words and words < _words(earlier):
                    return earlier
        return speaker


@functools.lru_cache(maxsize=4096)
def _words(speaker: str) -> frozenset[str]:
    """A speaker's words in normal form without the article (remembered: the same speakers recur)."""
    return frozenset(_bare(w) for w in normalize(speaker).split())
