"""``arguments``: the actor (subject) and the target of each claim cue, among the sentence's actors.

The actor is the nearest non-target actor before the cue, else the phrase the cue heads (بدأت دوريات
أميركية: the patrols), else one after it but before the cue's first place (سيطرت القوات على بلدة …). An
attack noun's genitive or nationality right after it is its actor (هجوم النظام على دوما، ضربات جوية
أمريكية), and so is a stronghold's genitive (آخر معقل للمعارضة: the side holding it; a stronghold has no
target). The target is the first target-marked actor within ``TARGET_WINDOW`` words after the cue (before
the next cue and the end of its clause); an actor before the cue is not its target (an object named
earlier belongs to an earlier cue: on the gold, that fallback cost target agreement on both halves),
except the killed or wounded counted before an attack (قُتل اثنان من المقاتلين الروس في ضربات أمريكية). Which
actors are targets depends on the cue: after a control cue, one after من (حررت أراضيه من تنظيم الدولة) is,
unless a supporter word stands before من (مدعومة من فصائل); after a verbal noun (ومع طرد داعش، تم دحر …)
the first actor is its object; after an attack noun a genitive ل marks the attacker (غارات للطيران
الروسي), elsewhere the object; after an attack cue, one after على or a site noun (هجوما على قوات النظام،
مستودعات للجيش) is, and so is the object right after an attack verb and its subject. A relative clause's
own subject (منبج التي انتزعتها الوحدات) and the subject of one on an event noun (القصف الذي ينفذه النظام)
are actors. With no actor found, the accused of a verb of accusing is the actor of the deed after ب
(اتهمت دمشق إسرائيل بقصف), and the speaker that of what it says of itself (أعلن الجيش أنه سيطر). A verb
resuming an attack noun (لهجوم شنه داعش) shares its actor and target.
"""

from __future__ import annotations

from bisect import bisect_right

from gazetteer import normalize
from gazetteer.morphology import SHORT_VOWELS, has_nisba_shape

from ..document import ActorSpan, Cue, Doc
from ..registry import component
from ..tokens import Token, positions

__all__ = ["SUBJECT_WINDOW", "TARGET_WINDOW", "accused_after", "actor_and_target", "arguments", "names_holder",
           "relative_subject"]

#: How far after a cue its subject (when no place comes first) and its target are looked for.
SUBJECT_WINDOW, TARGET_WINDOW = 5, 24
_FROM = "من"
#: The pronouns on أن that make the speaker the subject of the verb after it (أنه، أنها، أنهم).
_SUBJECT_PRONOUNS = ("هم", "ها", "ه")
#: The pronouns a verb takes to repeat the event noun before it (هجوم شنه، غارات شنتها).
_RESUMPTIVE = ("ه", "ها", "هم")
#: A preposition with the pronoun that repeats the noun before a verb (معقل تسيطر عليه X، مناطق يسيطر عليها).
_RESUMING_PREPOSITIONS = frozenset({"عليه", "عليها", "عليهم"})
#: How many words after an event noun a relative clause on it may begin (القصف المكثف الذي ينفذه).
_RELATIVE_REACH = 3
#: The words that may stand between a speaker and the deed it announces of itself, and how many (أعلن الجيش
#: السبت سيطرته، أعلنت تركيا عن سيطرتها، أكدت الفصائل في بيان سيطرتها).
_ANNOUNCED_VIA = frozenset({"عن", "علي", "في", "بيان"})
_ANNOUNCED_AFTER = 3
#: The ending of a perfect verb in the first person plural (سيطرنا، استهدفنا): "we".
_WE = "نا"
#: The prefixes of an imperfect verb, whose ـنا is its object, "us" (تهاجمنا، يستهدفنا).
_IMPERFECT = "يتن"
#: How many words a speaker no actor names may have to stand as the actor of what it says of itself.
_SPEAKER_AS_ACTOR_WORDS = 3


@component("arguments", requires=("sent.cues", "sent.actors", "sent.place_cues", "sent.speaker"),
           sets=("sent.arguments",))
def arguments(doc: Doc) -> Doc:
    """Find the actor and the target of every cue."""
    lex = doc.lexicons
    for sent in doc.active():
        cues, tokens = sent.cues, sent.tokens
        if not cues:
            sent.arguments = []
            continue
        breaks = positions(tokens.norms, lex.grammar["clause_break"])
        out = []
        firsts: dict[int, int] = {}  # cue -> the first place it governs
        for use, owner in zip(sent.places, sent.place_cues):
            if owner is not None and (owner not in firsts or use.token < firsts[owner]):
                firsts[owner] = use.token
        for k, cue in enumerate(cues):
            first_place = firsts.get(k)
            after = bisect_right(breaks, cue.end)
            clause_end = breaks[after] if after < len(breaks) else len(tokens)
            pair = actor_and_target(cue, cues[k + 1] if k + 1 < len(cues) else None, sent.actors, first_place,
                                    clause_end, tokens, lex, previous_end=cues[k - 1].end if k else 0)
            accused = _accused(sent, cue, lex) if pair[0] is None else None
            if accused is not None:  # اتهمت المعارضة قوات النظام بشن غارات: the accused did it
                pair = (accused, None if pair[1] is not None and pair[1].same_actor(accused) else pair[1])
            if pair[0] is None and sent.speaker is not None and (_says_of_itself(tokens, cue.start, lex, sent)
                                                                 or _announces_its_own(tokens, cue.start, lex, sent)
                                                                 or _we_did(tokens, cue.start, sent)):
                speaker = sent.speaker_actor or _named_speaker(sent.speaker)
                if speaker is not None:
                    pair = (speaker, None if pair[1] is not None and pair[1].same_actor(speaker) else pair[1])
            out.append(pair)
            if doc.trace is not None:
                actor, target = pair
                doc.note("arguments", sent, " ".join(t.text for t in tokens[cue.start:cue.end]),
                         f"actor {actor.text if actor else None!r}, target {target.text if target else None!r}")
        _share_resumed(cues, tokens, out)
        sent.arguments = out
    return doc


def _share_resumed(cues: list[Cue], tokens: list[Token], pairs: list) -> None:
    """A verb repeating the event noun right before it as a pronoun names the same event (لهجوم عنيف شنه
    تنظيم داعش; a stronghold held, آخر معقل تسيطر عليه القوات المعارضة): the two share their actor and target."""
    for k in range(1, len(cues)):
        before, cue = cues[k - 1], cues[k]
        if before.claim_type != cue.claim_type or cue.start - before.end > 2:
            continue
        if cue.claim_type == "attack":
            resumed = tokens[cue.start].norm.endswith(_RESUMPTIVE)  # هجوم شنه
        else:  # a place held: the pronoun on the verb's preposition (معقل تسيطر عليه القوات، المعاقل التي تسيطر عليها)
            resumed = (cue.claim_type == "control" and cue.end < len(tokens)
                       and tokens[cue.end].norm in _RESUMING_PREPOSITIONS)
        if resumed:
            (a0, t0), (a1, t1) = pairs[k - 1], pairs[k]
            actor, target = a1 or a0, t1 or t0
            if target is not None and actor is not None and target.same_actor(actor):
                target = None
            pairs[k - 1] = pairs[k] = (actor, target)


def actor_and_target(cue: Cue, next_cue: Cue | None, actors: list[ActorSpan], first_place: int | None,
                     clause_end: int = 10**9, tokens: list[Token] | None = None, lex=None,
                     previous_end: int = 0) -> tuple[ActorSpan | None, ActorSpan | None]:
    """The actor (subject) and target of a cue among the sentence's actors (see the module notes)."""
    tokens = tokens or []

    holder = bool(tokens) and lex is not None and names_holder(cue, tokens, lex)

    def holds(a: ActorSpan) -> bool:  # آخر معقل للمعارضة، معاقل المعارضة: the side holding the place
        return holder and cue.end <= a.start <= cue.end + 1

    def backs(a: ActorSpan) -> bool:  # قوات تركية مدعومة من فصائل: an ally, not a side acted against
        return (lex is not None and a.start > 1 and tokens[a.start - 1].norm == _FROM
                and lex.supporters.match(tokens, a.start - 2) is not None)

    def is_target(a: ActorSpan) -> bool:
        if a.agent or a.gainer or holds(a) or backs(a):
            return False
        if a.target or (a.victim and cue.claim_type == "attack"):  # ضد داعش، مواقع داعش؛ مقتل 26 من قوات النظام
            return True
        if (cue.claim_type == "attack" and lex is not None and a.start > cue.end  # هجوما على قوات النظام
                and tokens[a.start - 1].norm in lex.grammar["attack_object"]):
            return True
        if a.genitive:
            return cue.claim_type != "attack"
        if cue.claim_type == "control" and a.start > cue.end and a.start > 0 and tokens[a.start - 1].norm == _FROM:
            return True
        if (cue.claim_type == "control" and a.start > cue.end + 1 and lex is not None  # من سيطرة داعش، من أيدي التنظيم
                and tokens[a.start - 1].norm in lex.grammar["taken_from"] and tokens[a.start - 2].norm == _FROM):
            return True
        return a.start >= cue.end and object_first and a is first_after

    limit = next_cue.start if next_cue is not None else 10**9
    after = [a for a in actors if a.start >= cue.end]
    first_after = after[0] if after else None
    object_first = _verbal_noun(cue, tokens, lex)
    subject_limit = min(limit, first_place if first_place is not None and first_place > cue.end
                        else cue.end + SUBJECT_WINDOW)
    marked = [is_target(a) for a in actors]  # asked once per actor
    subjects_before = [a for a, t in zip(actors, marked) if a.end <= cue.start and not t]
    # an ally named after its backing word (مدعوم من التحالف الدولي) is no subject when another is named
    subjects_before = [a for a in subjects_before if not backs(a)] or subjects_before
    subjects_after = [a for a, t in zip(actors, marked) if cue.end <= a.start < subject_limit and not t]
    # a cue heading an actor's phrase (بدأت دوريات أميركية عملها) names the doers when none comes before
    headed = [a for a, t in zip(actors, marked) if a.start == cue.start and not t]
    actor = next(iter(subjects_before[-1:] or headed or subjects_after), None)
    if subjects_after and subjects_after[0].start == cue.end and _opens_its_clause(cue, tokens):
        actor = subjects_after[0]  # بعد الغارات الغربية، استهدف مقاتلون موالون للنظام القافلة: its own subject
    actor = next((a for a in actors if holds(a)), actor)
    attached = _attached(cue, actors, tokens, lex) or _relative_agent(cue, actors, tokens, lex)
    if attached is not None and not is_target(attached):  # هجوم النظام على دوما، القصف الذي ينفذه النظام
        actor = attached
    elif (subjects_after and tokens and cue.start > 0 and lex is not None
          and tokens[cue.start - 1].norm in lex.grammar["relative"]):
        actor = subjects_after[0]  # منبج التي انتزعتها وحدات حماية الشعب: the relative clause's own subject
    window = min(limit, cue.end + TARGET_WINDOW, clause_end)
    targets = [a for a, t in zip(actors, marked) if t and cue.end <= a.start < window]
    if not targets and cue.claim_type == "attack":  # قُتل اثنان من المقاتلين الروس في ضربات أمريكية
        targets = [a for a in actors if a.victim and previous_end <= a.start and a.end <= cue.start][:1]
    target = targets[0] if targets else None
    resumes = _attack_verb(cue, tokens, lex) and tokens[cue.start].norm.endswith(_RESUMPTIVE)
    if resumes:  # هجمات شنها تنظيم الدولة: the pronoun is its object, the subject follows
        actor = next((a for a in actors if a.start == cue.end and not is_target(a)), actor)
    elif target is None and actor is not None and _attack_verb(cue, tokens, lex):
        # استهدف الجيش التركي الوحدات الكردية، الجيش استهدف الوحدات: the actor right after subject and verb
        at = actor.end if actor.start >= cue.end else cue.end
        target = next((a for a in actors if a.start == at and not (a.agent or a.gainer) and _an_object(a, tokens)), None)
    if holder:
        target = None  # a stronghold has its holder, no side acted against
    agents = [a for a in actors if a.agent and cue.end <= a.start < min(limit, clause_end)]
    if agents:  # استهداف … من قبل الجيش: the agent is the actor; a subject named before is then its object
        if actor is not None and actor is not agents[0] and target is None:
            target = actor
        actor = agents[0]
    elif tokens and _passive(tokens[cue.start].text):  # قُتل 30 من أفراد القوات: the victims, no actor
        if actor is not None and actor.start >= cue.end:
            target, actor = target or actor, None
    if lex is not None and _loss(cue, tokens, lex):  # فقدوا المناطق لصالح القوات: the loser is the target
        gainer = next((a for a in actors if a.gainer and a.start >= cue.end), None)
        loser = actor
        actor, target = gainer, (loser if loser is not None else target)
    if target is not None and actor is not None and target.same_actor(actor):
        target = None
    return actor, target


def names_holder(cue: Cue, tokens: list[Token], lex) -> bool:
    """Whether a control cue names the holder of its place right after it: a stronghold (آخر معقل
    للمعارضة), a word of holding (الخاضعة لسيطرة، تحت سيطرة X)."""
    if cue.claim_type != "control":
        return False
    word = tokens[cue.start].norm.lstrip("وف")
    under = cue.start > 0 and tokens[cue.start - 1].norm.lstrip("و") in lex.grammar["under_word"]
    return (word in lex.grammar["holder_noun"] or word in lex.grammar["holding_word"] or under
            or word.startswith("لسيطر"))


def _an_object(a: ActorSpan, tokens: list[Token]) -> bool:
    """Whether an actor right after a verb and its subject can be its object: not joined to the subject by
    و (وحدات حماية الشعب ووحدات حماية المرأة), not a nationality adjective of it (القوات المسلحة الروسية)."""
    first = tokens[a.start].norm
    return first[:1] != "و" and not (a.end - a.start == 1 and has_nisba_shape(first))


def _attack_verb(cue: Cue, tokens: list[Token], lex) -> bool:
    """Whether an attack cue is a verb (استهدف، قصفت), not a noun (القصف، هجمات، غارة)."""
    if lex is None or not tokens or cue.claim_type != "attack" or cue.end - cue.start != 1:
        return False
    word = tokens[cue.start].norm.lstrip("وف")
    return not word.startswith(("ال", "لل", "ب", "ل")) and word not in lex.attack_nouns


def accused_after(sent, cue: Cue, lex) -> int | None:
    """Where the accused begins for a deed after ب that a verb of accusing governs (اتهمت دمشق إسرائيل
    بقصف المطار): the token after the speaker, or ``None``."""
    tokens = sent.tokens
    if sent.speaker_span is None or not tokens[cue.start].norm.lstrip("و").startswith("ب"):
        return None
    stems = lex.stems["accuse_stem"]
    if not any(n.lstrip("و").startswith(stems) for n in tokens.norms[:cue.start]):
        return None
    end = sent.speaker_span[1]
    k = next((j for j in range(cue.start) if tokens[j].start >= end), None)
    times = lex.grammar["time_word"]
    while k is not None and k < cue.start and (tokens[k].text in "،," or tokens.norms[k] in times
                                               or tokens.norms[k].lstrip("و").startswith(stems)):
        k += 1  # past the verb when the speaker came before it (سوريا اتهمت الشهر الماضي إسرائيل)
    if k is not None and k + 1 < cue.start and tokens.norms[k + 1] in times:
        k += 2  # الشهر الماضي
    return k


def _accused(sent, cue: Cue, lex) -> ActorSpan | None:
    """The actor accused of the deed after ب, named right after the speaker of a verb of accusing."""
    k = accused_after(sent, cue, lex)
    return None if k is None else next((a for a in sent.actors if a.start == k), None)


def _says_of_itself(tokens: list[Token], i: int, lex, sent) -> bool:
    """Whether the cue at ``i`` is a verb right after أن with a pronoun that agrees with the speaker (أعلن
    الجيش أنه سيطر، قالت إسرائيل إنها هاجمت، قال البريطانيون إنهم استهدفوا): its subject is the speaker."""
    cue = tokens[i].norm.lstrip("وف")
    if i == 0 or cue.startswith(("ال", "لل")) or cue in lex.attack_nouns:
        return False  # إنه الهجوم الأكبر، ما يشتبه في أنه هجوم: a noun, the pronoun is no subject
    word = tokens[i - 1].norm
    suffix = next((x for x in _SUBJECT_PRONOUNS if word.endswith(x) and word[:-len(x)] in lex.grammar["complementizer"]),
                  None)
    return suffix is not None and _agrees_with(sent, suffix)


def _announces_its_own(tokens: list[Token], i: int, lex, sent) -> bool:
    """Whether the cue at ``i`` is a verbal noun with a pronoun that agrees with the speaker, the object of
    its reporting verb right after it (أعلن الجيش السبت سيطرته على الغوطة، أعلنت تركيا عن سيطرتها، أكدت
    الفصائل في بيان سيطرتها): what the speaker announces of itself, its subject the speaker."""
    if sent.speaker_span is None or i == 0 or tokens[i].start < sent.speaker_span[1]:
        return False  # the speaker named after the cue (حسب قول مغردين) announces nothing of its own
    written = tokens[i].text.rstrip(SHORT_VOWELS)
    suffix = next((x for x in _SUBJECT_PRONOUNS if written.endswith(x) and len(written) - len(x) >= 3), None)
    if suffix is None:
        return False
    between = [t for t in tokens[:i] if t.start >= sent.speaker_span[1]]
    if len(between) > _ANNOUNCED_AFTER or any(
            t.norm not in _ANNOUNCED_VIA and t.norm not in lex.grammar["time_word"] for t in between):
        return False
    return _agrees_with(sent, suffix)


def _we_did(tokens: list[Token], i: int, sent) -> bool:
    """Whether the cue at ``i`` is a verb in the first person plural after its speaker (قائد بالجيش الحر:
    سيطرنا على عفرين، وقال المتحدث "حررنا البلدة"): we, the speaker's side, did it."""
    if sent.speaker_span is None or tokens[i].start < sent.speaker_span[1]:
        return False
    word = tokens[i].norm.lstrip("وف")
    # not an imperfect with the object pronoun (تهاجمنا: it attacks us), nor a noun
    return (word.endswith(_WE) and len(word) - len(_WE) >= 3 and word[0] not in _IMPERFECT
            and not word.startswith(("ال", "لل")))


def _named_speaker(speaker: str) -> ActorSpan | None:
    """A speaker no actor names, as the actor of what it says of itself: a short name (جدعون،
    البريطانيون), not a longer phrase the speaker rules may have overrun."""
    if len(speaker.split()) > _SPEAKER_AS_ACTOR_WORDS or any(q in speaker for q in "«»\"“”"):
        return None
    return ActorSpan(None, -1, -1, speaker)


def _agrees_with(sent, suffix: str) -> bool:
    """Whether the speaker's head word agrees with a pronoun: هم a sound masculine plural (البريطانيون), ها
    a feminine (الحكومة، وزارة) or a country (إسرائيل، تركيا), ه any other singular (الجيش، جدعون)."""
    head = normalize(sent.speaker.split()[0]).lstrip("و")
    head = head[2:] if head.startswith("ال") and len(head) > 4 else head
    plural = head.endswith(("ون", "ين")) and (len(head) > 5 or sent.speaker.lstrip("و").startswith("ال"))  # not جدعون
    lo, hi = sent.speaker_span or (-1, -1)
    country = any(lo <= m.start < hi and m.place is not None and m.place.feature == "country" for m in sent.mentions)
    feminine = head.endswith(("ه", "ا")) or country
    return {"هم": plural, "ها": feminine and not plural}.get(suffix, not (plural or feminine))


def _attached(cue: Cue, actors: list[ActorSpan], tokens: list[Token], lex) -> ActorSpan | None:
    """The actor right after an attack noun, as its genitive or its nationality (هجوم النظام، غارات
    للطيران الروسي، ضربات جوية أمريكية: one adjective may stand between), the nationality right after a
    definite noun of advance or control (التقدم التركي في عفرين، التوغل الأميركي، السيطرة التركية), or
    ``None``."""
    if lex is None or not tokens or cue.end - cue.start != 1:
        return None
    word = tokens[cue.start].norm
    if cue.claim_type in ("advance", "control"):
        if not word.lstrip("وف").startswith(("ال", "بال", "لل")):  # التوغل، بالتوغل، للتقدم
            return None
        return next((a for a in actors if a.start == cue.end and a.end == a.start + 1
                     and has_nisba_shape(tokens[a.start].norm, min_length=4)), None)
    if cue.claim_type != "attack":
        return None
    if word[:1] in "وف" and word[1:] in lex.attack_nouns:
        word = word[1:]
    if word not in lex.attack_nouns:
        return None
    for a in actors:
        if a.start == cue.end or (a.start == cue.end + 1 and has_nisba_shape(tokens[cue.end].norm, min_length=4)):
            return a
    return None


def _relative_agent(cue: Cue, actors: list[ActorSpan], tokens: list[Token], lex) -> ActorSpan | None:
    """The subject of a relative clause on an event noun, whose verb repeats it as a pronoun (القصف
    المكثف الذي ينفذه النظام، الضربات التي شنتها القوات): the event's actor, or ``None``."""
    if lex is None or not tokens or cue.claim_type not in ("attack", "control"):
        return None
    at = cue.relative_subject
    return None if at is None else next((a for a in actors if a.start == at), None)


def relative_subject(cue: Cue, tokens: list[Token], lex) -> int | None:
    """Where the subject of a relative clause on a cue begins, when the clause's verb repeats the cue as
    a pronoun (الضربات التي شنتها واشنطن; after an indefinite noun with no relative pronoun and a claim verb:
    لهجوم تشنه تركيا), not a verb of witnessing (المعارك التي شهدتها سوريا), else ``None``."""
    if not tokens[cue.start].norm.lstrip("وف").startswith(("ال", "لل")):
        # an indefinite noun takes its relative clause with no pronoun (لهجوم تشنه تركيا، غارات نفذتها طائرات)
        for r in range(cue.end, min(cue.end + 2, len(tokens) - 1)):
            verb = tokens[r].norm
            if (len(verb) > 3 and verb.endswith(_RESUMPTIVE) and not tokens[r].text.endswith("ة")
                    and lex.claims.match(tokens, r) is not None):  # a noun in ة is no verb (زيارة وساطة)
                return r + 1
            if not has_nisba_shape(verb):  # one adjective may come first (غارات جوية نفذتها)
                break
    for r in range(cue.end, min(cue.end + _RELATIVE_REACH, len(tokens) - 2)):
        if tokens[r].norm in lex.grammar["relative"]:
            verb = tokens[r + 1].norm
            if (len(verb) > 3 and verb.endswith(_RESUMPTIVE + ("هما",))
                    and not verb.lstrip("و").startswith(lex.stems["witness_stem"])):
                return r + 2
            return None
    return None


def _passive(written: str) -> bool:
    """Whether a verb is written passive: a damma on its first or second letter (قُتل، استُهدف، أُصيب)."""
    word = written.lstrip("وف")
    return "\u064f" in word[:4] and not word.startswith("ال")


def _loss(cue: Cue, tokens: list[Token], lex) -> bool:
    """Whether a control cue is a loss (فقدوا، خسر): its subject is the side that loses the place."""
    if cue.claim_type != "control" or not tokens:
        return False
    return lex.is_loss(tokens[cue.start].norm)


def _opens_its_clause(cue: Cue, tokens: list[Token]) -> bool:
    """Whether a cue is a verb opening its clause — first in the sentence or right after a comma, written
    without و، ف, the article or a preposition — so the actor right after it is its subject (VSO), whoever
    was named before the comma."""
    if not tokens or not (cue.start == 0 or tokens[cue.start - 1].text in "،,"):
        return False
    # with و it is joined to the clause before and shares its subject (شنّ داعش هجوما، وطرد الفصائل: the object)
    return not tokens[cue.start].norm.startswith(("و", "ف", "ال", "لل", "بال", "ب", "ل"))


def _verbal_noun(cue: Cue, tokens: list[Token], lex) -> bool:
    """Whether a control cue is a verbal noun (ومع طرد داعش، تحرير المدينة) rather than a verb."""
    if cue.claim_type != "control" or not tokens:
        return False
    word = tokens[cue.start].norm
    if word.startswith("ال") or word.startswith(("بال", "لل")):
        return True
    return (cue.start > 0 and tokens[cue.start - 1].norm in lex.grammar["verbal_noun_marker"]
            and word.lstrip("وف").startswith(lex.stems["expel_stem"]))
