"""The words the coach listens for, in English, German and Vietnamese.

Closed lists, matched as whole words or whole phrases on text that is already cut to the
answer limit and collapsed: each check is one pass over the words (issue 15's rule: no
pattern with nested quantifiers over what people type). A list says what it is for; the
reader in `answers.py` decides what an answer is from which lists it hits.
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


def _phrases(text: str) -> tuple[str, ...]:
    return tuple(p.strip() for p in text.split("|") if p.strip())


FUNCTION_WORDS = _words(
    "the a an and or but so to of in on at for with by from into over under is are was were "
    "be been am do does did have has had not no yes it its this that these those there here "
    "we our us you your i my me he his him she her they their them who what when where why "
    "how which all any some every each one two more most less many much very too also just "
    "only still then than if because since while after before again will would can could "
    "should may might must shall nobody noone everyone everybody someone somebody anyone "
    "nothing something everything always never often sometimes today yesterday tomorrow "
    "morning evening night week day shift monday tuesday wednesday thursday friday saturday "
    "sunday new old good bad big small same other next last first"
    # German
    " der die das den dem des ein eine einen einem und oder aber ist sind war waren hat "
    "haben nicht kein keine ich du er sie es wir ihr mit von zu im am auf für weil dass"
    # Vietnamese
    " tôi bạn anh chị em nó chúng ta là và của có không được với cho này đó thì mà ấy"
)
GERMAN = _phrases(
    "der|die|das|den|dem|des|ein|eine|einen|einem|einer|und|oder|ist|sind|waren|wird|"
    "werden|haben|nicht|kein|keine|keinen|niemand|nie|immer|mit|von|zum|zur|bei|auf|"
    "für|aus|nach|weil|dass|wir|ich|jeden|jede|jeder|sich|wurde|wurden|gibt|fehlt"
)
"""Words that mark a sentence as German, where a noun keeps its capital mid-sentence."""
DEPARTMENTS = _words(
    "maintenance quality it hr sales purchasing procurement logistics shipping receiving "
    "warehouse finance accounting production engineering planning management it's support "
    "operations ops nursing pharmacy lab dispatch security facilities admin "
    "instandhaltung qualität einkauf lager versand produktion verwaltung "
    "kho bảo trì"
)
TITLES = _words(
    "mr mrs ms miss dr doctor nurse sister brother herr frau anh chị em cô chú bác ông bà"
)
PERSON_VERBS = _words(
    "forgot forgets said says told tells never always didn't doesn't won't left leaves "
    "missed misses skipped skips ignored ignores messed screwed refused refuses called calls "
    "quit wants wanted thinks thought "
    "vergaß vergass vergisst sagt sagte "
    "quên nói"
)
"""Verbs after which a capitalised word is most likely a person ("Kelly forgot")."""
PERSON_PHRASES = _phrases(
    "is on holiday|was on holiday|is on leave|was on leave|is sick|was sick|is ill|was ill|"
    "is absent|was absent|left early|called in sick|went home early|works alone|"
    "is the only|was the only|has no time|had no time|"
    "ist krank|ist im urlaub|war krank|nghỉ phép|bị ốm|đi muộn"
)
"""Two words after which a capitalised word is a person ("John is on holiday")."""

# Blame: a person as the subject of a failing verb or a judgement of character.
PEOPLE = _words(
    "he she they him her them someone somebody operator operators worker workers driver "
    "drivers picker pickers packer packers technician technicians tech intern interns temp "
    "temps colleague colleagues supervisor supervisors manager managers lead leads "
    "staff guys guy girl nurse nurses doctor doctors cleaner cleaners agent agents "
    "developer developers dev devs tester testers clerk clerks employee employees people "
    "team teams shift"
    " kollege kollegen kollegin mitarbeiter mitarbeiterin er sie"
    " anh chị em nhân viên"
)
FAILINGS = _phrases(
    "forgot|forgets|forgotten|forget to|failed to|fails to|missed|misses|ignored|ignores|"
    "messed up|mess up|screwed up|neglected|neglects|skipped|skips|refused to|refuses to|"
    "should have|should've|shouldn't have|should be more careful|should be careful|"
    "should pay attention|needs to be more careful|need to be more careful|"
    "is slow|are slow|was slow|were slow|always slow|so slow|too slow|is late|are late|"
    "was late|always late|is lazy|are lazy|doesn't care|don't care|didn't care|"
    "didn't bother|doesn't bother|don't bother|never checks|never check|never checked|"
    "never cleans|never reads|never listens|never follows|didn't check|didn't follow|"
    "doesn't follow|don't follow|didn't read|didn't listen|didn't notice|didn't think|"
    "didn't look|didn't ask|didn't tell|didn't report|doesn't listen|don't listen|"
    "can't be trusted|is useless|are useless|is incompetent|are incompetent|did it wrong|"
    "did that wrong|did this wrong|does it wrong|got it wrong|was going too fast|"
    "were going too fast|going too fast|drove too fast|drives too fast|was speeding|"
    "was rushing|were rushing|wasn't looking|weren't looking|was not looking|"
    "was on his phone|was on her phone|was on their phone|didn't see|did not see|"
    "hat vergessen|haben vergessen|vergisst|vergaß|vergass|ist zu langsam|sind zu langsam|"
    "ist langsam|passt nicht auf|hat nicht aufgepasst|hat geschlampt|"
    "quên|làm sai|chậm quá|không chịu|không cẩn thận|cẩu thả|lười"
)
CHARACTER = _phrases(
    "careless|carelessness|lazy|laziness|sloppy|incompetent|stupid|idiot|idiots|useless|"
    "clueless|dumb|moron|morons|undisciplined|bad attitude|"
    "no common sense|not paying attention|not careful|wasn't careful|weren't careful|"
    "didn't pay attention|operator error|human error|user error|driver error|worker error|"
    "staff error|personal error|his fault|her fault|their fault|my fault|your fault|to blame|"
    "should be more careful|more careful|"
    "faul|schlampig|unfähig|dumm|idiot|idioten|menschliches versagen|bedienfehler|"
    "lười|cẩu thả|ngu|vô dụng|thiếu ý thức|lỗi của"
)
SOFTENERS = _phrases("because|since|weil|bởi vì|tại vì|vì")
"""The word after which a blaming answer often gives the cause worth keeping."""

UNSURE = _phrases(
    "i don't know|i dont know|i do not know|don't know|dont know|dunno|idk|no idea|not sure|"
    "i'm not sure|im not sure|no clue|unknown|unsure|no answer|pass|i have no idea|"
    "not sure yet|don't know yet|can't say|hard to say|who knows|beats me|"
    "weiß nicht|weiss nicht|ich weiß es nicht|ich weiss es nicht|keine ahnung|k a|unklar|"
    "weiß ich nicht|weiss ich nicht|keine idee|"
    "không biết|tôi không biết|em không biết|chưa biết|không rõ|chưa rõ|chịu"
)
HYPOTHESIS_LEADS = _phrases(
    "maybe|perhaps|possibly|probably|i guess|i suspect|my guess is|could it be|might it be|"
    "is it|was it|could be|might be|it could be|it might be|i wonder if|what if|"
    "vielleicht|wahrscheinlich|könnte es|liegt es an|ob es|"
    "có lẽ|có thể là|chắc là|hình như|phải chăng"
)
TO_THE_COACH = _phrases(
    "why do you ask|why are you asking|what do you mean|what should i say|what do you want|"
    "how should i answer|what does that mean|who are you|are you a bot|are you a person|"
    "who sees this|who can see this|who reads this|is this anonymous|is this private|"
    "what is this for|why does it matter|what's the point|whats the point|"
    "warum fragst du|was meinst du|wer sieht das|ist das anonym|"
    "sao lại hỏi|ý bạn là gì|ai xem được|có ẩn danh không"
)
CORRECTIONS = _phrases(
    "scratch that|actually no|no wait|wait no|i was wrong|that's wrong|that was wrong|"
    "ignore that|ignore my last|forget that|forget what i said|correction|let me correct|"
    "i meant|sorry i meant|not what i meant|back|go back|undo|take that back|"
    "nein doch nicht|vergiss das|korrektur|ich meinte|falsch|"
    "nhầm rồi|không phải|sửa lại|ý tôi là"
)
FEAR = _phrases(
    "get in trouble|get into trouble|be in trouble|i'll be in trouble|get fired|be fired|"
    "lose my job|lose their job|lose his job|lose her job|afraid|scared|frightened|"
    "worried they|i'm worried|im worried|don't want to get|dont want to get|"
    "don't want anyone to get|not allowed to say|can't say that|cannot say|retaliation|"
    "retaliate|punish|punished|written up|get written up|disciplinary|blamed for|"
    "if i tell the truth|if i say the truth|if they find out|snitch|rat on|"
    "ärger bekommen|ärger kriegen|angst|gekündigt|abmahnung|bestraft|"
    "sợ|bị phạt|bị đuổi|bị mắng|bị kỷ luật|mất việc"
)
EMOTION = _phrases(
    "frustrated|frustrating|fed up|sick of|sick and tired|i hate|hate this|annoying|annoyed|"
    "ridiculous|this is a joke|a joke|so tired|exhausted|stressed|stressful|angry|furious|"
    "pissed|wtf|fucking|fuck|shit|damn|ugh|argh|crazy|insane|unbelievable|i give up|"
    "nervt|genervt|frustriert|scheiße|scheisse|mist|wütend|keine lust|"
    "bực|bực mình|chán|mệt mỏi|mệt quá|điên|tức"
)
ADMISSION = _phrases(
    "that one is on me|that's on me|thats on me|it's on me|on me|my bad|my fault|my mistake|"
    "i forgot|i messed up|i screwed up|i missed|i didn't|i did not|i should have|"
    "i should've|i was late|i skipped|i dropped|i broke|i made a mistake|honestly that was me|"
    "it was me|that was me|i own that|"
    "mein fehler|meine schuld|ich habe vergessen|hab vergessen|ich hab|ich war|"
    "lỗi của tôi|lỗi của em|tôi quên|em quên|tôi làm sai|em làm sai"
)
SAFETY = _phrases(
    "injury|injured|injuries|hurt himself|hurt herself|hurt themselves|got hurt|was hurt|"
    "were hurt|hurt his|hurt her|hurt my|cut his|cut her|cut my|cut their|cut hi|cut a finger|"
    "bleeding|blood|burned|burnt|burns|broke his|broke her|broken arm|broken leg|fell off|"
    "fell from|fell down|slipped|tripped|near miss|near-miss|almost hit|nearly hit|"
    "almost fell|nearly fell|almost crushed|crushed|trapped|pinched|electric shock|"
    "got a shock|ambulance|first aid|unconscious|fainted|collapsed|accident|"
    "needlestick|needle stick|fell out of bed|patient fell|"
    "verletzt|verletzung|unfall|beinaheunfall|geschnitten|gestürzt|ausgerutscht|"
    "bị thương|tai nạn|suýt|đứt tay|chảy máu|bị ngã|té ngã|bỏng"
)
LABELS = _phrases(
    "time|no time|lack of time|not enough time|money|no money|budget|no budget|cost|costs|"
    "lack of discipline|no discipline|more discipline|communication|bad communication|"
    "poor communication|lack of communication|"
    "miscommunication|planning|bad planning|poor planning|lack of planning|discipline|"
    "lack of discipline|culture|attitude|motivation|lack of motivation|management|"
    "bad management|poor management|resources|lack of resources|priorities|priority|"
    "complexity|stress|workload|the system|system|process|processes|bad process|"
    "bad luck|luck|bureaucracy|politics|organisation|organization|bad organisation|"
    "bad organization|people|staffing|understaffing|understaffed|training|lack of training|"
    "human factor|human factors|mindset|awareness|lack of awareness|ownership|"
    "lack of ownership|quality|bad quality|efficiency|habit|habits|"
    "zeit|keine zeit|geld|kein geld|kommunikation|schlechte kommunikation|planung|"
    "schlechte planung|disziplin|stress|personalmangel|"
    "thời gian|tiền|giao tiếp|kế hoạch|kế hoạch kém|ý thức|thiếu người"
)
JUNK = _phrases(
    "lol|lmao|rofl|haha|hahaha|hehe|ok|okay|k|kk|yes|no|yep|nope|yeah|nah|hmm|hm|meh|"
    "asdf|test|testing|whatever|idk lol|sure|fine|cool|nice|thanks|thank you|ty|thx|"
    "good|great|+1|-1|same|this|that|it|xd|:)|:(|ja|nein|ok danke|danke|vâng|dạ|ừ|ok ạ"
)
YES = _phrases(
    "yes|yep|yeah|yup|correct|right|exactly|that's it|thats it|that's the root cause|"
    "that is the root cause|root cause|it would|it would stop|yes it would|confirmed|"
    "checked|it is|it was|true|ja|genau|richtig|stimmt|có|đúng|đúng rồi|phải|"
    "ja, genau|ja genau|ja, das ist es|das ist es|das ist die grundursache|grundursache|"
    "đúng vậy|phải rồi|chính xác|chính nó|đây là nguyên nhân gốc|nguyên nhân gốc"
)
KEEP_ASKING = _phrases(
    "keep asking|no|nope|not yet|keep going|go on|ask more|dig deeper|not really|nein|"
    "weiter|noch nicht|không|chưa|hỏi tiếp"
)
NOT_A_COUNTERMEASURE = _phrases(
    "done|root cause|thanks|thank you|ok|okay|yes|no|fine|good|great|cool|lol|idk|"
    "i don't know|dont know|not sure|no idea|nothing|none|n a|na|tbd|later|"
    "danke|fertig|keine ahnung|weiß nicht|weiss nicht|grundursache|ja|nein|später|"
    "xong|cảm ơn|không biết|nguyên nhân gốc|có|không|chưa biết|để sau"
)
ROOT_CAUSE_REACHED = _phrases(
    "grundursache|die grundursache|das ist die grundursache|das ist unsere grundursache|"
    "grundursache gefunden|ursache gefunden|wir haben die grundursache|"
    "wir haben die grundursache gefunden|ich glaube das ist die grundursache|"
    "nguyên nhân gốc|đây là nguyên nhân gốc|đó là nguyên nhân gốc|"
    "đây chính là nguyên nhân gốc|đã tìm ra nguyên nhân gốc|tìm ra nguyên nhân gốc rồi|"
    "tôi nghĩ đây là nguyên nhân gốc"
)
"""Saying, in German or Vietnamese, that the root cause is reached (the whole answer)."""
ROOT_CAUSE_LEADS = _phrases(
    "grundursache:|die grundursache:|grundursache ist|die grundursache ist|"
    "nguyên nhân gốc:|nguyên nhân gốc là:|nguyên nhân gốc là"
)
"""How a German or Vietnamese answer names the root cause before saying it."""
DONE = _phrases("fertig|erledigt|xong|xong rồi")
"""The default stop word "done", as German and Vietnamese teams say it."""

# Causes in the system: what a team can change. Each word names the kind of cause it is.
SYSTEM_CAUSES: dict[str, tuple[str, ...]] = {
    "a standard": _phrases(
        "checklist|check list|standard|standard work|sop|work instruction|instruction|"
        "instructions|procedure|rule|rules|policy|spec|specification|definition of done|"
        "not defined|never defined|undefined|no owner|nobody owns|no one owns|noone owns|"
        "not written down|not documented|no documentation|not on the|isn't on the|"
        "is not on the|not part of|isn't part of|not in the|no standard|no rule|"
        "arbeitsanweisung|standard|checkliste|prüfliste|vorgabe|vorschrift|"
        "anweisung|quy trình|tiêu chuẩn|hướng dẫn|danh sách kiểm tra|quy định|quy trình chuẩn"
    ),
    "training": _phrases(
        "training|trained|untrained|onboarding|induction|not taught|never taught|never shown|"
        "nobody showed|no one showed|nobody taught|no one taught|skill|skills matrix|"
        "schulung|eingearbeitet|einarbeitung|geschult|unterweisung|eingewiesen|đào tạo|"
        "hướng dẫn|chưa được đào tạo|không được đào tạo"
    ),
    "the process": _phrases(
        "schedule|pm schedule|preventive maintenance|maintenance plan|plan|process|handover|"
        "hand-over|hand over|shift change|shift handover|approval|sign-off|workflow|step|"
        "batch|batches|queue|order point|reorder point|reorder|kanban|sequence|routing|"
        "nobody covers|no cover|no backup|no one covers|one person|only one person|"
        "single point|rota|roster|planning board|review|no review|prüfung|ablauf|übergabe|"
        "reinigungsplan|wartungsplan|zeitplan|schichtplan|zuständig|zuständigkeit|freigabe|"
        "lịch|bàn giao|phê duyệt|không có người thay|không ai thay|lịch vệ sinh|lịch bảo trì|"
        "lịch bảo dưỡng|kế hoạch bảo trì|phụ trách|không ai phụ trách"
    ),
    "information": _phrases(
        "not told|no one tells|nobody tells|no information|no signal|no visual|not visible|"
        "can't see|cannot see|no feedback|no data|not measured|no measurement|no board|"
        "no display|not shared|no notice|keine information|không có thông tin"
    ),
    "the design or layout": _phrases(
        "design|layout|designed|too far|far away|next to|placed|placement|location|shelf|"
        "shelves|storage|space|walkway|path|position|height|same colour|same color|look alike|"
        "look the same|similar|packaging|drawing|layout|anordnung|platz|bố trí|thiết kế"
    ),
    "a tool or machine": _phrases(
        "tool|tools|machine|printer|sensor|scanner|guard|fixture|jig|gauge|software|system|"
        "screen|app|form|template|spreadsheet|label|labels|alarm|signal|indicator|light|"
        "reminder|notification|alert|poka-yoke|poka yoke|mistake-proof|interlock|"
        "maschine|werkzeug|sensor|software|máy|công cụ|phần mềm"
    ),
}
ON_A_PERSON = _phrases(
    "be more careful|more careful|pay more attention|pay attention|tell him|tell her|"
    "tell them|remind him|remind her|remind them|talk to him|talk to her|talk to them|"
    "warn him|warn her|warn them|punish|discipline him|discipline her|write him up|"
    "write her up|fire him|fire her|replace him|replace her|yell at|"
    "besser aufpassen|vorsichtiger sein|abmahnen|cẩn thận hơn|nhắc nhở|kỷ luật"
)
"""A countermeasure aimed at a person rather than the work."""
