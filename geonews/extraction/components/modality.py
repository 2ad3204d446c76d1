"""``modality``: whether the article reports each claim cue as having happened (``asserted``) or not —
``negated`` (لم تسيطر، منعتهم من استعادة), ``denied`` (نفى أن يكون قصف), ``threat`` (هدد بشن، حذر من),
``planned`` (ستشن، تعتزم، سوف، دعا إلى، محاولة), ``conditional`` (في حال، إذا، قد يشن).

A marker (``modality.csv``) governs by scope, not by a window of tokens: ``self`` the cue it is (a verbal
noun with the purpose لـ: لشن هجوم، لطرد التنظيم is what is set out to do), ``next`` the word right after
it (دون السيطرة), ``clause`` the rest of its clause (``clauses``), ``sentence`` the rest of the sentence
up to a contrasting conjunction (لكن، بينما، في حين). The nearest marker whose scope holds the cue decides.
A definite marker right after a cue qualifies it (الانسحاب المحتمل، الهجوم المتوقع على إدلب).
A threat's, plan's or possibility's clause goes on past an apposition between two commas (حذرت ساندرز،
المتحدثة باسم البيت الأبيض، إيران من …; a negation's does not), but does not reach an event that a factive
noun right before it is about (``grammar.csv`` ``factive_noun``: توعد برد قوي على الهجوم — the attack
happened).
Two markers come from the grammar rather than the list: قد before an imperfect verb (``conditional``: قد
يشن; before a perfect verb it asserts), and the future prefix س on an imperfect verb (``planned``: ستشن،
سيتم). A negation followed by إلا in its clause restricts rather than negates (لم يبق تحت سيطرتهم إلا …)."""

from __future__ import annotations

from gazetteer.lexicon import load_lexicon

import bisect
import functools

from ..document import Doc
from ..registry import component
from ..tokens import Token, positions

__all__ = ["modality"]

#: Letters an imperfect verb begins with (after its clitics).
_IMPERFECT = ("ي", "ت", "ن")
#: Words a verb's object may take before its complement (منعت قوات النظام من …).
_OBJECT_WORDS = 3
#: Commas, and the most words an apposition between two of them has (، المتحدثة باسم البيت الأبيض،).
_COMMAS = frozenset("،,")
_APPOSITION_WORDS = 6
#: Prepositions that introduce a verb's complement (منعتهم من، فشل في، عجز عن).
_PREPOSITIONS = frozenset({"من", "في", "عن", "علي"})


#: The claim types ``applies_to`` ``claims`` names: what happened on the ground, not the talks about it.
_GROUND = frozenset({"control", "advance", "attack"})


def _applies(applies: str, claim_type: str) -> bool:
    """Whether a marker that ``applies`` to all, to one claim type or to ``claims`` changes a cue's modality."""
    return applies in ("all", claim_type) or (applies == "claims" and claim_type in _GROUND)


@component("modality", requires=("sent.cues", "sent.clause_starts"), sets=("sent.modalities", "sent.markers"))
def modality(doc: Doc) -> Doc:
    """Decide the modality of every cue by the markers whose scope holds it."""
    lex = doc.lexicons
    for sent in doc.active():
        if not sent.cues:
            sent.modalities, sent.markers = [], []
            continue
        markers = _markers(sent, lex)
        verbs = [c.start for c in sent.cues if _imperfect_verb(sent.tokens.norms[c.start], lex)]
        out, by = [], []
        for k, cue in enumerate(sent.cues):
            decided, why, marker = "asserted", "", None
            for j, kind, scope, applies, word in reversed(markers):  # the nearest before the cue first
                if not _applies(applies, cue.claim_type) or j >= cue.start or scope in ("self", "after"):
                    continue
                if (_covers(sent, lex, j, scope, cue.start, verbs, appositions=kind != "negated", threat=kind == "threat")
                        and not (kind != "negated" and _presupposed(sent, lex, j, _phrase_start(sent, k)))
                        and not (kind == "negated" and _not_negation(sent, lex, j))
                        and not (kind == "conditional" and _past_hedge(sent, lex, j, cue.start))):
                    if marker is None:
                        decided, why, marker = kind, f"{word!r} ({scope} scope)", (j, scope)
                    if not (kind == "conditional" and scope == "next"):
                        if marker[0] != j:  # under a negation, a denial, a threat or a plan, 'any' is theirs
                            decided, why, marker = kind, f"{word!r} ({scope} scope)", (j, scope)
                        break
            if marker is None:  # no marker before it decides: the cue may be one of purpose itself (لشن هجوم)
                own = next((m for m in markers if m[0] == cue.start and m[2] == "self"
                            and _applies(m[3], cue.claim_type)), None)
                # or a definite marker right after it, or after the definite words of its phrase, qualifies it
                # (الانسحاب المحتمل، الضربة العسكرية المحتملة، هجوم القوات الحكومية المتوقع)
                after = next((m for m in markers if cue.end <= m[0] <= _phrase_end(sent, cue.end) and m[2] != "self"
                              and m[1] != "negated" and (m[2] == "after" or sent.tokens.norms[m[0]].startswith("ال"))
                              and _applies(m[3], cue.claim_type)), None)
                if after is not None:
                    decided, why, marker = after[1], f"{after[4]!r} (after the cue)", (after[0], "after")
                elif own is not None and not _halted(sent, k):
                    decided, why, marker = own[1], f"{own[4]!r} (self scope)", (cue.start, "self")
                elif k > 0 and by[-1] is not None and by[-1][1] == "self" and sent.cues[k - 1].end == cue.start:
                    decided, why, marker = out[-1], "the object of a cue of purpose (لشن هجوم)", by[-1]
                elif k > 0 and by[-1] is not None and _relative_verb_on(sent, lex, sent.cues[k - 1], cue):
                    # the verb of a relative clause on an indefinite event noun is that event (ضد أي هجمات
                    # تستهدفها، لأي هجوم تشنه تركيا); on a definite one it tells what happened (الضربات التي شنتها)
                    decided, why, marker = out[-1], "the relative clause on the event noun before it", by[-1]
            out.append(decided)
            by.append(marker)
            if doc.trace is not None and decided != "asserted":
                words = " ".join(t.text for t in sent.tokens[cue.start:cue.end])
                doc.note("modality", sent, words, decided, why)
        sent.modalities, sent.markers = out, by
    return doc


def _markers(sent, lex) -> list[tuple[int, str, str, str, str]]:
    """(token index, modality, scope, claim types it applies to, word) of every marker of the sentence, in order."""
    tokens = sent.tokens
    out = [(i, kind, scope, applies, tokens[i].text) for i, _, (kind, scope, applies) in lex.modality.scan(tokens)]
    modal, imperfect = lex.grammar["modal"], lex.grammar["imperfect_verb"]
    vocabulary = load_lexicon().vocabulary
    names = {k for use in sent.places if use.span is not None for k in range(*use.span)}
    norms = tokens.norms
    for i in positions(norms, _marker_words(lex)):  # few words are
        norm = norms[i]
        if norm.lstrip("و") in modal and i + 1 < len(tokens) and (_imperfect(tokens.norms[i + 1])
                                                     or _imperfect_verb(tokens.norms[i + 1], lex)):
            out.append((i, "conditional", "clause", "all", f"{tokens[i].text} {tokens[i + 1].text}"))  # قد يشن
        elif norm.startswith("س") and norm[1:] in imperfect:
            out.append((i, "planned", "clause", "all", tokens[i].text))  # ستشن، سيتم: will
        elif norm.startswith(("سي", "ست", "سن")) and lex.modality_words.get(norm[1:], ("", "self"))[1] == "clause":
            out.append((i, "planned", "clause", lex.modality_words[norm[1:]][2], tokens[i].text))  # ستسعى: will seek
        elif _future_verb(norm, vocabulary) and i not in names:
            out.append((i, "planned", "future", "all", tokens[i].text))  # ستستأنف، ستعمد، ستنتشر: will
    out.sort()
    return out


@functools.lru_cache(maxsize=4)
def _marker_words(lex) -> frozenset[str]:
    """The words :func:`_markers` looks at past the matcher: modal particles, imperfect verbs after س, the
    clause markers after س (ستسعى) and the verbs of the news vocabulary after س, with و or ف or not
    (:func:`_future_verb`)."""
    words = lex.grammar["modal"] | {"و" + w for w in lex.grammar["modal"]} | {"س" + w for w in lex.grammar["imperfect_verb"]}
    words |= {"س" + w for w, (_, scope, _) in lex.modality_words.items() if scope == "clause" and w[:1] in "يتن"}
    future = {"س" + w for w in load_lexicon().vocabulary if len(w) >= 4 and w[0] in _IMPERFECT}
    return frozenset(words | future | {c + w for c in "وف" for w in future})


def _covers(sent, lex, j: int, scope: str, c: int, verbs: list[int], appositions: bool = True,
            threat: bool = False) -> bool:
    """Whether a marker at token ``j`` with ``scope`` holds the cue starting at token ``c`` (``verbs``: the
    tokens of the sentence's cues that are finite verbs in the imperfect; ``appositions``: whether a clause
    goes on past an apposition between commas, as a threat's or a plan's does, a negation's not)."""
    norms = sent.tokens.norms
    if scope == "next":
        return c == j + 1 or (c == j + 2 and norms[j + 1] == "ان")  # دون السيطرة، دون أن يسيطر
    if scope == "complement":  # the first cue after it: منعتهم من استعادة، فشل في السيطرة، أحبط هجوما
        first = next((cue.start for cue in sent.cues if cue.start > j), None)
        if c != first:
            return False
        if c == j + 1:
            return True
        # after its object (a short noun phrase: منعت داعش من), a preposition or a ب/ل on the cue
        return c - j - 1 <= _OBJECT_WORDS + 1 and (norms[c - 1] in _PREPOSITIONS or norms[c][:1] in "بل")
    if scope == "future":  # the verb's own object or complement, a few words on (ستستأنف قوات النظام عملياتها)
        return c - j <= _FUTURE_REACH and _covers(sent, lex, j, "clause", c, verbs, appositions, threat)
    if scope == "clause":
        starts, tokens = sent.clause_starts, sent.tokens
        k = bisect.bisect_right(starts, j)  # the first clause start after the marker
        own = -1
        hit = lex.modality.match(tokens, j)
        last = j + (hit[0] if hit is not None else 1) - 1  # the marker's last word (من شأنه)
        at = last + 2 if last + 2 < len(norms) and norms[last + 1] in _PREPOSITIONS else last + 1  # أمله في أن
        if k < len(starts) and starts[k] == at and norms[at] in lex.grammar["complementizer"]:
            k, own = k + 1, at + 1  # من المتوقع أن تشن، يجب أن تنسحب: the clause it introduces, its verb its own
        elif at < len(norms) and norms[at] in _BE:  # إذا كانت القوات تدخل عفرين: كان and the imperfect, one verb
            own = next((v for v in verbs if v > at), -1)
        while k < len(starts) and starts[k] <= c:
            b = starts[k]
            # an apposition between two commas does not end the clause (حذرت ساندرز، المتحدثة باسم البيت
            # الأبيض، إيران من مهاجمة …)
            if (appositions and tokens[b].text in _COMMAS and k + 1 < len(starts) and starts[k + 1] < c
                    and tokens[starts[k + 1]].text in _COMMAS and starts[k + 1] - b <= _APPOSITION_WORDS + 1):
                k += 2
                continue
            # nor a comma before the marker's complement, the cue with ب or ل right after it (هدد الرئيس
            # الفرنسي إيمانويل ماكرون، بضربات في سوريا)
            if threat and tokens[b].text in _COMMAS and c == b + 1 and norms[c][:1] in "بل":
                k += 1
                continue
            return False
        # a finite verb after the marker's own predicate begins another one (مناطق تسيطر عليها …)
        return not any(j + 1 < v <= c and v != own for v in verbs)
    contrast = lex.grammar["contrast"]
    return not any(norm in contrast for norm in sent.tokens.norms[j + 1:c])


#: The forms of كان that make one verb with the imperfect after them (إذا كانت القوات تقصف), normal form.
_BE = frozenset({"كان", "كانت", "كانوا", "يكون", "تكون", "يكونوا"})
#: How near (tokens) a diplomacy cue before a cue of purpose makes that cue its object (وقف إنساني للقتال).
_HALT_REACH = 3


def _relative_verb_on(sent, lex, noun, verb) -> bool:
    """Whether the cue ``verb`` is the verb of a relative clause with no relative pronoun on the indefinite
    event noun ``noun``, repeating it as a pronoun (هجمات تستهدفها، هجوم تشنه): its subject begins right after
    it."""
    return (noun.relative_subject is not None and noun.relative_subject == verb.end and verb.start >= noun.end
            and not sent.tokens.norms[noun.start].lstrip("وف").startswith(("ال", "لل"))
            and not any(sent.tokens.norms[i] in lex.grammar["relative"] for i in range(noun.end, verb.start)))


def _halted(sent, k: int) -> bool:
    """Whether the cue before cue ``k`` is a diplomacy cue right before it, of which ``k`` is the object, not
    the purpose (بوقف إنساني يومي للقتال في الغوطة: the fighting is stopped, not set out to)."""
    if k == 0:
        return False
    before = sent.cues[k - 1]
    return before.claim_type == "diplomacy" and sent.cues[k].start - before.end < _HALT_REACH


#: How far (tokens) after a verb in the future its object or complement may stand: its subject (up to four
#: words: قوات النظام السوري) and a preposition between.
_FUTURE_REACH = 6
#: The most definite words (adjectives, a genitive) between a cue and a marker that qualifies it.
_PHRASE_WORDS = 3


def _phrase_end(sent, i: int) -> int:
    """The token after the run of up to ``_PHRASE_WORDS`` definite words from token ``i`` (a cue's adjectives
    and genitive: الضربة العسكرية الأميركية، هجوم الحكومة السورية), where a marker after them may stand."""
    norms, k = sent.tokens.norms, i
    while k < min(len(norms), i + _PHRASE_WORDS) and norms[k].startswith("ال") and sent.tokens[k].text.isalpha():
        k += 1
    return k


#: How far (tokens) before a cue a factive noun (رد على، تحقيق في) takes it as what it is about.
_FACTIVE_REACH = 5


def _phrase_start(sent, k: int) -> int:
    """Where the run of cues that ends with cue ``k`` begins, cues written one right after another being one
    phrase (الهجوم الكيماوي)."""
    while k > 0 and sent.cues[k - 1].end == sent.cues[k].start:
        k -= 1
    return sent.cues[k].start


def _presupposed(sent, lex, j: int, c: int) -> bool:
    """Whether a cue is what a factive noun between the marker and it is about (توعد برد قوي على الهجوم
    الكيماوي، دعا إلى تحقيق في الهجوم، لمنع تكرار الهجوم): that event is reported, whatever the marker says
    of the response."""
    nouns = lex.grammar["factive_noun"]
    return any(sent.tokens.norms[f].lstrip("وبل") in nouns for f in range(max(j + 1, c - _FACTIVE_REACH), c))


def _future_verb(norm: str, vocabulary: frozenset[str]) -> bool:
    """Whether a word is the future prefix س on an imperfect verb of the news vocabulary (ستستأنف: س +
    تستأنف); سيطرة، سنوات begin with the same letters, but يطرة، نوات are no words (of the 108 words of the
    vocabulary this takes, all are verbs)."""
    word = norm[1:] if norm[:1] in "وف" else norm
    return len(word) >= 5 and word[0] == "س" and word[1] in _IMPERFECT and word[1:] in vocabulary


def _imperfect(norm: str) -> bool:
    """Whether a word has the shape of an imperfect verb: ي before two letters or more (يشن), or ت ن before
    four (تشهد، نفذ and تمكن are perfect; a perfect with ي is rare)."""
    word = norm.lstrip("وف")
    if _perfect_in_ta(word):
        return False
    return (word.startswith("ي") and len(word) >= 3) or (word.startswith(("ت", "ن")) and len(word) >= 5)


def _perfect_in_ta(word: str) -> bool:
    """Whether a word (no conjunction) is a perfect of a verb beginning with ت, not an imperfect: تمكنت،
    تقدموا (قد تمكنت: had, not may)."""
    return word.startswith("ت") and word.endswith(("ت", "وا"))


def _imperfect_verb(norm: str, lex) -> bool:
    """Whether a cue word is a finite verb in the imperfect: a prefix ي ت ن before a claim cue's stem (تسيطر،
    تستهدف for استهدف)."""
    word = norm.lstrip("وف")
    if len(word) < 4 or not word.startswith(_IMPERFECT) or _perfect_in_ta(word):
        return False
    stem = word[1:]
    return any(lex.claims.match([Token(0, 0, s, s)], 0) is not None for s in (stem, "ا" + stem))


def _past_hedge(sent, lex, j: int, c: int) -> bool:
    """Whether a possibility (ربما، من المحتمل) is about a past event: قد before a perfect verb between the
    word and the cue (ربما يكون قد نفذ غارات: a hedged report of what happened)."""
    norms = sent.tokens.norms
    return any(norms[k] in lex.grammar["modal"] and k + 1 < len(norms) and not _imperfect(norms[k + 1])
               for k in range(j + 1, c))


def _not_negation(sent, lex, j: int) -> bool:
    """Whether the negation particle at ``j`` restricts or continues rather than negates: إلا follows in its
    clause (لم يبق … إلا: only), or a verb of continuing comes next (لا تزال، ما زال: still)."""
    norms = sent.tokens.norms
    if j + 1 < len(norms) and norms[j + 1].lstrip("وف") in lex.grammar["still"]:
        return True
    starts = sent.clause_starts
    k = bisect.bisect_right(starts, j)
    end = starts[k] if k < len(starts) else len(norms)
    return not lex.grammar["exception"].isdisjoint(norms[j + 1:end])
