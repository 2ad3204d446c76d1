"""``Gazetteer.find``: which candidate spans are really places, and which place each one is.

Every decision reads a lexicon or a statistic (``lexicon.py``) and carries a reason, so a
mention (or a rejection) can be explained: ``Recognizer.explain(text)``.
"""

from __future__ import annotations

import bisect
import math
import re
from dataclasses import dataclass
from functools import partial

from . import candidates as _candidates
from .candidates import DEFER, DROP, Candidate, CandidateFinder, same_offset
from .errors import QueryError
from .lexicon import Lexicon, load_lexicon
from .morphology import CONJUNCTION_FORMS, LOCATIVE_CLITICS, LOCATIVE_FORMS, has_nisba_shape, nisba_of
from .normalize import PERSIAN_LETTERS as _PERSIAN_LETTERS, normalize
from .place import Mention

__all__ = ["Recognizer", "Decision"]

#: The marks a name's span takes in after its last letter, and the lone hamza that ends so many names
#: (السويداء، صنعاء, not السويدا): all of them fold away.
_TRAILING_MARKS = frozenset([*map(chr, range(0x064B, 0x0660)), "\u0670", "\u0621"])
# Admin-1 units are not among them: many are named with ordinary words (مركزي، الشرقية، الوسطى).
_STRONG_FEATURES = frozenset({"continent", "region", "country", "water", "landmark", "terrain"})
#: A city this large is a strong prior: its name alone means it.
_LARGE_CITY = 200_000
#: Share of labelled occurrences that were places: at or above ACCEPT_RATE a name needs no cue;
#: below REJECT_RATE it needs a place-type word (مدينة، بلدة …) right before it.
ACCEPT_RATE, REJECT_RATE = 0.5, 0.15
#: Below NEVER_RATE over NEVER_COUNT labelled occurrences a name is a function word, never a mention.
NEVER_RATE, NEVER_COUNT = 0.01, 20
#: Countries, capitals and large cities need a lower rate to stand without a cue.
STRONG_ACCEPT_RATE = 0.3
#: Place rates are smoothed toward a prior mean worth PRIOR_WEIGHT occurrences.
STRONG_PRIOR_MEAN, WEAK_PRIOR_MEAN, PRIOR_WEIGHT = 0.6, 0.4, 2.0
#: Fewest occurrences a statistic needs before it is trusted.
MIN_COUNT = 3
#: A strong name is called a common word only after this many unannotated occurrences in tweets.
STRONG_NEGATIVE_COUNT = 15
#: In labelled tweets, the share of occurrences annotated as places that marks a place name.
TWEET_PLACE_RATE = 0.2
#: In unlabelled news, the share of occurrences after a locative cue that marks a place-like name.
PLACE_CUE_RATE, WORD_CUE_RATE = 0.10, 0.02
#: A candidate in a country the text points to gains CONTEXT_WEIGHT × that country's share of the
#: text's clear mentions; a nationality adjective right after it (نيس الفرنسية) gains ADJECTIVE_BONUS.
CONTEXT_WEIGHT, ADJECTIVE_BONUS = 4.0, 5.0
#: A name points clearly to a country when its best reading beats every reading elsewhere by this.
CLEAR_MARGIN = 1.5
#: A candidate NEAR_KM or less from a place another name of the text surely is (its one reading; not a
#: continent or region) gains up to NEAR_WEIGHT, the more the nearer (محافظة القنيطرة by تل أبيب is the
#: Syrian one, not Kenitra in Morocco).
NEAR_WEIGHT, NEAR_KM = 2.0, 1000.0

#: A resolved place this far (km) from every place the text names with evidence needs evidence itself ...
FAR_KM = 2500.0
#: ... which a capital or a city this large may be by itself.
FAR_PRIOR_POPULATION = 1_000_000
#: A resolved place that is neither a capital nor a city this large, in none of the countries of the text's
#: places that are, and FAR_KM from them, is a namesake of a place the gazetteer lacks (_unresolve_strays).
STRAY_POPULATION = 100_000
_TANWEEN = re.compile("[\u064b-\u064d]")
_TANWEEN_MARKS_TEXT = "\u064b\u064c\u064d"
_TANWEEN_MARKS = frozenset(_TANWEEN_MARKS_TEXT)
_SHADDA, _SHADDA_MARK = "\u0651", "\ue000"

ACCEPT, EVIDENCE, REJECT = "accept", "needs-evidence", "reject"
_UNSEEN = object()  # a cache's "not computed yet" (None is a valid cached value)
_NO_FACTS: dict = {}  # the rows' facts of a name with no rows (never changed)
_NO_WORD = "\x00"  # no word, or one no cue reads (never a word of a text)


@dataclass(slots=True)
class Decision:
    """What the recogniser decided about one candidate, and why."""

    candidate: Candidate
    verdict: str
    why: str                 # the reason as a format string, filled from ``args`` only when read
    args: tuple = ()
    cue: str = ""
    weak: bool = False       # accepted on a cue alone, with no statistic and no strong prior
    notes: tuple = ()

    @property
    def reason(self) -> str:
        """Why the recogniser decided so, in words."""
        return self.why.format(*self.args) + "".join(self.notes)


class Recognizer:
    """Decides and resolves place-name candidates for a :class:`~gazetteer.Gazetteer`."""

    def __init__(self, gazetteer, lexicon: Lexicon | None = None, scan: str | None = None,
                 compiled: bool | None = None) -> None:
        self.gazetteer = gazetteer
        self.index = gazetteer.index
        self.lexicon = lexicon or load_lexicon()
        self._cue_forms = self._build_cue_forms()
        #: a one-word name left out by its words alone is judged after all right after one of these words
        self._keep_after = frozenset(self._cue_forms["place_type"])
        self.finder = CandidateFinder(self.index.ar, frozenset(self._cue_forms["settlement"]),
                                      self.lexicon.vocabulary, scan, self._keep_after, compiled)
        #: (start, end, text, place) -> Mention: compiled with the word loop (the same object, made faster)
        self._new_mention = self.finder.mention_maker(Mention) or _mention
        #: the compiled loops over every accepted candidate (gazetteer/_wordscan.pyx), with the word loop; else
        #: None, and the Python loops here, the reference
        self._compiled = _candidates._wordscan if self.finder.compiled else None
        self._fields = self._compiled.CandidateFields(Candidate) if self._compiled is not None else None
        #: the great-circle distance in km: compiled with the loops (the same float to the bit), else _km
        self._km = _km if self._compiled is None else self._compiled.km
        self._strong: dict[str, bool] = {}
        self._static: dict[str, tuple] = {}
        self._clear: dict[str, str | None] = {}
        #: one-word names decided by their words alone (DROP or DEFER: see CandidateFinder.find_deferring)
        self._quiet: dict[str, str] = {}
        self._hints: dict[str, str | None] = {}  # word after a name -> the country its adjective names
        self._evidence: dict[tuple[str, int], bool | None] = {}  # (name, row) -> _name_evidence
        #: a word before a name that makes it part of another name -> (why, the cue word): organisation
        #: heads win over person titles, titles over first names (as forms written with و ف)
        self._blockers: dict[str, tuple[str, str]] = {}
        #: first names (normal form), and their forms with و ف (a surname follows them)
        self._first_names = frozenset(self.lexicon.cues.get("person_first_name", ()))
        self._first_name_forms = frozenset(self._cue_forms["person_first_name"])
        self._water_words = frozenset(self.lexicon.cues.get("water", ()))
        self._village_words = frozenset(self.lexicon.cues.get("village", ()))
        #: the place-type words as written whose cue is a word for a town (بلدة، قرية …)
        self._village_cue_forms = frozenset(f for f, cue in self._cue_forms["place_type"].items()
                                            if cue in self._village_words)
        for kind, why in (("person_first_name", "a person's name after {!r}"),
                          ("person_title", "a person's name after {!r}"),
                          ("org_head", "part of an organisation's name after {!r}")):
            self._blockers.update((form, (why, cue)) for form, cue in self._cue_forms[kind].items())
        #: the words before a name that _judge_span reads (cue words as written, and the words of the
        #: two-word prepositions), and those two-word prepositions
        self._two_word_cues = frozenset(c for c in self.lexicon.cues.get("preposition", ()) if c.count(" ") == 1)
        self._two_word_firsts = frozenset(c.partition(" ")[0] for c in self._two_word_cues)
        self._context_words = frozenset(
            {*self._blockers, *self._cue_forms["place_type"], *self._cue_forms["preposition"],
             *self._cue_forms["settlement"], *(w for c in self._two_word_cues for w in c.split())})
        #: place-type words for a place inside or by a town (حي، شارع، ساحة): see _unresolve_strays
        self._local_types = frozenset(self.lexicon.cues.get("local_type", ()))
        self._settled: dict[tuple[str, int], bool] = {}  # (name, row) -> _stands_anywhere
        self._judged: dict[tuple, tuple] = {}  # _judge_remembered's memo
        self._names_judged: dict[tuple, tuple] = {}  # _judge_name_remembered's memo
        self._reads_next: dict[str, bool] = {}  # name -> whether a shorter name it holds is a first name
        self._readings: dict[str, tuple] = {}  # name -> _reading's (rows, clear country, rows' facts, sure point)
        self._row_facts: dict[int, tuple] = {}  # index row -> _row's facts
        self._distances: dict[tuple, float] = {}  # (lat, lon, lat, lon) -> km, for _nearness (the same pairs recur)

    # -- public ----------------------------------------------------------------------------
    @property
    def quiet(self) -> dict[str, str]:
        """The one-word names decided by their words alone so far (key -> DROP or DEFER)."""
        return self._quiet

    @property
    def keep_after(self) -> frozenset[str]:
        """The words after which such a name is judged after all (the place-type words as written)."""
        return self._keep_after

    def find(self, text: str) -> list:
        """Mentions of places in ``text``, in order."""
        return self._run(text)

    def explain(self, text: str) -> list[Decision]:
        """Every candidate with its verdict and reason (for debugging and benchmarks)."""
        if not isinstance(text, str):
            raise QueryError(f"Expected text as a string, instead got: {text!r}.")
        _, candidates, to_original = self.finder.find(text)
        decisions = self._decide(candidates)
        accepted = [d for d in decisions if d.verdict == ACCEPT]
        self._settle(text, [d.candidate for d in accepted], to_original,  # resolution may reject
                     _hashtag_names(decisions), accepted)
        return decisions

    # -- decisions -------------------------------------------------------------------------
    def _run(self, text: str) -> list[Mention]:
        """:meth:`_decide` and :meth:`_settle` for :meth:`find`: the same steps, but over the candidates and
        their verdicts (the remembered judgements' fields), with no :class:`Decision` made for them."""
        if not isinstance(text, str):
            raise QueryError(f"Expected text as a string, instead got: {text!r}.")
        if not text:
            return []
        # one-word names decided by their words alone are left out unless the context may keep them
        _, cands, deferred, to_original = self.finder.find_deferring(text, self._quiet, self._keep_after)
        if not cands:
            return []
        if self._compiled is None:
            verdicts, weak_at, cued, evidence_at, tags = self._verdicts(cands)
        else:  # the same loop, compiled
            verdicts, weak_at, cued, evidence_at, tags = self._compiled.verdicts(
                self._fields, cands, self._judged, self._names_judged, self._reads_next, self._context_words,
                self._two_word_cues, self._first_names,
                self._verdict_remembered, self._name_verdict_remembered, _NO_WORD, ACCEPT, EVIDENCE, _HEAD,
                self._two_word_firsts)
        loop = self._accepted if self._compiled is None else partial(self._compiled.accepted, self._fields, ACCEPT,
                                                                     EVIDENCE, REJECT)
        accepted, confirmed = loop(cands, verdicts, weak_at, cued, evidence_at)
        # a deferred common word is a place where the same name has a cue elsewhere in the text (as in _decide)
        promoted = [d.candidate for d in map(self._judge_span, deferred(confirmed)) if d.verdict == EVIDENCE]
        if promoted:
            accepted = sorted(accepted + promoted, key=_start_of)
        return self._settle(text, accepted, to_original, tuple(tags))

    def _verdicts(self, cands: list[Candidate]) -> tuple:
        """Each candidate's remembered verdict (a name of several words replaced in ``cands`` by the shorter name
        it came down to, if any): (verdicts, the weak ones, the accepted ones with a cue, the (index, cue) of those
        needing evidence, the names in hashtags). The reference of ``_wordscan.verdicts``."""
        verdict_of, name_verdict_of = self._verdict_remembered, self._name_verdict_remembered
        verdicts = []
        weak_at, cued, evidence_at, tags = [], [], [], []
        for k, found in enumerate(cands):
            if found.n_words > 1:
                c, verdict, _, _, cue, weak, _ = name_verdict_of(found)  # the shorter name it came down to
                cands[k] = c
            else:
                c = found
                verdict, _, _, cue, weak = verdict_of(c)
            verdicts.append(verdict)
            if weak:
                weak_at.append(k)
            if verdict == EVIDENCE:
                evidence_at.append((k, cue))
            elif cue and verdict == ACCEPT:
                cued.append(k)
            if c.in_hashtag:
                tags.append(c.key)
        return verdicts, weak_at, cued, evidence_at, tags

    @staticmethod
    def _accepted(cands: list[Candidate], verdicts: list[str], weak_at: list[int], cued: list[int],
                  evidence_at: list[tuple[int, str]]) -> tuple[list[Candidate], set[str]]:
        """_decide's rules over the verdicts (of :meth:`_verdicts`; the reference of ``_wordscan.accepted``): a
        weak name right before another one governs it, a name needing evidence has it where the same name is
        accepted with a cue. (The accepted candidates, the names accepted with a cue.)"""
        last = len(cands) - 1
        for k in weak_at:
            # A weak single word right before another name is a noun governing it (عموم سوريا، كامل سوريا),
            # not a place of its own; a name after it with a clitic is not its genitive (تكريت ونينوى).
            if k < last and verdicts[k] != REJECT:
                following = cands[k + 1]
                if (following.word_start == cands[k].end + 1 and verdicts[k + 1] == ACCEPT
                        and not following.clitic):
                    verdicts[k] = REJECT
        # names accepted with a cue somewhere in the text: there, a common word is a place too
        confirmed = {cands[k].key for k in cued if verdicts[k] == ACCEPT}
        if evidence_at:
            promoted_cued = []
            for k, cue in evidence_at:
                if verdicts[k] == EVIDENCE and cands[k].key in confirmed:
                    verdicts[k] = ACCEPT
                    if cue:
                        promoted_cued.append(cands[k].key)
            confirmed.update(promoted_cued)
        accepted = [c for c, verdict in zip(cands, verdicts) if verdict == ACCEPT]
        return accepted, confirmed

    def _settle(self, text: str, cands: list[Candidate], to_original, tags: tuple = (),
                decisions: list[Decision] | None = None) -> list[Mention]:
        """Resolve accepted candidates into mentions; those a plausible geography rejects are left out.
        ``tags``: the names inside longer hashtags (#سيول_الأردن), no mentions, whose countries vote all the
        same. ``decisions`` (for :meth:`explain`): the candidates' decisions, given the reasons of what
        resolution does (a verdict becomes REJECT, with the reason; notes)."""
        # every mark folds away: they stand where the deleted characters do
        if to_original is same_offset:  # nothing was folded away: no marks either
            spans = [(c.start, c.end) for c in cands]
            marks, shadda = [], False
        elif self._compiled is not None:
            spans = self._compiled.original_spans(self._fields, text, cands, to_original.gaps)
            marks, shadda = self._compiled.deleted_marks(text, to_original.gaps, _TANWEEN_MARKS_TEXT, _SHADDA)
        else:
            spans = _original_spans(text, cands, to_original.gaps)
            marks, shadda = _deleted_marks(text, to_original.gaps)
        tanween = bool(marks) and _any_within(spans, marks)  # on a name? (سورياً، سوريًا: in the span either way)
        # the names as written matter only for their marks (a shadda, a tanween on a name): most texts have none
        written = [text[a:b] for a, b in spans] if tanween or shadda else None
        # a shadda as written picks the readings spelt with it (عمّان is Amman, not عُمان)
        shaddas = None if not shadda else [_shadda_form(w) if _SHADDA in w else "" for w in written]
        rows = self._resolve(cands, shaddas, tags)
        keep = self._plausible(cands, rows, written, tanween, decisions)
        place_of, new = self.index.place, self._new_mention
        if self._compiled is not None:
            return self._compiled.make_mentions(new, text, spans, rows, keep, self.index.places_made, place_of)
        return [new(a, b, text[a:b], None if row is None else place_of(row))
                for (a, b), row, kept in zip(spans, rows, keep) if kept]

    def _decide(self, candidates: list[Candidate]) -> list[Decision]:
        judge, judge_span = self._judge_name_remembered, self._judge_remembered
        decisions = [judge(c) if c.n_words > 1 else judge_span(c) for c in candidates]
        for d, following in zip(decisions, decisions[1:]):
            # A weak single word right before another name is a noun governing it (كامل سوريا،
            # عموم سوريا), not a place of its own; a name after it with a clitic is not its genitive
            # (تكريت ونينوى، صيدنايا بسوريا).
            if (d.verdict != REJECT and d.weak and following.candidate.word_start == d.candidate.end + 1
                    and following.verdict == ACCEPT and not following.candidate.clitic):
                d.verdict, d.why, d.args = REJECT, "governs the name after it ({!r})", (following.candidate.key,)
        confirmed = self._confirmed(decisions)
        for d in decisions:
            if d.verdict == EVIDENCE and d.candidate.key in confirmed:
                d.verdict, d.notes = ACCEPT, (*d.notes, "; the same name has a cue elsewhere in the text")
        return decisions

    @staticmethod
    def _confirmed(decisions: list[Decision]) -> set[str]:
        """Names accepted with a cue somewhere in the text: there, a common word is a place too."""
        return {d.candidate.key for d in decisions if d.verdict == ACCEPT and d.cue}

    def _judge(self, cand: Candidate) -> Decision:
        return self._judge_path(cand)[0]

    def _judge_path(self, cand: Candidate) -> tuple[Decision, tuple[str, ...]]:
        """The decision on a candidate, and the steps (_HEAD, _INNER) from it to the shorter name decided on,
        ``()`` when it is the candidate itself."""
        if cand.n_words >= 2 and self.lexicon.is_cue(cand.key.rpartition(" ")[2], "epithet"):
            head = self._head(cand, require_stats=False)
            if head is not None:  # مكة المكرمة: the honorific is not part of the name
                decision, path = self._judge_path(head)
                if decision.verdict != REJECT:
                    return decision, (_HEAD, *path)
        if cand.n_words >= 2:
            inner = self._inner(cand)
            if inner is not None and (set(self.index.rows_ar(cand.key)) & set(self.index.rows_ar(inner.key))
                                      or self._side_of_larger(cand, inner)):
                # محافظة ديالى names what ديالى names: the generic word is a cue, not part of the name
                decision, path = self._judge_path(inner)
                if decision.verdict != REJECT:
                    return decision, (_INNER, *path)
        decision = self._judge_span(cand)
        if decision.verdict != ACCEPT and cand.n_words >= 2:
            for step, inner in ((_INNER, self._inner(cand)), (_HEAD, self._head(cand))):
                if inner is None:
                    continue
                inner_decision, path = self._judge_path(inner)
                if inner_decision.verdict != REJECT:
                    inner_decision.notes = (*inner_decision.notes, f" (shorter name; {cand.key!r}: {decision.reason})")
                    return inner_decision, (step, *path)
        return decision, ()

    def _judge_name_remembered(self, cand: Candidate) -> Decision:
        """:meth:`_judge` of a name of several words, remembered (:meth:`_name_verdict_remembered`)."""
        return Decision(*self._name_verdict_remembered(cand))

    def _name_verdict_remembered(self, cand: Candidate) -> tuple:
        """The fields of :meth:`_judge` of a name of several words (its candidate first), remembered by what it
        reads of the candidate: every field but its offsets, the word two before it only where it makes a two-word preposition with the word
        before, and the word after it only where a shorter name it may come down to is a first name. The
        decision's candidate is made again from this one by the same steps (tests/test_scan.py compares the
        two on all the development data)."""
        prev0, prev1 = cand.prev
        if f"{prev0} {prev1}" not in self._two_word_cues:
            prev0 = _NO_WORD
        key = cand.key
        reads_next = self._reads_next.get(key)
        if reads_next is None:
            if len(self._reads_next) > 100_000:
                self._reads_next.clear()
            words = key.split(" ")
            reads_next = self._reads_next[key] = any(
                " ".join(words[k:]) in self._first_names for k in range(1, len(words)))
        memo = (key, cand.clitic, cand.written, cand.n_words, cand.in_hashtag, cand.known, prev0, prev1,
                cand.next if reads_next else _NO_WORD)
        judged = self._names_judged.get(memo)
        if judged is None:
            if len(self._names_judged) > 100_000:
                self._names_judged.clear()
            d, path = self._judge_path(cand)
            self._names_judged[memo] = (path, d.verdict, d.why, d.args, d.cue, d.weak, d.notes)
            return d.candidate, d.verdict, d.why, d.args, d.cue, d.weak, d.notes
        path, verdict, why, args, cue, weak, notes = judged
        for step in path:
            cand = _head_of(cand) if step is _HEAD else _inner_of(cand)
        return cand, verdict, why, args, cue, weak, notes

    def _side_of_larger(self, cand: Candidate, inner: Candidate) -> bool:
        """شمال أفريقيا، وسط آسيا: a side of a continent or country named as a region; the side word
        is a relation to the larger place (a country such as جنوب أفريقيا stays whole)."""
        index = self.index
        whole = {index.feature_name(r) for r in index.rows_ar(cand.key)}
        part = {index.feature_name(r) for r in index.rows_ar(inner.key)}
        first = cand.key.partition(" ")[0]
        return (whole == {"region"} and bool(part & {"continent", "country"})
                and self.lexicon.is_cue(first, "preposition"))

    def _head(self, cand: Candidate, require_stats: bool = True) -> Candidate | None:
        """The name without its last word (مكة المكرمة -> مكة), when labelled text prefers it."""
        head, _, last = cand.key.rpartition(" ")
        if not self.index.rows_ar(head) or (require_stats and head not in self.lexicon.stats):
            return None
        return _head_of(cand)

    def _inner(self, cand: Candidate) -> Candidate | None:
        """The name after a leading cue word (شمال أفريقيا -> أفريقيا), when it is a name itself."""
        first, _, rest = cand.key.partition(" ")
        if not (self.lexicon.is_cue(first, "place_type") or self.lexicon.is_cue(first, "preposition")):
            return None
        if not self.index.rows_ar(rest):
            return None
        return _inner_of(cand)

    def _facts(self, key: str) -> tuple[str | None, float | None, str, bool]:
        """What is known of a name without its context, cached: (reason to reject it whatever the
        context, place rate, what the rate rests on, strong prior)."""
        facts = self._static.get(key)
        if facts is None:
            reject = None
            if self._is_adjective(key) and not self._is_country_level(key):
                reject = "nationality adjective"
            elif self.lexicon.is_cue(key, "place_type") or self.lexicon.is_cue(key, "preposition"):
                reject = "a generic place word or preposition, not a name"
            rate, basis = self._place_rate(key)
            st = self.lexicon.stats.get(key)
            if (reject is None and st is not None and st.news >= NEVER_COUNT
                    and st.news_place < NEVER_RATE * st.news and not self._is_strong(key)):
                # a function word the labelled news met often and almost never as a place (أن، كل، أم):
                # no place-type word before it, here or elsewhere in the text, makes it one
                reject = f"a place in {st.news_place} of {st.news} labelled occurrences: a function word, not a name"
            facts = self._static[key] = (reject, rate, basis, self._is_strong(key))
            # as a one-word name, decided by its words alone (see _judge_span): the finder leaves it out
            if reject:
                self._quiet[key] = DROP
            elif rate is not None and rate < REJECT_RATE:
                self._quiet[key] = DEFER
        return facts

    def _judge_remembered(self, cand: Candidate) -> Decision:
        """:meth:`_judge_span`, remembered (:meth:`_verdict_remembered`)."""
        return Decision(cand, *self._verdict_remembered(cand))

    def _verdict_remembered(self, cand: Candidate) -> tuple:
        """(verdict, why, args, cue, weak) of :meth:`_judge_span`, remembered by what it reads of the candidate: the name, its clitic and
        written form, the flags, the words before it where they are cue words (any other word before a
        name is as good as none), and the word after a first name. (The key must hold every field
        _judge_span reads: tests/test_scan.py compares the two on all the development data.)"""
        prev0, prev1 = cand.prev
        if prev1 not in self._context_words:
            prev0 = prev1 = _NO_WORD
        elif f"{prev0} {prev1}" not in self._two_word_cues:
            prev0 = _NO_WORD
        following = cand.next if cand.key in self._first_names else ""  # فلاديمير شامانوف: a person's name
        memo = (cand.key, cand.clitic, cand.written, cand.n_words, cand.in_hashtag, cand.known, prev0, prev1,
                following)
        verdict = self._judged.get(memo)
        if verdict is None:
            if len(self._judged) > 200_000:
                self._judged.clear()
            d = self._judge_span(cand)
            verdict = self._judged[memo] = (d.verdict, d.why, d.args, d.cue, d.weak)
            if d.notes:
                raise AssertionError("_judge_span gives no notes")
        return verdict

    def _judge_span(self, cand: Candidate) -> Decision:
        if cand.in_hashtag:
            return Decision(cand, REJECT, "part of a longer hashtag")
        if not cand.known:
            cue = self._cue_forms["settlement"].get(cand.prev[1], "")
            return Decision(cand, ACCEPT, "unknown name after {!r}", (cue,), cue)
        reject, rate, basis, strong = self._facts(cand.key)
        if reject:
            return Decision(cand, REJECT, reject)
        if (cand.clitic and cand.n_words == 1 and cand.written in self.lexicon.vocabulary and not self._met(cand.key, 2)
                and not (strong and self._strong_as_named(cand))):
            # كبيرة is a word, not ك + بيرة (Piraeus); كرم is not ك + رم (Rome): unless news met the name as a
            # place (والأردن), or the text names it so elsewhere (قاعدة حميميم … طرطوس وحميميم)
            return Decision(cand, EVIDENCE, "the word as written is ordinary vocabulary: needs the name confirmed "
                                            "elsewhere in the text")
        if cand.clitic not in ("", "و", "ف") and cand.n_words == 1 and len(cand.key) < 3:
            return Decision(cand, REJECT, "two letters left by a preposition clitic: a word, not a name (كرم is no ك + رم)")
        if cand.n_words == 1 and cand.key in self._first_names and cand.next and not self._place_type(cand):
            return Decision(cand, REJECT, "a person's first name before another word ({!r})", (cand.next,))
        if cand.clitic[-1:] in ("ب", "ك") and cand.prev[1] in self._first_name_forms:
            # مصطفى بكري: the word after a first name is a surname as written, not ب + كري
            return Decision(cand, REJECT, "a person's name after {!r}", (cand.prev[1],))
        if rate is not None and rate < REJECT_RATE:
            # A common word is a place only right after a place-type word (مدينة، بلدة …).
            place_type = self._place_type(cand)
            if place_type:
                return Decision(cand, ACCEPT, "{} {:.2f} but after {!r}", (basis, rate, place_type), place_type)
            return Decision(cand, EVIDENCE, "{} {:.2f} < {}: a common word unless a place-type word stands "
                                            "before it here or at another mention", (basis, rate, REJECT_RATE))
        if cand.clitic in ("", "و", "ف"):
            blocker = self._blockers.get(cand.prev[1])
            if blocker is not None:
                return Decision(cand, REJECT, blocker[0], (blocker[1],))
        cue = self._place_type(cand) or self._locative(cand)
        if rate is not None:
            if rate >= ACCEPT_RATE or (strong and rate >= STRONG_ACCEPT_RATE):
                return Decision(cand, ACCEPT, "{} {:.2f} ≥ {}", (basis, rate, ACCEPT_RATE), cue)
            if cue:
                return Decision(cand, ACCEPT, "{} {:.2f} with cue {!r}", (basis, rate, cue), cue)
            return Decision(cand, EVIDENCE, "{} {:.2f}: needs a cue", (basis, rate))
        if strong and self._strong_as_named(cand):
            return Decision(cand, ACCEPT, "strong prior (country, region, capital or large city)", (), cue)
        if cand.n_words == 1 and cand.key in self.lexicon.vocabulary:
            place_type = self._place_type(cand)
            if place_type:
                return Decision(cand, ACCEPT, "an ordinary word, but after {!r}", (place_type,), place_type)
            # one sense per text: بلدة العمارة elsewhere in the text makes this العمارة the town too
            return Decision(cand, EVIDENCE, "an ordinary word in news: needs a place-type word before it here "
                                            "or at another mention")
        if cand.clitic and cand.n_words == 1 and cand.written in self.lexicon.vocabulary:
            # كبيرة is a word, not ك + بيرة (Piraeus); وكان is not و + كان
            return Decision(cand, REJECT, "the word as written is ordinary vocabulary")
        if cand.n_words >= 2:
            return Decision(cand, ACCEPT, "multi-word name", (), cue)
        if cue and not (cue == cand.clitic and not self._met(cand.key, 1)):
            # after a place-type word (مدينة الظهران السعودية) the name is no noun governing the next one;
            # a clitic alone is no cue for a name news never met as a place (بهزة أرضية is no ب + Heze)
            return Decision(cand, ACCEPT, "cue {!r}", (cue,), cue, weak=cue != self._place_type(cand))
        return Decision(cand, EVIDENCE, "weak prior: needs a cue", weak=True)

    def _is_country(self, key: str) -> bool:
        """Whether a name has a country among its readings."""
        index = self.index
        return any(index.feature_name(r) == "country" for r in index.rows_ar(key))

    def _is_country_level(self, key: str) -> bool:
        index = self.index
        return any(index.feature_name(r) in ("country", "continent", "region") for r in index.rows_ar(key))

    def _place_type(self, cand: Candidate) -> str:
        """The place-type word right before a name that carries no proclitic (مدينة، بمدينة، ومدينة …),
        or "": a place-type word names the word after it as written (مناطق كبيرة is large areas, not
        areas + ك + بيرة), nor an indefinite nisba after a facility or terrain word (مفاعل نووي is a nuclear reactor)."""
        if cand.clitic:
            return ""
        cue = self._cue_forms["place_type"].get(cand.prev[1], "")
        if (cue and cand.n_words == 1 and not cand.key.startswith("ال") and cand.key.endswith(("ي", "يه"))
                and has_nisba_shape(cand.key) and cand.prev[1] not in self._cue_forms["settlement"]):
            return ""  # after a facility or terrain word an indefinite nisba is its adjective (مفاعل نووي،
            # قاعدة جوية); after a settlement word it is a name (محافظة ديالى، ولاية هاتاي)
        return cue

    def _locative(self, cand: Candidate) -> str:
        """A locative cue: a preposition clitic on the name, or a preposition word before it."""
        if cand.clitic in LOCATIVE_CLITICS:
            return cand.clitic
        one = self._cue_forms["preposition"].get(cand.prev[1], "")
        if one:
            return one
        two = f"{cand.prev[0]} {cand.prev[1]}"
        return two if self.lexicon.is_cue(two, "preposition") else ""

    def _build_cue_forms(self) -> dict[str, dict[str, str]]:
        """Every written form of each cue word (with و ف, and ب ل for place types) -> the cue."""
        prefixes = {"place_type": LOCATIVE_FORMS, "settlement": LOCATIVE_FORMS,
                    "preposition": CONJUNCTION_FORMS, "org_head": CONJUNCTION_FORMS,
                    "person_title": CONJUNCTION_FORMS, "person_first_name": CONJUNCTION_FORMS}
        out: dict[str, dict[str, str]] = {}
        for kind, clitics in prefixes.items():
            forms: dict[str, str] = {}
            for word in sorted(self.lexicon.cues.get(kind, ())):
                for clitic in clitics:
                    forms.setdefault(clitic + word, word)
            out[kind] = forms
        return out

    def _is_adjective(self, key: str) -> bool:
        return nisba_of(key, self.lexicon.adjectives) is not None

    def _place_rate(self, key: str) -> tuple[float | None, str]:
        """Share of a name's occurrences in real text that were places, and what it rests on."""
        st = self.lexicon.stats.get(key)
        if st is None:
            return None, ""
        if st.news >= MIN_COUNT:
            # Smoothed toward what the gazetteer says: strong names start from a high prior.
            mean = STRONG_PRIOR_MEAN if self._is_strong(key) else WEAK_PRIOR_MEAN
            rate = (st.news_place + mean * PRIOR_WEIGHT) / (st.news + PRIOR_WEIGHT)
            return rate, "place rate in labelled news"
        if st.tweets >= MIN_COUNT:
            # Tweets annotate only some places: a name seen as a place there is one; a name never
            # annotated in many occurrences is a common word.
            if st.tweets_place / st.tweets >= TWEET_PLACE_RATE:
                return ACCEPT_RATE, "annotated as a place in tweets"
            never = st.tweets_place == 0
            if never and st.tweets >= (STRONG_NEGATIVE_COUNT if self._is_strong(key) else 2 * MIN_COUNT):
                return 0.0, "never a place in labelled tweets:"
        if st.unlabelled >= 3 * MIN_COUNT:
            cue_rate = st.cued / st.unlabelled
            if cue_rate >= PLACE_CUE_RATE:
                return ACCEPT_RATE, f"cue rate in news {cue_rate:.2f}, i.e."
            if cue_rate < WORD_CUE_RATE:
                return 0.0, f"cue rate in news {cue_rate:.2f}, i.e."
        return None, ""

    def _met(self, key: str, times: int) -> bool:
        """Whether news met a name as a place at least ``times`` times (labelled news or tweets, or after a
        place cue in unlabelled news: ``name_stats.tsv``)."""
        st = self.lexicon.stats.get(key)
        return st is not None and st.news_place + st.tweets_place + st.cued >= times

    def _strong_as_named(self, cand: Candidate) -> bool:
        """Whether a strong name is strong as written here: spelt so in Arabic letters for that place (بيرس is
        only the Persian پیرس for Paris, not a name Arabic news gives it), and, split off a clitic from an ordinary word,
        a name met in news or a country (وكيل is an agent, not و + Kiel; والأردن is و + الأردن)."""
        index = self.index
        strong = any((index.feature_name(r) in _STRONG_FEATURES or bool(index.capital[r])
                      or int(index.population[r]) >= _LARGE_CITY)
                     and any(normalize(spelling) == cand.key and _PERSIAN_LETTERS.isdisjoint(spelling)
                             for spelling in index.raw_ar[r].split("|"))
                     for r in index.rows_ar(cand.key))
        if not strong or not cand.clitic or cand.written not in self.lexicon.vocabulary:
            return strong
        return self._is_country_level(cand.key) or self._met(cand.key, 1)

    def _is_strong(self, key: str) -> bool:
        strong = self._strong.get(key)
        if strong is None:
            index = self.index
            strong = any(index.feature_name(r) in _STRONG_FEATURES or bool(index.capital[r])
                         or int(index.population[r]) >= _LARGE_CITY for r in index.rows_ar(key))
            self._strong[key] = strong
        return strong

    # -- resolution ------------------------------------------------------------------------
    def _plausible(self, cands: list[Candidate], rows: list[int | None], written: list[str] | None,
                   tanween: bool = False, decisions: list[Decision] | None = None) -> list[bool]:
        """Which resolved mentions a plausible geography keeps: a place more than FAR_KM from every place
        the text names with evidence needs evidence itself (:meth:`_has_evidence`) — a common word is not a
        town on another continent (معصوبي العيون is not Laayoune in a story about Syria). A one-word name
        written with tanween is an indefinite common noun (مجالاً), never a name (``tanween``: whether some
        name as written holds one). A name of ordinary words only with no evidence (المحافظة الشمالية) stands
        for a place of the countries the text's other places are in, or for none. ``decisions``: the
        candidates' decisions, given the reasons (:meth:`explain`), or ``None``."""
        index = self.index
        if written is None:
            written = [""] * len(rows)
        memo = self._evidence
        static_evidence, has_evidence, of_a_river = self._static_evidence, self._has_evidence, self._of_a_river
        # a place-type word for a town before some name (بلدة صيدا): see _unresolve_far_types
        village = self._village_cue_forms
        # most mentions have evidence in their name and reading alone (one dict lookup): only the others
        # are judged in their context; an unresolved one needs none (True)
        # whether some place the text names is a stray to look into (_unresolve_strays): one whose reading does
        # not stand anywhere by itself, or one after a word for a place inside a town (most texts have none)
        settled, stands_anywhere = self._settled, self._stands_anywhere
        if len(settled) > 100_000:
            settled.clear()
        local_types, place_types = self._local_types, self._cue_forms["place_type"]
        loop = self._plausible_facts if self._compiled is None else partial(self._compiled.plausible_facts,
                                                                             self._fields)
        by_name, evidence, banks, far_types, strays = loop(
            cands, rows, written, memo, static_evidence, has_evidence, settled, stands_anywhere, local_types,
            place_types, self._place_type, village, of_a_river)
        if decisions is not None:
            for k in banks:
                decisions[k].verdict, decisions[k].notes = REJECT, (*decisions[k].notes,
                                                                    "; a side of the water named after it")
        if far_types:
            self._unresolve_far_types(cands, rows, by_name, evidence, decisions, far_types)
        if strays and len(rows) > 1:
            self._unresolve_strays(cands, rows, evidence, decisions)
        if False not in evidence and not tanween and not banks:
            return evidence  # the usual case: every resolved mention has evidence, none with tanween
        banks = set(banks)
        known, row_facts = self._row_facts, self._row
        facts = {r: known.get(r) or row_facts(r)  # (prior, country, lat, lon)
                 for r, e in zip(rows, evidence) if e and r is not None}
        anchors = {f[2:] for f in facts.values()}
        countries = {f[1] for f in facts.values()}
        keep = []
        distance = self._km

        def reject(k: int, why: str) -> None:
            keep.append(False)
            if decisions is not None:
                d = decisions[k]
                d.verdict, d.notes = REJECT, (*d.notes, why)

        for k, (c, row, solid, w) in enumerate(zip(cands, rows, evidence, written)):
            if k in banks:
                keep.append(False)
                continue
            if tanween and c.n_words == 1 and _TANWEEN.search(w):
                reject(k, "; written with tanween: a common noun")
                continue
            if solid or not anchors:
                keep.append(True)
                continue
            _, code, lat, lon = self._row(row)
            if c.n_words > 1 and not index.capital[row] and code not in countries:
                # a phrase of ordinary words (المحافظة الشمالية: the northern province) names a place of the
                # text's own countries or none: not Bahrain's Northern Governorate in a story about Syria
                reject(k, "; ordinary words, in none of the countries the text names")
                continue
            if any(distance(lat, lon, a, b) <= FAR_KM for a, b in anchors):
                keep.append(True)
            else:
                reject(k, f"; {FAR_KM:.0f}+ km from every place the text names, with no evidence of its own")
        return keep

    @staticmethod
    def _plausible_facts(cands, rows, written, memo, static_evidence, has_evidence, settled, stands_anywhere,
                         local_types, place_types, place_type, village, of_a_river) -> tuple:
        """_plausible's loop over every candidate (the reference of ``_wordscan.plausible_facts``): (whether
        each has evidence by its name and reading alone, whether it has evidence, the sides of water, the names
        after a place-type word to look into for :meth:`_unresolve_far_types` (a list, empty when none needs
        to be), whether some place is a stray to look into)."""
        by_name, evidence, banks, typed = [], [], [], []
        far_types = strays = False
        for k, (c, row, w) in enumerate(zip(cands, rows, written)):
            if row is None:
                by_name.append(True)
                evidence.append(True)
                s = True
            else:
                memo_key = (c.key, row)
                s = memo.get(memo_key) is True or static_evidence(c, row) is True
                by_name.append(s)
                e = s or has_evidence(c, row, w)
                evidence.append(e)
                if e and not strays:
                    stands = settled.get(memo_key)
                    if stands is None:
                        stands = settled[memo_key] = stands_anywhere(c.key, row)
                    if not stands or (local_types and ("" in local_types or c.prev[1] in place_types)
                                      and place_type(c) in local_types):
                        strays = True
            # الضفة الغربية لنهر الفرات is the river's west bank, not the West Bank: no mention
            if c.n_words > 1 and of_a_river(c.next):
                banks.append(k)
            if not s or c.prev[1] in village:
                far_types = True
            if c.prev[1] in place_types and not c.clitic and row is not None:
                typed.append(k)  # one to look into for _unresolve_far_types
        return by_name, evidence, banks, far_types and typed, strays

    def _of_a_river(self, word: str) -> bool:
        """Whether a word is ل (or لل) and a word for a river or a sea (لنهر، للنهر، لبحر): what the name before it
        is a side or a bank of."""
        if word[:1] != "ل":
            return False
        rest = word[2:] if word.startswith("لل") else word[1:]
        return rest in self._water_words or "ال" + rest in self._water_words

    def _unresolve_far_types(self, cands: list[Candidate], rows: list[int | None], by_name: list[bool],
                             evidence: list[bool], decisions: list[Decision] | None = None,
                             among: list[int] | None = None) -> None:
        """A name that is a place only by the place-type word before it (قرية القصر), or a city of
        STRAY_POPULATION or more named after a word for a town (بلدة صيدا), whose reading lies in none of the
        countries of the other places the text names, or FAR_KM from every one of those it names with
        evidence, is a place the gazetteer lacks, not that namesake in another country or on another
        continent: it stays a mention, unresolved (``rows`` is changed in place; ``decisions``, when given,
        are told why). ``among``: where the names after a place-type word are (all of them), when known."""
        index, row_facts = self.index, self._row
        place_types = self._cue_forms["place_type"]
        placed: list | None = None
        distance = self._km
        gone: set[int] = set()  # the names left unresolved so far
        for k in range(len(cands)) if among is None else among:
            c, row = cands[k], rows[k]
            # only a name after a place-type word (and no clitic) has one: most have none
            if row is None or not evidence[k] or c.clitic or c.prev[1] not in place_types:
                continue
            cue = self._place_type(c)
            # a town word before a city (بلدة صيدا): that city only in one of the text's countries
            small = (cue in self._village_words and not index.capital[row]
                     and STRAY_POPULATION <= int(index.population[row]) < FAR_PRIOR_POPULATION)
            if not cue or (by_name[k] and not small):
                continue
            if not small and (self._static_evidence(c, row) is not False or index.capital[row]
                              or int(index.population[row]) >= FAR_PRIOR_POPULATION):
                continue  # a capital or a city of a million (مدينة هامبورغ) is that place wherever the text is
            _, code, lat, lon = row_facts(row)
            nxt = c.next
            if nxt and self._adjective_country(nxt) == code:
                continue  # its country's adjective after it (مدينة لويس البريطانية)
            if placed is None:  # every resolved name's (index, key, evidence, facts), made once a text
                known = self._row_facts
                placed = [(j, cands[j].key, e, known.get(r) or row_facts(r))
                          for j, (r, e) in enumerate(zip(rows, evidence)) if r is not None]
            # the other names' (no name is other than itself; none left unresolved here before)
            others = [f for j, key, e, f in placed if e and key != c.key and j not in gone]
            if not others:
                continue
            named = {f[1] for j, key, _, f in placed  # every other place, evidence or not
                     if key != c.key and j not in gone}
            if code not in named:
                why = "in none of the countries of the other places the text names"
            elif not any(distance(lat, lon, a, b) <= FAR_KM for _, _, a, b in others):
                why = f"{FAR_KM:.0f}+ km from every other place the text names"
            else:
                continue
            rows[k] = None
            gone.add(k)
            if decisions is not None:
                d = decisions[k]
                d.notes = (*d.notes, f"; a place by its place-type word only, {why}: left unresolved")

    def _unresolve_strays(self, cands: list[Candidate], rows: list[int | None], evidence: list[bool],
                          decisions: list[Decision] | None = None) -> None:
        """A mention that is a place, but whose reading is a stray — a town the text's other places do not
        explain — is a place the gazetteer lacks, not that namesake: it stays a mention, unresolved (``rows``
        is changed in place; ``decisions``, when given, are told why). Two kinds of stray:

        * after a word for a place inside a town (``local_type``: حي المرج، ساحة إيليا، محطة السليمانية), a
          reading in none of the countries of the text's other places (the Cairo quarter is not Al Marj,
          Libya, in a text that names Cairo);
        * any reading that does not stand anywhere by itself (:meth:`_stands_anywhere`) and lies in none of
          the countries of the text's places that do, and FAR_KM from each of them (ميدان رمسيس in Cairo is
          not Medan, كورنيش is not Cornish, US).
        """
        anchors = [k for k, (r, e) in enumerate(zip(rows, evidence)) if e and r is not None]
        if len(anchors) < 2:
            return
        settled = self._settled
        if len(settled) > 100_000:
            settled.clear()
        stands = {}
        for k in anchors:
            memo = (cands[k].key, rows[k])
            value = settled.get(memo)
            if value is None:
                value = settled[memo] = self._stands_anywhere(*memo)
            stands[k] = value
        local_types = self._local_types
        # only a mention after a place-type word can be a local one (most have none: no call for them)
        place_types = self._cue_forms["place_type"] if "" not in local_types else None
        local = {k for k in anchors if local_types
                 and (place_types is None or cands[k].prev[1] in place_types)
                 and self._place_type(cands[k]) in local_types}
        loose = [k for k in anchors if not stands[k] and k not in local]
        if not loose and not local:
            return  # every reading stands by itself (the usual case)
        keys = {k: cands[k].key for k in anchors}
        known, row_facts = self._row_facts, self._row
        facts = {k: known.get(rows[k]) or row_facts(rows[k]) for k in anchors}  # (prior, country, latitude, longitude)
        standing = [j for j in anchors if stands[j]]
        distance = self._km
        strays = []
        for k in loose:  # far readings that do not stand anywhere, against the places that do
            key, (_, code, lat, lon) = keys[k], facts[k]
            others = [j for j in standing if keys[j] != key]
            if not others or any(facts[j][1] == code for j in others):
                continue
            if not any(distance(lat, lon, facts[j][2], facts[j][3]) <= FAR_KM for j in others):
                strays.append(k)
        for k in local:  # a place inside a town, against the text's other places (no stray, no other local one)
            key, code = keys[k], facts[k][1]
            others = [j for j in anchors if j not in local and j not in strays and keys[j] != key]
            if code is not None and others and not any(facts[j][1] == code for j in others):
                strays.append(k)
        for k in strays:
            rows[k] = None
            if decisions is not None:
                d = decisions[k]
                d.notes = (*d.notes, "; in none of the countries of the text's other places" + (
                    "" if self._place_type(d.candidate) in local_types else f", {FAR_KM:.0f}+ km from them")
                    + ": a place the gazetteer lacks, left unresolved")

    def _stands_anywhere(self, key: str, row: int) -> bool:
        """Whether a reading is that place wherever the text is: a country-level or other strong feature, a
        name news met as a place at ACCEPT_RATE, in labelled news or MIN_COUNT times (جنيف، منبج), or a capital or a city of STRAY_POPULATION
        whose name is no ordinary word — or an ordinary word that labelled text met as a place (هامبورغ), or,
        never labelled, unlabelled news met after a place cue (ادلب، أستانا; ميدان, a square in the four
        labelled occurrences, is not Medan)."""
        index = self.index
        if index.feature_name(row) in _STRONG_FEATURES:
            return True
        rate, _ = self._place_rate(key)
        st = self.lexicon.stats.get(key)
        if st is not None and rate is not None and rate >= ACCEPT_RATE and (
                st.news >= MIN_COUNT or st.news_place + st.tweets_place + st.cued >= MIN_COUNT):
            return True  # labelled news, or news MIN_COUNT times, met the name as a place (جنيف، منبج)
        if not (index.capital[row] or int(index.population[row]) >= STRAY_POPULATION):
            return False
        if key not in self.lexicon.vocabulary:
            return True
        if st is None:
            return False
        # an ordinary word: when labelled text met it as a place, or, never labelled, news met it after a cue
        return st.news_place + st.tweets_place > 0 or (st.news + st.tweets == 0 and st.cued > 0)

    def _static_evidence(self, cand: Candidate, row: int) -> bool | None:
        """What a name and its reading alone say of its being a place (:meth:`_name_evidence`), cached."""
        memo = (cand.key, row)
        static = self._evidence.get(memo)
        if static is None:
            if len(self._evidence) > 100_000:
                self._evidence.clear()
            static = self._evidence[memo] = self._name_evidence(cand.key, cand.n_words, row)
        return static

    def _has_evidence(self, cand: Candidate, row: int, written: str) -> bool:
        """Whether a mention is a place whatever the rest of the text says: a place-type word before it, a
        country-level feature, a place rate in labelled news of ACCEPT_RATE or more, a multi-word name with a
        word that is no ordinary vocabulary, a nationality adjective of its country after it, or a strong
        prior (a capital, a city of FAR_PRIOR_POPULATION) for a word that is no ordinary one as written: not
        a clitic on an ordinary word (بنوك is banks, not ب + نوك; with و too: وبنوك), not an ordinary word unless
        news met it as a place and no labelled rate says less (ديلي of ديلي ميل, العيون), not followed by an
        indefinite nisba adjective (هزة أرضية), no shadda the place's spellings lack (بلمّ is not بلم, Belém)."""
        static = self._static_evidence(cand, row)
        if static is True:
            return True
        if self._place_type(cand):
            return True
        index = self.index
        if cand.next and self._adjective_country(cand.next) == index.country_code(row):
            return True
        if static is False:
            return False
        # a strong prior: not a clitic on an ordinary word (وبنوك is و + بنوك, banks), no indefinite nisba
        # adjective after it (هزة أرضية is a tremor, not Heze), no shadda the place's spellings lack
        vocabulary = self.lexicon.vocabulary
        if cand.clitic and (cand.written in vocabulary or (
                cand.written[:1] in "وف" and cand.written[1:] in vocabulary)):
            return False
        if (cand.n_words == 1 and cand.next and not cand.next.startswith("ال") and has_nisba_shape(cand.next)
                and not self.lexicon.is_cue(cand.next, "preposition")):
            return False
        if _SHADDA in written:
            form = _shadda_form(written)
            return any(_shadda_form(n) == form for n in index.raw_ar[row].split("|"))
        return True

    def _name_evidence(self, key: str, n_words: int, row: int):
        """What a name and its reading say whatever the context: ``True`` (evidence), ``False`` (none), or
        ``None`` (a strong prior, evidence unless the word as written says otherwise)."""
        index = self.index
        if index.feature_name(row) in _STRONG_FEATURES:
            return True
        rate, _ = self._place_rate(key)
        if rate is not None and rate >= ACCEPT_RATE:
            return True
        vocabulary = self.lexicon.vocabulary
        if n_words > 1:
            return not all(w in vocabulary for w in key.split())
        if not (index.capital[row] or int(index.population[row]) >= FAR_PRIOR_POPULATION):
            return False
        if key in vocabulary:
            # an ordinary word stands for a far place only when news met it as one and no rate says less
            # (العيون, eyes, was Laayoune in 1 of 3 labelled occurrences; أستانا followed a cue in news)
            st = self.lexicon.stats.get(key)
            if rate is not None or st is None or st.tweets_place + st.cued == 0:
                return False
        return None

    def _resolve(self, cands: list[Candidate], shaddas: list[str] | None = None,
                 tags: tuple = ()) -> list[int | None]:
        """Choose one row per accepted mention, using the document's own places.

        The document's countries are those of its country names and of names whose best reading
        is clear (one row, or a prior well above any reading in another country), and of the country
        names inside its longer hashtags (``tags``: #سيول_الأردن is no mention, but says where the text
        is). A candidate in one of them gains CONTEXT_WEIGHT times that country's share of those votes.
        """
        votes: dict[str, int] = {}  # country -> clear mentions
        own: dict[str, int] = {}    # name -> its own clear mentions (of its one country)
        known = self._readings
        if len(known) > 200_000:  # unknown names are free text: bounded, so a long run's memory stays flat
            known.clear()
        # each name's reading and the votes; the row of a name of one reading or none (a shadda as written
        # only chooses among several)
        loop = self._readings_of if self._compiled is None else partial(self._compiled.readings_of, self._fields)
        readings, out, pending = loop(cands, known, self._reading, votes, own)
        if not pending:
            return out
        for key in tags:
            code = self._clear_country(key) if self._is_country(key) else None
            if code:
                votes[code] = votes.get(code, 0) + 1
        total = sum(votes.values())
        hints = self._hints
        if len(hints) > 100_000:  # keyed by free text: bounded, so a long run's memory stays flat
            hints.clear()
        if self._compiled is None:
            self._choose_readings(cands, pending, readings, out, shaddas, votes, own, total)
        else:  # the same loop, compiled
            self._compiled.choose_readings(self._fields, cands, pending, readings, out, shaddas, votes, own, total,
                                           hints, self._adjective_country, self._sure_points, self._spelt,
                                           ADJECTIVE_BONUS, CONTEXT_WEIGHT, NEAR_WEIGHT, NEAR_KM)
        return out

    def _choose_readings(self, cands: list[Candidate], pending: list[int], readings: list[tuple], out: list,
                         shaddas: list[str] | None, votes: dict[str, int], own: dict[str, int], total: int) -> None:
        """_resolve's loop over the names of several readings (``pending``, their places in ``cands``; the
        reference of ``_wordscan.choose_readings``): each one's row chosen into ``out`` (``readings``: each
        name's :meth:`_reading`; ``votes``, ``own``, ``total``: the text's clear mentions)."""
        chosen: dict[tuple, int | None] = {}
        shares_without: dict = {}  # (a name's own clear mentions, its country) -> the shares of the others' votes
        near: list | None = None  # (name, lat, lon) of the places other names surely are, made when needed
        hints = self._hints
        for k in pending:
            cand = cands[k]
            rows, clear, facts, _ = readings[k]
            shadda = shaddas[k] or None if shaddas is not None else None
            if shadda is not None and len(rows) > 1:
                rows = self._spelt(rows, shadda)
            if len(rows) <= 1:  # no reading or one: nothing to choose, no hint needed
                out[k] = rows[0] if rows else None
                continue
            hint = hints.get(cand.next, _UNSEEN)
            if hint is _UNSEEN:
                hint = hints[cand.next] = self._adjective_country(cand.next)
            memo = (cand.key, hint, shadda)
            if memo not in chosen:
                # The name's own occurrences do not vote for its reading.
                mine, code = own.get(cand.key, 0), clear  # clear: _clear_country(cand.key)
                shares = shares_without.get((mine, code) if mine else 0)
                if shares is None:  # the same for every name of no clear mention of its own (most)
                    rest = total - mine
                    shares = shares_without[(mine, code) if mine else 0] = {
                        c: (n - (mine if c == code else 0)) / rest for c, n in votes.items()} if rest else {}
                base = {}  # as _score, with each row's facts read from the name's reading
                for r in rows:
                    score, in_country, _, _ = facts[r]
                    if hint and in_country == hint:
                        score += ADJECTIVE_BONUS
                    if in_country in shares:
                        score += CONTEXT_WEIGHT * shares[in_country]
                    base[r] = score
                top = max(base.values())
                # nearness can only overturn readings within NEAR_WEIGHT of the best: the rest need no distance
                rivals = [r for r in rows if base[r] > top - NEAR_WEIGHT]
                if len(rivals) > 1:
                    if near is None:
                        near = self._sure_points(cands, readings)
                    points = [(a, b) for key, a, b in near if key != cand.key]
                    if points:
                        for r in rivals:
                            _, _, lat, lon = facts[r]
                            base[r] += self._nearness_at(lat, lon, points)
                chosen[memo] = max(rivals, key=lambda r: (base[r], -r))  # noqa: B023 - used at once
            out[k] = chosen[memo]

    def _spelt(self, rows: tuple[int, ...], shadda: str) -> tuple[int, ...]:
        """The rows among ``rows`` with a spelling of this shadda form (a shadda as written picks them: عمّان is
        Amman, not عُمان), or ``rows`` when none has."""
        raw_ar = self.index.raw_ar
        spelt = tuple(r for r in rows if any(_shadda_form(n) == shadda for n in raw_ar[r].split("|")))
        return spelt or rows

    @staticmethod
    def _readings_of(cands: list[Candidate], known: dict, reading_of, votes: dict, own: dict) -> tuple:
        """_resolve's loop over every candidate (the reference of ``_wordscan.readings_of``): (each one's
        :meth:`_reading`, from ``known`` or made by ``reading_of`` and kept there; the row of each that has one
        reading, else ``None``; where there are several to choose from). A name that clearly points to a
        country votes for it (``votes``, and ``own``: its own votes)."""
        readings, out, pending = [], [], []
        for c in cands:
            key = c.key
            reading = known.get(key)
            if reading is None:
                reading = known[key] = reading_of(key)
            readings.append(reading)
            readable, code, _, _ = reading
            if code:
                votes[code] = votes.get(code, 0) + 1
                own[key] = own.get(key, 0) + 1
            if len(readable) > 1:
                pending.append(len(out))
                out.append(None)
            else:
                out.append(readable[0] if readable else None)
        return readings, out, pending

    def _sure_points(self, cands: list[Candidate], readings: list[tuple]) -> list[tuple[str, float, float]]:
        """(name, latitude, longitude) of the places the text's names with one reading are, but continents and
        regions (their points are no place), one per name (``readings``: :meth:`_reading` of each)."""
        seen, out = set(), []
        for c, (_, _, _, sure) in zip(cands, readings):
            if sure is not None and c.key not in seen:
                seen.add(c.key)
                out.append((c.key, *sure))
        return out

    def _reading(self, key: str) -> tuple:
        """What resolution reads of a name: (its rows, the country it clearly points to, row -> :meth:`_row`'s
        facts, and the (latitude, longitude) of its one reading when it has one that is no continent or region,
        else ``None``)."""
        index = self.index
        rows = index.rows_ar(key)
        facts = {r: self._row(r) for r in rows} if rows else _NO_FACTS
        sure = None
        if len(rows) == 1 and index.feature_name(rows[0]) not in ("continent", "region"):
            sure = facts[rows[0]][2:]
        return rows, self._clear_country(key), facts, sure

    def _nearness(self, row: int, points: list[tuple[float, float]]) -> float:
        """NEAR_WEIGHT × (1 − the distance to the nearest of ``points`` / NEAR_KM), 0 beyond NEAR_KM."""
        _, _, lat, lon = self._row(row)
        return self._nearness_at(lat, lon, points)

    def _nearness_at(self, lat: float, lon: float, points: list[tuple[float, float]]) -> float:
        """:meth:`_nearness` of a place at (``lat``, ``lon``)."""
        if not points:
            return 0.0
        reach = NEAR_KM / 111.0  # degrees of latitude: a point farther north or south is beyond NEAR_KM
        distances = self._distances  # the distances worked out before (the same places meet in text after text)
        if len(distances) > 50_000:  # bounded: ~8 MB
            distances.clear()
        nearest = NEAR_KM
        for a, b in points:
            if abs(a - lat) <= reach:
                km = distances.get((lat, lon, a, b))
                if km is None:
                    km = distances[(lat, lon, a, b)] = _km(lat, lon, a, b)
                if km < nearest:
                    nearest = km
        return NEAR_WEIGHT * max(0.0, 1.0 - nearest / NEAR_KM)

    def _row(self, row: int) -> tuple[float, str | None, float, float]:
        """(prior, country code, latitude, longitude) of an index row as Python values (cached, bounded)."""
        facts = self._row_facts.get(row)
        if facts is None:
            if len(self._row_facts) > 100_000:
                self._row_facts.clear()
            index = self.index
            facts = self._row_facts[row] = (float(index.prior[row]), index.country_code(row),
                                            float(index.latitude[row]), float(index.longitude[row]))
        return facts

    def _clear_country(self, key: str) -> str | None:
        """The country a name clearly points to, or ``None`` when its readings disagree (cached)."""
        code = self._clear.get(key, _UNSEEN)
        if code is _UNSEEN:
            code = self._clear[key] = self._clear_country_uncached(key)
        return code

    def _clear_country_uncached(self, key: str) -> str | None:
        index = self.index
        rows = sorted(index.rows_ar(key), key=lambda r: -float(index.prior[r]))
        if not rows:
            return None
        best = index.country_code(rows[0])
        for r in rows[1:]:
            if index.country_code(r) != best:
                if float(index.prior[rows[0]]) - float(index.prior[r]) < CLEAR_MARGIN:
                    return None
                break
        return best

    def _score(self, row: int, shares: dict[str, float], hint: str | None) -> float:
        score, code, _, _ = self._row(row)
        if hint and code == hint:
            score += ADJECTIVE_BONUS
        if code in shares:
            score += CONTEXT_WEIGHT * shares[code]
        return score

    def _adjective_country(self, word: str) -> str | None:
        """The country a nationality adjective names (الفرنسية -> FR), or ``None`` (also for a continent's)."""
        code = nisba_of(word, self.lexicon.adjectives) if word else None
        return code if code is not None and len(code) == 2 else None


def _start_of(cand: Candidate) -> int:
    return cand.start


def _hashtag_names(decisions: list[Decision]) -> tuple[str, ...]:
    """The names of the candidates inside longer hashtags (#امطار_الكويت), which are no mentions."""
    return tuple(d.candidate.key for d in decisions if d.candidate.in_hashtag)


#: The steps from a candidate to a shorter name in it (Recognizer._judge_path): without its last word, or its first.
_HEAD, _INNER = "head", "inner"


def _head_of(cand: Candidate) -> Candidate:
    """The candidate without its last word (مكة المكرمة -> مكة)."""
    last = cand.key.rpartition(" ")[2]
    return Candidate(start=cand.start, end=cand.end - len(last) - 1, key=cand.key.rpartition(" ")[0],
                     clitic=cand.clitic, word_start=cand.word_start, n_words=cand.n_words - 1, prev=cand.prev,
                     next=last, in_hashtag=cand.in_hashtag)


def _inner_of(cand: Candidate) -> Candidate:
    """The candidate without its first word (شمال أفريقيا -> أفريقيا)."""
    first, _, rest = cand.key.partition(" ")
    return Candidate(start=cand.start + len(first) + 1, end=cand.end, key=rest, clitic="",
                     word_start=cand.start + len(first) + 1, n_words=cand.n_words - 1,
                     prev=(cand.prev[1], first), next=cand.next, in_hashtag=cand.in_hashtag)


def _original_spans(text: str, cands: list[Candidate], gaps: list[int]) -> list[tuple[int, int]]:
    """The spans of the candidates in ``text``, the marks after a name's last letter taken in, from
    where folding deleted characters (``gaps``, :class:`~gazetteer.candidates.OffsetMap`)."""
    after = bisect.bisect_right
    n_chars = len(text)
    spans = []
    for cand in cands:
        last = cand.end - 1
        end = last + after(gaps, last) + 1
        while end < n_chars and text[end] in _TRAILING_MARKS:
            end += 1
        spans.append((cand.start + after(gaps, cand.start), end))
    return spans


def _deleted_marks(text: str, gaps: list[int]) -> tuple[list[int], bool]:
    """Where the tanween marks among the characters folding deleted stand in ``text`` (``gaps``:
    :class:`~gazetteer.candidates.OffsetMap`'s), and whether a shadda is among them (the reference of
    ``_wordscan.deleted_marks``)."""
    deleted = [gap + k for k, gap in enumerate(gaps)]
    return [p for p in deleted if text[p] in _TANWEEN_MARKS], any(text[p] == _SHADDA for p in deleted)


def _any_within(spans: list[tuple[int, int]], positions: list[int]) -> bool:
    """Whether a position falls within one of the spans (in order, none overlapping)."""
    starts = [a for a, _ in spans]
    for p in positions:
        k = bisect.bisect_right(starts, p) - 1
        if k >= 0 and p < spans[k][1]:
            return True
    return False


_new = object.__new__
_SET_FIELDS = tuple(getattr(Mention, f).__set__ for f in ("start", "end", "text", "place"))


def _mention(start: int, end: int, text: str, place) -> Mention:
    """``Mention(start, end, text, place)`` made as its ``__init__`` makes it, at half the cost (a frozen
    dataclass sets each field through ``object.__setattr__``)."""
    mention = _new(Mention)
    set_start, set_end, set_text, set_place = _SET_FIELDS
    set_start(mention, start)
    set_end(mention, end)
    set_text(mention, text)
    set_place(mention, place)
    return mention


def _shadda_form(text: str) -> str:
    """The normal form of a spelling with its shaddas kept (as a private-use mark)."""
    return normalize(text.replace(_SHADDA, _SHADDA_MARK))


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 6371.0088 * 2 * math.asin(math.sqrt(min(1.0, a)))
