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
    # a definite word is no reporting verb (التابع), whom it is said to is no speaker (للمحققين), and a
    # quoted phrase after a preposition is no subject (بـ"التصعيد الخطير" وقال)
    ("وكان مجلس الأمن التابع للأمم المتحدة أصدر قرارا", None),
    ("وكان مسؤولا عن التدريب، وفق ما قال للمحققين", None),
    ("وقال مدير المرصد رامي عبد الرحمن لوكالة فرانس برس إن القصف تواصل", "مدير المرصد رامي عبد الرحمن"),
    ("وقالت تركيا الشهر الماضي إن قواتها دخلت عفرين", "تركيا"),
    ("ودون ذكر للضربات في دمشق، قال البابا إنه يصلي للسلام", "البابا"),          # دون ذكر: a noun
    ("منذ أعلنت روسيا الأسبوع الماضي عن هدنة في الغوطة", "روسيا"),                # منذ أعلنت: a verb
    ("وصف القرار بـ\"التصعيد الخطير\" وقال إن القوات تقدمت", None),
    ("لكن الدفاع المدني والمعروف باسم \"الخوذ البيضاء\" أكد أن الهجوم أوقع قتلى", "الخوذ البيضاء"),
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


@pytest.mark.parametrize(("sentence", "speaker"), [
    # a quoted phrase is what is said, not who says it
    ("ووصف القرار بـ«التصعيد الخطير لاستخدام أسلحة كيميائية» وقال إن الحل قريب", None),
    # a short name in quotes after an agency is part of its name
    ('واستهدفت الضربات، وفق ما نقلت وكالة الأنباء الرسمية "سانا"، مركزا للبحوث', 'وكالة الأنباء الرسمية "سانا"'),
    # an addressee is not the speaker
    ("أكد مسؤول حكومي سوري لـCNN أن الضربات دقيقة", "مسؤول حكومي سوري"),
    # a relative clause ends the speaker
    ("وذكر القائد الذي فضل عدم ذكر اسمه أن المسلحين انسحبوا", "القائد"),
    # a preposition after the verb names no speaker
    ("وفق ما قال أمام المحكمة إنه قاتل هناك", None),
    # a medium quoting someone: the one quoted speaks
    ("ونقلت وسائل إعلام تركية عن رئيس الوزراء بن علي يلدريم قوله إن القوات بدأت مهامها", "رئيس الوزراء بن علي يلدريم"),
    # an apposition between commas names the speaker too
    ("اتهم رئيس مركز المصالحة، فلاديمير سافتشينكو، الولايات المتحدة باستخدام قنابل", "رئيس مركز المصالحة، فلاديمير سافتشينكو"),
    # an unclosed bracket is closed
    ("قالت وكالة الشرطة الأوروبية (يوروبول)، الأربعاء إن الهجمات تراجعت", "وكالة الشرطة الأوروبية (يوروبول)"),
    # a demonstrative begins the verb's object
    ("واعتبرت وكالة الأنباء السورية الرسمية (سانا) هذه التقارير حملة تشويه", "وكالة الأنباء السورية الرسمية (سانا)"),
    # a temporal phrase after the verb names no speaker
    ("وأعلن بعد ذلك أن القوات انسحبت", None),
    # after 'according to what', the verb with its pronoun, then who said it
    ("ورفعت القوات العلم في بلدة دوما، بحسب ما ذكرته وزارة الدفاع الروسية.", "وزارة الدفاع الروسية"),
    # a contrast conjunction or an adverb names no speaker
    ("لكن ترامب قال للصحفيين إن القوات ستنسحب", "ترامب"),
    ("وقال أيضا إن إسرائيل مصممة على الرد", None),
    # where a report appeared speaks for it, when reported speech follows
    ("وجاء في التقارير أن هجمات النظام كانت جزءا من جهد لاستعادة المدينة", "التقارير"),
    ("وجاء في وقت تشهد فيه المنطقة توترا", None),
    # a quoted subject names its source when a complement follows it
    ('وأكدت "معلومات مخابراتية موثوقة" أن المسؤولين نسقوا الهجوم', 'معلومات مخابراتية موثوقة'),
    # a reporting verb after تمّ is a verbal noun (نقل: transfer)
    ("سيتم نقل مسلحي المعارضة إلى إدلب", None),
    # an attribution inside a clause that goes on: only the words agreeing with its first one
    ("استهدفت غارة وفق المرصد قبو مدرسة كان المدنيون يحتمون فيها", "المرصد"),
    ("ويشكل الهجوم بحسب محللين تحديا كبيرا أمام القوات", "محللين"),
    ("وتسيطر القوات بحسب وسائل إعلام حكومية على البلدة", "وسائل إعلام حكومية"),
    ("وقتل ثلاثة بحسب المتحدث باسم وحدات حماية الشعب نوري محمود في البلدة", "المتحدث باسم وحدات حماية الشعب"),
    ("وبحسب بعض المصادر الحكومية - باحتجاجات على الغارات", "بعض المصادر الحكومية"),
    # closed by punctuation, or by the reported speech, the whole phrase
    ("وقتل ثلاثة بحسب مندوب سوريا لدى الأمم المتحدة بشار الجعفري.", "مندوب سوريا لدى الأمم المتحدة بشار الجعفري"),
    ("وجاء في وكالة الأنباء السورية الرسمية سانا أن القوات تقدمت", "وكالة الأنباء السورية الرسمية سانا"),
    # the imperfect of أضاف ends the speaker before it; an adverbial after the verb names none
    ("تقول الصحيفة وتضيف بأن القوات تقدمت", "الصحيفة"),
    ("وقال بهذا الصدد إن القوات تقدمت", None),
    # who admits speaks for what it admits; its object after ب and an adverb end its name
    ("واعترفت إسرائيل رسميا بأن طائراتها قصفت المطار", "إسرائيل"),
    ("وعندما اعترفت الولايات المتحدة بالقدس عاصمة", "الولايات المتحدة"),
    # a quoted object that names an event is no short name of the speaker
    ('وأدان الرئيس الفرنسي ماكرون "الهجوم الكيميائي"، ضد المدنيين', "الرئيس الفرنسي ماكرون"),
    # where it is based, a temporal preposition and an adverb after the name are no part of it
    ("وقال المرصد السوري لحقوق الإنسان ومقره بريطانيا إن القوات تقدمت", "المرصد السوري لحقوق الإنسان"),
    ("وأعلن وزير الخارجية سيرغي لافروف بعد لقائه نظيره أن القوات تقدمت", "وزير الخارجية سيرغي لافروف"),
    ("وقال وزير الخارجية الروسي مؤخرا إن القوات تقدمت", "وزير الخارجية الروسي"),
    ("وفق ما أفادت مراسلة فرانس برس تزامناً مع إعلان الرئيس", "مراسلة فرانس برس"),
    # حسبما in one word: its speaker after the verb (أعلنه: the verb with its object pronoun), never the words
    # before it; a relaying verb's source after عن, as after the verb alone
    ("وتقدمت القوات نحو البلدة حسبما أعلنه قائد عسكري لوكالة رويترز", "قائد عسكري"),
    ("وقصفت الطائرات مواقع عسكرية معينة حسبما قالت على حسابها في فيسبوك", None),
    ("واستهدف التحالف مواقع في دير الزور، حسبما نقلت وكالة سانا عن مصدر عسكري", "مصدر عسكري"),
    ("وتقدمت القوات، بحسب ما نقلت وكالة سانا عن مصدر عسكري", "مصدر عسكري"),
    # a relative pronoun before the verb: its antecedent when it begins as speakers do and is no event
    ("ولم يصدر تعليق من الجيش التركي الذي نفى من قبل الاتهامات", "الجيش التركي"),
    ("وشنت الطائرات غارات ردا على الهجوم الكيميائي الذي اتهم النظام بشنه", None),
])
def test_speaker_phrases(lex, sentence, speaker):
    assert Attributor(lex).speaker(lex.tokenize(sentence), sentence, 0) == speaker


def test_a_reporting_verb_without_a_subject_goes_on_with_the_speaker(run):
    doc = run("speakers", "وقال المرصد السوري إن القوات تقدمت. وأشار إلى أن الاشتباكات مستمرة.")
    assert [s.speaker for s in doc.sents] == ["المرصد السوري", "المرصد السوري"]


def test_a_report_joined_after_a_clause_does_not_reach_back(run):
    # استهدفت صواريخ …، وأوردت سانا أنه …: the strike is narrated; what follows أنه is سانا's
    text = "استهدفت صواريخ مستودعات للجيش غربي مدينة حمص، وأوردت سانا أنه تم قصف مواقع في حماة."
    doc = run("statements", text)
    by_place = {st.places[0].text: st.speaker for st in doc.sents[0].statements if st.places}
    assert by_place == {"حمص": None, "حماة": "سانا"}


def test_according_to_what_he_said_carries_the_previous_speaker(run):
    text = "وأوضح جدعون أنه دخل إلى العراق.\nوقاتل في تكريت، وفق ما قال أمام المحكمة."
    doc = run("speakers", text)
    assert [s.speaker for s in doc.sents] == ["جدعون", "جدعون"]


@pytest.mark.parametrize(("text", "speaker", "actor"), [
    ("واتهمت دمشق إسرائيل بقصف مطار التيفور العسكري في حمص.", "دمشق", "إسرائيل"),
    ("وتتهم دمشق وموسكو مسلحي المعارضة بقصف الأحياء في الغوطة.", "دمشق وموسكو", "مسلحي المعارضة"),
    ("واتهم قائد قوات سوريا الديمقراطية تركيا بقصف عفرين.", "قائد قوات سوريا الديمقراطية", "تركيا"),
    ("وكانت المعارضة اتهمت الشهر الماضي قوات النظام بقصف دوما.", "المعارضة", "قوات النظام"),  # SVO
])
def test_the_accused_follows_the_speaker_and_did_the_deed(run, text, speaker, actor):
    doc = run("statements", text)
    [st] = [s for s in doc.sents[0].statements if s.claim_type == "attack"]
    assert (st.speaker, st.actor) == (speaker, actor)


@pytest.mark.parametrize(("text", "speaker"), [
    # a quotation right after the verb is what is said; the speaker goes on
    ('قال المرصد إن الطائرات قصفت درعا.\nوقال "أدى القصف التركي على عفرين إلى فرار آلاف المدنيين".', "المرصد"),
    # a place that speaks ends with its name: what follows is the verb's object
    ("طالبت واشنطن موسكو بأن تستخدم نفوذها لوقف الهجوم.", "واشنطن"),
    ("ونفت الولايات المتحدة العلاقة مع الهجوم على قاعدة الشعيرات.", "الولايات المتحدة"),
    ("وقالت روسيا وإيران إن القوات سيطرت على حلب.", "روسيا وإيران"),
    # a time after the verb is no speaker
    ("وأعلنت وزارة الدفاع فجر السبت عن ضربات جوية على مواقع في دوما.", "وزارة الدفاع"),
])
def test_the_speaker_is_neither_the_quotation_nor_the_object(run, text, speaker):
    doc = run("speakers", text)
    assert doc.sents[-1].speaker == speaker


def test_a_relative_pronoun_is_no_speaker(run):
    doc = run("speakers", "وتتناقض التصريحات مع الإيجاز الصحفي لوزارة الدفاع، التي قالت إن الدفاعات أسقطت صواريخ.")
    assert doc.sents[0].speaker != "التي"


@pytest.mark.parametrize(("text", "speaker"), [
    # a place after a complete name begins the verb's object
    ("ودعا الاتحاد الأوروبي روسيا وإيران إلى استخدام نفوذهما لوقف الهجوم.", "الاتحاد الأوروبي"),
    ("وطالبت حكومة بغداد أنقرة بالانسحاب من بعشيقة.", "حكومة بغداد"),
    # not a person's first name spelt like a place
    ("وقالت وزيرة الدفاع الفرنسية فلورانس بارلي إن الضربات استهدفت مواقع.", "وزيرة الدفاع الفرنسية فلورانس بارلي"),
    ("وقال منسق الأمم المتحدة بسوريا إن القصف تواصل.", "منسق الأمم المتحدة بسوريا"),
])
def test_a_place_after_a_complete_name_begins_the_object(run, text, speaker):
    assert run("speakers", text).sents[0].speaker == speaker


@pytest.mark.parametrize(("text", "speaker"), [
    # a noun with a possessive pronoun after a complete name is the verb's object
    ("وأعلنت إسرائيل تأييدها القوي لقرار ترامب بالانسحاب من الاتفاق.", "إسرائيل"),
    ("ونقلت الوكالة عن وزارة الدفاع نفيها لصحة تقارير عن هجوم في دوما.", "وزارة الدفاع"),
    # not the emphatic نفسها (the same sources)
    ("وقالت المصادر نفسها إن القوات دخلت البلدة.", "المصادر نفسها"),
])
def test_a_possessed_noun_after_a_complete_name_is_the_object(run, text, speaker):
    assert run("speakers", text).sents[0].speaker == speaker


def test_the_speakers_own_words_after_an_attribution_are_the_previous_speaker(run):
    text = "وقال المرصد إن القوات تقدمت في ريف حلب.\nواستهدفت الطائرات أربع منشآت صحية، وفق قوله، في الغوطة."
    doc = run("speakers", text)
    assert [s.speaker for s in doc.sents] == ["المرصد", "المرصد"]


@pytest.mark.parametrize(("title", "speaker"), [
    ("المرصد السوري: قوات النظام تسيطر على بلدة خان شيخون", "المرصد السوري"),
    ("وزير خارجية تركيا من الأردن: دخول القوات إلى منبج مرفوض", "وزير خارجية تركيا"),   # from where: not his
    ("مصادر لـCNN: غارات على مواقع في إدلب", "مصادر"),                                 # whom it was said to
    ("وأردوغان: قواتنا تتقدم نحو عفرين", "أردوغان"),                                    # a headline joined on
    ("الحرب في سوريا: غارات على مواقع في إدلب", None),                                  # a topic
    ("سوريا: غارات على مواقع في إدلب", None),                                           # a place alone: a topic or a party
    ("\"غصن الزيتون\": القوات التركية تدخل عفرين", None),                                 # quoted: a name of a topic
])
def test_a_headline_x_colon_is_what_x_says(nlp, title, speaker):
    from geonews.reading.articles import Article

    statements = nlp.statements(Article(id="a", text="وقال الوزير إن الوضع هادئ.", title=title))
    assert {s.speaker for s in statements if s.part == "title"} == {speaker}


def test_x_colon_in_the_text_is_no_speaker(nlp):
    from geonews.reading.articles import Article

    (statement,) = nlp.statements(Article(id="a", text="المرصد السوري: غارات على مواقع في إدلب."))
    assert statement.part == "text" and statement.speaker is None


def test_an_indirect_question_is_what_is_said_not_the_speaker(run):
    doc = run("speakers", "وأظهرت التسريبات كيف استغل النظام الطيران المدني لدعم الإرهاب.")
    assert doc.sents[0].speaker == "التسريبات"


@pytest.mark.parametrize(("text", "speaker"), [
    ("الأمم المتحدة تحذر من كارثة في درعا", "الأمم المتحدة"),               # a headline: the subject opens it
    ("لكن السلطات السعودية تنفي أي تورط لها في الهجوم.", "السلطات السعودية"),   # the noun after it is its object
    ("وتنفي تركيا استهداف المدنيين في عفرين.", "تركيا"),                     # opening its clause: the subject follows
    ("ونفت دمشق أية مسؤولية عن الهجوم على دوما.", "دمشق"),                   # what is denied ends the name
])
def test_imperfect_reporting_verbs_and_denials(run, text, speaker):
    assert run("speakers", text).sents[0].speaker == speaker


def test_an_imperfect_inside_a_sentence_names_no_speaker(run):
    doc = run("speakers", "وأضاف بوزداغ، الذي كان يتحدث في مؤتمر صحفي في أنقرة، أن القوات لم تدخل عفرين.")
    assert doc.sents[0].speaker == "بوزداغ"
