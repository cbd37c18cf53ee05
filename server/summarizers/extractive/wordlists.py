"""Word lists the extractive summarizer judges spoken English by (stopwords, fillers, cues)."""

from __future__ import annotations

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

# Sounds and verbal tics a speaker makes while thinking; never content.
FILLERS = frozenset(
    "um uh umm uhm erm er ah hmm mm mhm mmhmm mm-hmm uh-huh yeah yep yup okay ok oh wow".split()
)

# Words that open a sentence without adding meaning (dropped from quote openings).
DISCOURSE_OPENERS = frozenset(
    "so and but well now yeah like okay ok right oh um uh also then because or anyway alright basically".split()
)
TWO_WORD_OPENERS = frozenset({("i", "mean"), ("you", "know"), ("and", "so"), ("but", "yeah"), ("so", "yeah")})

# Conversational words that make poor topics even though they are frequent.
SPOKEN = frozenset(
    """
    yeah yes yep okay ok oh um uh like just really actually basically literally thing things stuff
    kind sort lot lots way ways people person time times guess gonna wanna gotta mean know think
    thought say says said saying talk talking talked tell told ask asked going go goes went gone get
    gets got getting make makes made making want wants wanted need needs look looking looked see seen
    saw come comes came coming try trying tried use used using put doing does did done let lets
    good great bad big little bit pretty maybe probably sure right left certain able different
    kinda sorta whatever something anything everything nothing somebody someone everybody everyone
    fact idea question questions answer example sense case point part lot day days year years
    okay alright absolutely totally exactly definitely obviously certainly course start started
    feel felt believe understand understanding happen happens happened work works working worked
    interesting important hard easy new old long short high low real really true whole best better
    thank thanks welcome hey hi hello today yesterday tomorrow guys man dude fun funny cool awesome
    amazing incredible beautiful wonderful nice love loved loves hate life world
    ve ll re don doesn didn isn aren wasn weren won wouldn shouldn couldn can't cannot i'm you're
    it's that's there's what's he's she's we're they're i've you've we've they've i'd you'd i'll
    you'll we'll don't doesn't didn't isn't aren't wasn't weren't won't wouldn't shouldn't couldn't
    let's here's who's
    """.split()
)

STOPWORDS = frozenset(ENGLISH_STOP_WORDS) | SPOKEN | FILLERS

# Words that may sit inside a phrase ("theory of mind") but never at its edges.
CONNECTORS = frozenset({"of", "and", "the", "for", "in", "on", "to", "a"})

# Sentence openers that leave a reader asking "what does this refer to?".
DANGLING_OPENERS = frozenset(
    "it this that they these those there he she them his her its which who also and but so or because then".split()
)
DANGLING_ENDINGS = frozenset(
    "and but or the a an of to with for because so that which who is are was were in on at as my your our their".split()
)

# Words that make a sentence sound like a claim or an insight worth saving.
STANCE = frozenset(
    """
    always never every nobody everybody only key real truth problem should must need best worst
    important fundamental believe because reason means matters secret lesson mistake
    """.split()
)
REASONING = ("because", "the reason", "if you", "the key", "the problem", "which means", "that's why", "the point")

# Openers that suggest greetings, thanks and channel housekeeping rather than content.
HOUSEKEEPING = (
    "welcome", "thank you", "thanks", "hi everyone", "hello", "hey everyone", "good morning",
    "i'm your host", "my name is",
)
