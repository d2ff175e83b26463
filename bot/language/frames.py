"""Every sentence the 5-Whys coach says, in one place, so it can be read, tuned and
translated as a whole. Placeholders are named: {n} the idea's number, {position} the open
why, {question} its question, {quote} someone's own (neutralised) words.

The voice: a coach with questions, not verdicts. Thank what is honest, look past people to
the work, never judge, keep anything about a person between the coach and that person.
"""

from __future__ import annotations

from bot.language.phrases import N_

# Questions built from a person's own words, when a rewrite would not be certain.
QUOTE_FRAME = N_("You said: \u201c{quote}\u201d. What makes that happen?")
QUOTE_FIRST = N_("You wrote: \u201c{quote}\u201d. What makes that happen?")
SAFETY_FIRST_WHY = N_(
    "What about the work, the equipment or the place made this possible: \u201c{quote}\u201d?"
)

# An idea that names a person, before its card is public.
IDEA_NAMES_A_PERSON = N_(
    "Before I post this: your idea names {names}. Cards are public, and a name on a problem "
    "can read as blame, even when it isn't meant so. The cause is almost always in the "
    "work, which is what we'll look at."
)
IDEA_REWORDED = N_("How about: \u201c{quote}\u201d? You can also keep your own words.")
IDEA_POSTED_THERE = N_(
    "Thanks! Idea #{number} is posted in {channel}, where I ask its whys to find the root "
    "cause. Answering here counts just the same."
)
POST_REWORDED = N_("Post it reworded")
POST_AS_WRITTEN = N_("Post it as I wrote it")

# Where a cause in the system lies (`answers.cause_kind`): after "a cause", and named.
CAUSE_IN = {
    "a standard": N_("in a standard"),
    "training": N_("in training"),
    "the process": N_("in the process"),
    "information": N_("in information"),
    "the design or layout": N_("in the design or layout"),
    "a tool or machine": N_("in a tool or machine"),
}
SOMEWHERE_IN_THE_WORK = N_("in the way the work is set up")
CAUSE_KIND = {
    "a standard": N_("a standard"),
    "training": N_("training"),
    "the process": N_("the process"),
    "information": N_("information"),
    "the design or layout": N_("the design or layout"),
    "a tool or machine": N_("a tool or machine"),
}

# Opening a dialogue.
HOW_TO_ANSWER = N_("Reply in this thread to answer.")
HOW_TO_ANSWER_ANONYMOUSLY = N_(
    "Answer privately with `kaizen answer {n} <answer>` to stay anonymous."
)
HOW_IT_GOES = N_(
    "I'll keep asking why until we reach something in the way the work is set up that we "
    "can change; say \u201c{stop}\u201d when you have reached it."
)
SAFETY_FIRST = N_(
    "Safety first: is everyone who was hurt looked after, and is the equipment made safe "
    "(stopped, locked out, guarded) until we know more? Once that is done, let's find out "
    "how it could happen, so it cannot happen again."
)

# The whys themselves, as the thread and the summary show them.
WHY_N = N_("Why #{n}: {question}")
WHY_OF_IDEA = N_("Why #{n} of idea #{number}: {question}")
ANSWERED = N_("{person} answered Why #{n}: {answer}")
STILL_OPEN_QUESTION = N_("Why does that happen?")

# Answers that become whys.
OFFER = N_(
    "That sounds like a cause {where} that the team can change. If we fixed it, would "
    "the problem stop? If so, press \u201cYes, that's the root cause\u201d or reply "
    "\u201cyes\u201d; if not, answer Why #{position}."
)
KEPT_AFTER_BLAME = N_(
    "Thanks. I kept the part about the work, \u201c{quote}\u201d, as the answer to Why "
    "#{position}; the part about a person stays between us. People do what the work makes "
    "easy, so that's where we look."
)
KEPT_AFTER_ADMISSION = N_(
    "Thank you for being straight about it: that takes courage, and it helps. I kept "
    "\u201c{quote}\u201d as the answer to Why #{position}."
)
FELT = N_("That sounds frustrating, and it's worth fixing. I've noted your answer.")
SAFETY_ANSWER = N_(
    "Before we go on: is everyone looked after, and is whatever hurt someone made safe "
    "(stopped, locked out, guarded)? If not, please see to that first. The whys can wait."
)

# Answers that are not whys yet: each gets the move a coach would make, privately.
BLAME = (
    N_(
        "Let's look past the person to the work. People do what the work makes easy. What "
        "about the checklist, the tools, the training, the time or the instructions made this "
        "likely? Why #{position} is still open: {question}"
    ),
    N_(
        "Good people get tripped up by the way the work is set up. Finish this sentence for "
        "Why #{position}: \u201cIt was possible because \u2026\u201d, naming something in the "
        "work, not a person."
    ),
    N_(
        "I'd rather not stop at a person: we couldn't change the work that way. What would "
        "make the right way the easy way here? Why #{position}: {question}"
    ),
)
ADMISSION = N_(
    "Thank you for being straight about it: that takes courage, and it is how we learn. "
    "Anyone can slip when the work allows it, so let's look at the work: what made it easy "
    "to miss (no reminder, no checklist step, no signal, the timing)? That is the answer "
    "to Why #{position} we can fix."
)
SYMPTOM = N_(
    "That is the problem as we see it. What happens just before it? What makes it happen? "
    "Why #{position}: {question}"
)
LABEL = {
    "time": N_("Time for what, exactly? What takes the time, or what has to come first?"),
    "money": N_("What would the money be spent on, and what happens today without it?"),
    "communication": N_(
        "\u201cCommunication\u201d covers a lot. Who needed which information, when, and "
        "how did it (not) reach them?"
    ),
    "planning": N_("What in the plan was missing, late or changed, and who saw it first?"),
    "discipline": N_(
        "What makes the shortcut easier than the right way? That is usually where the cause is."
    ),
    "": N_("That names an area, not yet a fact. What did you see happen, concretely?"),
}
LABEL_WORDS = {
    "time": ("time", "zeit", "thời gian", "workload", "stress"),
    "money": ("money", "budget", "cost", "geld", "tiền", "resources"),
    "communication": ("communication", "miscommunication", "kommunikation", "giao tiếp"),
    "planning": ("planning", "plan", "planung", "kế hoạch", "organisation", "organization"),
    "discipline": ("discipline", "attitude", "motivation", "culture", "mindset", "ý thức"),
}
UNSURE = N_(
    "Not knowing yet is an honest place to be. Could you go and see where it happens, or "
    "ask someone who does that work every day? A best guess is welcome too. I can pause "
    "these whys and remind you tomorrow."
)
HYPOTHESIS = N_(
    "A good lead: \u201c{quote}\u201d. How could we check it? What would you expect to see "
    "if it were so? Once you've looked, reply \u201cyes\u201d to keep it as the answer to "
    "Why #{position}, or tell me what you found."
)
QUESTION_WHY = N_(
    "Fair question. Asking why a few times gets past the first explanation to something "
    "in the way the work is set up, which the team can change. Nobody is being judged. "
    "Why #{position}: {question}"
)
QUESTION_WHO_SEES = N_(
    "Replies in the idea's thread are seen by everyone in that channel. If you'd rather "
    "not, answer in a direct chat with me with `kaizen answer {n} <answer>`: I keep "
    "anything about a person out of the thread, and the summary shows the chain without "
    "names. Why #{position}: {question}"
)
QUESTION_WHAT = N_(
    "Just say in your own words what makes it happen; a short sentence is plenty, for "
    "example \u201cthe rollers get dusty\u201d. Why #{position}: {question}"
)
EDITED = N_(
    "I've taken your edit as the answer to Why #{position}, and asked the next why again from it."
)
TAKEN_BACK = N_("Got it: I've taken back your answer to Why #{position} and read your new one.")
COMMAND_IN_THREAD = N_(
    "That looks like a command, so I haven't taken it as an answer. Commands work in the "
    "channel or in a direct chat with me: `{command}`. The why is still open here."
)
CORRECTED = N_("Got it: I've taken back the answer to Why #{position}. {question}")
NOTHING_TO_TAKE_BACK = N_("There is no answer to take back yet. Why #{position}: {question}")
FEAR = N_(
    "Thank you for telling me. Nobody should get into trouble for saying how the work "
    "really goes. From here on I'll ask the whys of idea #{n} only here, between the two "
    "of us, and I won't post your answers in the thread; I haven't kept what you just said "
    "as an answer. Reply here or use `kaizen answer {n} <answer>` in a direct chat with "
    "me. The summary will show the chain without names, so nobody is pointed at. "
    "Why #{position}: {question}"
)
EMOTION = N_(
    "That sounds frustrating, and it's exactly why it's worth fixing. When you're ready, "
    "let's look at what makes it happen. Why #{position}: {question}"
)
REPEAT = N_(
    "That is close to your answer to Why #{earlier} (\u201c{quote}\u201d): we've come round "
    "in a circle. What is different this time, or what happens before that?"
)
SEVERAL = N_(
    "You named {count} causes:\n{listed}\nWhich one shall we follow first? Reply with its "
    "number. I can keep the others as ideas of their own, linked to idea #{n}."
)
PICKED = N_(
    "Following \u201c{quote}\u201d. The others can be ideas of their own: press "
    "\u201cKeep the others as ideas\u201d, or leave them be."
)
JUNK = N_("Could you say a little more? Why #{position}: {question}")
PAUSED = N_(
    "Paused. I'll remind you about Why #{position} of idea #{n} tomorrow. Reply whenever "
    "you have seen it."
)

# Stopping and summing up.
SUMMARY_TITLE = N_("Root cause found for idea #{n}")
READ_BACK = N_("Read back: {chain}.")
THEREFORE = N_("{cause}, and therefore {effect}")
PROBLEM = N_("Problem: {problem}")
CHAIN_LINK = N_("Why #{n}: {question} \u2192 {answer}")
ROOT = N_("Root cause: {root}")
ROOT_KIND = N_("Kind of cause: {cause}, something the team can change.")
ROOT_NOT_SYSTEM = N_(
    "Kind of cause: not yet clearly in the system. Before planning a fix, check it where "
    "the work happens."
)
HONEST = N_(
    "We asked {count} whys without reaching something in the work we could clearly change. "
    "The last answer is our best lead; go and see before planning a fix."
)
ASK_FOR_PLAN = N_(
    "What countermeasure would remove this root cause? Reply here with it. Idea #{n} is "
    "now at Plan."
)
SUMMARY_PRIVATELY = N_("The 5 Whys of idea #{n} are summed up; I sent you the chain privately.")
NOT_A_ROOT = N_(
    "\u201c{quote}\u201d isn't a root cause we can work on yet. Why #{position}: {question}"
)

# After the summary: the countermeasure.
WHAT_COUNTERMEASURE = N_(
    "What will you try first to remove the root cause (\u201c{root}\u201d)? One line is "
    "enough, for example \u201cadd roller cleaning to the start-up checklist\u201d."
)
COUNTERMEASURE_ON_A_PERSON = N_(
    "A countermeasure changes the work, not a person: telling someone to be more careful "
    "fades by next week. What would make the right way the easy way: a checklist step, a "
    "signal, a guard, a changed layout, a standard?"
)
COUNTERMEASURE = N_("Countermeasure for idea #{n}: {text}")
TRY_IT = N_(
    "Next: try it as an experiment. What do you expect to change, and how will you see "
    "it? Then move the idea on with `kaizen move {n} do`."
)
TRY_IT_PLANNED = N_("Next: try it, with `kaizen move {n} do`; on {day} I'll ask whether it held.")
CHECK_TOLD = N_("{who} checked your idea #{n}: it {result}. It is at {stage} now.")

# The plan, as an experiment.
PLAN_TITLE = N_("Plan for idea #{n}")
PLAN_MISSING = N_(
    "To run idea #{n} as an experiment, a plan says {missing}. Reply with, for example, "
    "`kaizen plan {n} owner @name, expect jams under 1 a week, measure jams per week, "
    "check in 2 weeks`. Nothing waits on this: move it to Do whenever you are ready."
)
PLAN_PARTS = {
    "owner": N_("who carries it (the owner; you, unless you name someone)"),
    "prediction": N_("what we expect to see if it works"),
    "measure": N_("how we will see it (a number and unit, or an observation)"),
}
PLAN_UNREAD = N_(
    "I couldn't read \u201c{said}\u201d as a date; try \u201ccheck in 2 weeks\u201d or "
    "\u201ccheck on 2027-01-15\u201d."
)
PLAN_MISMATCH = N_(
    "Will this remove the root cause (\u201c{root}\u201d)? The two don't seem to meet. If "
    "they do, say how in the plan; if not, what would change the cause itself?"
)

# Checking the experiment against its prediction.
CHECK_TITLE = N_("Time to check idea #{n}")
CHECK_BODY = N_(
    "Look at the result where the work happens, not at the plan. Did what we expected "
    "happen? Record it with a button, or `kaizen check {n} held|partly|not <what you saw>; "
    "learned <what we learned>`."
)
CHECKED_HELD = N_(
    "Idea #{n} was checked: it held. {seen}Thank you, {who}. Next: make it the standard "
    "(Act), and think of where else it could help."
)
CHECKED_NOT = N_(
    "Idea #{n} was checked: it {result}. {seen}{learned}Thank you, {who}: an experiment "
    "that did not hold still taught us something, and that is how we improve. Next: a new "
    "plan with what we learned (`kaizen plan {n} ...`)."
)
CHECK_SEEN = N_("We expected {prediction}; we saw {observed}. ")
CHECK_SEEN_ONLY = N_("We saw {observed}. ")
CHECK_LEARNED = N_("What we learned: {learning}. ")
ASK_LEARNING = N_(
    "What did we learn from idea #{n}'s experiment? One line helps the next plan: "
    "`kaizen check {n} {result} <what you saw>; learned <what we learned>`."
)
HELD = N_("Held")
PARTLY = N_("Partly")
NOT_HELD = N_("Did not hold")

# Act: make it the standard, and spread it (yokoten).
ACT_PROMPT = N_(
    "Idea #{n} is at Act: make it stick. What standard changed (a checklist, a work "
    "instruction, a machine setting, training)? `kaizen standard {n} <what changed>`. "
)
ACT_SPREAD = N_(
    "Where else could it help? Press the button, or say `kaizen spread {n}`: a linked copy "
    "starts in the channel you choose, with this plan."
)
SPREAD_BUTTON = N_("Spread to another channel")
SPREAD_FORM_TITLE = N_("Spread idea #{n}")
SPREAD_FORM_INTRO = N_("A linked copy starts in the channel you choose, with the plan that worked.")
SPREAD_FORM_FIELD = N_("Which channel could it help?")
STANDARD_SET = N_("Idea #{n}'s new standard: {standard}")
SPREAD_TITLE = N_("Spread from idea #{n}")
SPREAD_THREAD = N_(
    "A linked copy of idea #{n}, which worked in another channel: {countermeasure}. Does "
    "it fit here? Adjust the plan with `kaizen plan {m} ...`, then try it."
)
SPREADING = N_("Idea #{n} is spreading: idea #{m} is a linked copy in ")
SPREAD_WHERE = N_(
    "Say `kaizen spread {n}` in the channel where it could help (not in a direct chat): the "
    "copy's card goes there."
)
SPREAD_ALREADY = N_("Idea #{n} already has a copy here: idea #{m}.")

# Impact when done.
ASK_IMPACT = N_(
    "What was idea #{n}'s impact? Name a category ({categories}) and, if you can, what it "
    "saves a month: `kaizen impact {n} quality, saves 200 {currency} and 3 hours a month, "
    "fewer reprints`. It shows in the stats and on the board."
)
IMPACT_SET = N_("Impact of idea #{n}: {impact}")
IMPACT_UNKNOWN = N_("Which category? One of: {categories}. `kaizen impact {n} <category> ...`")

# Taking an idea back.
WITHDRAWN_CARD = N_("Withdrawn by its author")
WITHDRAWN_BODY = N_("Its author took this idea back soon after giving it.")
WITHDRAWN = N_(
    "Idea #{n} is withdrawn: its card says so, it is not counted anywhere, and its number "
    "is not given again."
)
WITHDRAW_WHO = N_("Only the author of idea #{n} can withdraw it.")
WITHDRAW_LATE = N_(
    "Idea #{n} was given more than a day ago, so people may have worked on it. Ask an "
    "admin to set it aside instead: `kaizen move {n} dropped <reason>`."
)

# Done is earned.
DONE_ASKS = N_(
    "Before idea #{n} is done: what changed? The thanks say it, so the team sees the "
    "improvement. `kaizen move {n} done <what changed>`"
)

# Buttons.
YES_ROOT_CAUSE = N_("Yes, that's the root cause")
KEEP_ASKING = N_("Keep asking")
PAUSE = N_("Pause, remind me tomorrow")
PARK = N_("Keep the others as ideas")
