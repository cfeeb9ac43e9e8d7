"""Every threshold and weight of the compare stage, with why it has its value.

Two kinds of similarity are used, and never under the same name:
- `*_COSINE`: cosine of the MiniLM sentence embeddings of two claims (0..1 in
  practice); it says "about the same thing", not "says the same thing";
- `*_OVERLAP`: share of the smaller side's content-word stems found on the other
  side (`conflicts.text.overlap`); it says "worded the same".
Figures were set on basil-dev (BASIL 2010-2014, 20 stories) and the seeds/sample
corpus; the held-out stories were not used.
"""

from __future__ import annotations

# ---------------------------------------------------------------- candidate pairs
# each claim is paired with this many nearest claims (by cosine) from other sources
NEAREST_K = 6
# rows of the cosine matrix computed at once (bounds memory on big stories)
COSINE_BLOCK = 1024
# below this cosine two claims are not about the same thing, whatever the checks say
CANDIDATE_MIN_COSINE = 0.15
# a claim carrying a figure/date/negation cue is also paired with up to this many
# claims of other sources carrying a matching cue (embedding neighbours miss them)
MAX_CUE_PARTNERS = 25

# ---------------------------------------------------------------- agreement
# the judge must call agreement and the two claims must be about the same thing
AGREE_COSINE = 0.62
# close restatements the judge only calls "related" still corroborate each other
CORROBORATE_COSINE = 0.65
# ... unless the judge leans towards a contradiction
CORROBORATE_MAX_CONTRADICT = 0.3
# ... and then the two must say it in partly the same words: at least this many content
# words that are not names ("This is about the White House" and "The White House
# initiated the conversation" are close in cosine and say nothing alike) ...
AGREE_SHARED = 2
# ... making up this share of the shorter side's content words (names aside)
AGREE_WORDING = 0.15
# Two claims this close in wording are the same words (a quotation both outlets print),
# one claim even when the analysis named its speaker differently in each outlet.
SAME_WORDS_WORDING = 0.8
# an outlet is listed under an agreed claim only when its claim agrees with every other
# claim in the group: directly (a judged agreement) or this close in cosine plus the
# wording share above (no chains of "A is like B, B is like C")
GROUP_COSINE = 0.62
# a claim with no counterpart this close in any other source is unique to its source
UNIQUE_BELOW_COSINE = 0.5

# ---------------------------------------------------------------- typed conflict checks
# figure: relative gap two figures may have and still be one rounded figure (2,480 ~ 2,500)
ROUNDING_GAP = 0.02
# figure: a round figure ("2,500", "10,000") may stand for a value up to half its last
# significant place away, but never more than this share of it
ROUND_FIGURE_GAP = 0.05
# figure: gap a hedge ("about", "nearly", "some") allows
HEDGE_GAP = 0.15
# figure: a count (people, carriages) needs claims about the same thing ...
FIGURE_COUNT_COSINE = 0.5
# ... and when no word around the two figures is shared, claims at least this close
FIGURE_COUNT_CLOSE_COSINE = 0.6
# ... and money or percentages, which measure many things in one story, need the words
# around both figures to name the same measured thing: this many shared content stems
FIGURE_CONTEXT_SHARED = 2
# words either side of a figure that say what it measures (window, in content words)
FIGURE_CONTEXT_WORDS = 4
# date: the two claims must word the event alike (same verb and some of its objects)
DATE_EVENT_OVERLAP = 0.25
# date: words near each date that both sides share, one of them right next to both dates
# (the dated verb: "apologized Friday ... post" vs "on Saturday apologized for a post")
DATE_NEAR_SHARED = 2
# date: and be about the same thing
DATE_COSINE = 0.45
# happened / did not happen: the negated side and the plain side word the event alike
POLARITY_OVERLAP = 0.4
POLARITY_COSINE = 0.5
# assert vs deny by two speakers: shared content words that are not names, and topic
DENIAL_SHARED = 2
# ... and at least half of what is denied (its words that are not names) is stated on
# the other side: "denied that lawmakers feel betrayed and angry about the deal" shares
# only the topic with "began selling the deal to lawmakers"
DENIAL_COVER = 0.5
DENIAL_COSINE = 0.5
# two outlets reporting the same disagreement: close sentences sharing this many words
REPORTED_COSINE = 0.6
REPORTED_SHARED = 3
# ... and one of them giving the other party's side: this many content words after its
# dispute cue ("responded that those letters do indeed represent ...")
REPORTED_REBUTTAL_WORDS = 3
# "no X except Y" against a count of X: the two sides share this much context
EXCEPTION_OVERLAP = 0.2
# late vs early stage ("only agreement remained" vs "talks are just beginning")
STAGE_COSINE = 0.3
# the same quote (near verbatim) given to different speakers
QUOTE_OVERLAP = 0.85
QUOTE_MIN_WORDS = 10
# one speaker's words quoted with opposite meaning: quotations worded alike (overlap of
# content stems) and sharing this many of them, so a stock phrase cannot trigger it
OPPOSITE_QUOTE_OVERLAP = 0.7
OPPOSITE_QUOTE_SHARED = 6
# name substitution: everything but one name is worded alike
NAME_OVERLAP = 0.7
NAME_COSINE = 0.7

# ---------------------------------------------------------------- rules-only judges (checks.py)
# a differing number counts for the rules/checked judges only when the two texts share
# this much wording (word overlap there, not cosine) ...
RULES_NUMBER_OVERLAP = 0.5
# ... and money or percentages, which measure many different things, this much
RULES_MEASURE_OVERLAP = 0.65

# ---------------------------------------------------------------- the decision
# a conflict is reported when the pair classifier's probability that a careful reader
# confirms it is at least this (chosen for precision on generated + dev pairs)
REPORT_PROBABILITY = 0.5
