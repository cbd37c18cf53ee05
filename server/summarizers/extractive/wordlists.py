"""Word lists the extractive summarizer judges spoken English by (stopwords, fillers, cues)."""

from __future__ import annotations

# Common English function words (written for Glance; short on purpose).
ENGLISH_STOP_WORDS = frozenset(
    """
    a about above across after afterwards again against all almost alone along already also although
    am among an and another any anyhow anyone anything anyway anywhere are around as at back be
    became because become becomes been before behind being below beside besides between beyond both
    but by can cannot could did do does doing done down during each either else elsewhere enough
    even ever every few for former formerly from further had has have having he her here hers herself
    him himself his how however i if in indeed into is it its itself just least less many may me
    meanwhile might mine more moreover most mostly much must my myself neither never nevertheless
    next no nobody none nor not now nowhere of off often on once one only onto or other others
    otherwise our ours ourselves out over own per perhaps please rather same seem seemed seeming
    seems several she should since so some somehow sometime sometimes somewhere still such than that
    the their theirs them themselves then there thereafter thereby therefore these they this those
    though through throughout thus to together too toward towards under until up upon us very via
    was we well were what whatever when whence whenever where whereas wherever whether which while
    who whoever whole whom whose why will with within without would yet you your yours yourself
    yourselves also been get got gets two three first second
    """.split()
)
# Sounds and verbal tics a speaker makes while thinking; never content, never a title's or topic's word.
# Wider than verbatim.HESITATIONS (the sounds a quote may skip): "yeah" or "okay" stay in a quote.
INTERJECTIONS = frozenset(
    "um uh umm uhm erm er ah hmm mm mhm mmhmm mm-hmm uh-huh yeah yep yup okay ok oh wow".split()
)

# Words that open a sentence without adding meaning (dropped from quote openings).
DISCOURSE_OPENERS = frozenset(
    "so and but well now yeah like okay ok right oh um uh also then because or anyway alright basically".split()
)

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
    percent hundred thousand million billion minutes hours months weeks number build built building
    lots bunch couple half
    ve ll re don doesn didn isn aren wasn weren won wouldn shouldn couldn can't cannot i'm you're
    it's that's there's what's he's she's we're they're i've you've we've they've i'd you'd i'll
    you'll we'll don't doesn't didn't isn't aren't wasn't weren't won't wouldn't shouldn't couldn't
    let's here's who's
    """.split()
)

# Function words of a few other languages (none of them an English content word), so topics of
# Spanish, French, German, Portuguese or Italian transcripts are not "para" or "nicht".
OTHER_FUNCTION_WORDS = frozenset(
    """
    el la de en es un lo se le al et il je ce ne du au zu im er ich da na em os di si ci
    que los las del por para con una como pero más este esta está sus muy sobre también hay porque
    cada hace hacer unos unas
    cuando todo todos ella ellos entre hasta donde desde nos ese eso esa fue ser puede tiene
    les des est pas pour dans qui sur avec sont mais tout cette ces aussi fait être avoir nous vous
    ils elle elles leur très sans peut même bien
    der die das und ist nicht ein eine einen dem den des mit sich auf für von auch sind wird wir ihr
    sie als noch nach bei oder aber wenn wie schon mehr kann haben sein durch über
    não uma com mas foi ele seu sua são tem isso esse essa muito quando onde
    che non sono della delle dei gli anche più questo questa molto perché essere
    """.split()
)

STOPWORDS = frozenset(ENGLISH_STOP_WORDS) | SPOKEN | INTERJECTIONS | OTHER_FUNCTION_WORDS
# More words no topic or title may open or close on ("There'd", "Except for later"). Kept out of
# STOPWORDS, which also shapes the chapter vectors: the measured chapter cuts stay as they are.
PHRASE_STOPWORDS = STOPWORDS | frozenset(
    """
    it'll that'll there'll there'd it'd that'd who'd he'd she'd we'd they'd he'll she'll they'll there've
    y'all ain't except later earlier versus vs thousands millions billions hundreds dozens
    instead called named taken written chosen spoken eaten forgotten driven fallen beaten gotten
    """.split()
)

# Words that may sit inside a phrase ("theory of mind") but never at its edges.
CONNECTORS = frozenset({"of", "and", "for"})

# Sentence openers that leave a reader asking "what does this refer to?".
DANGLING_OPENERS = frozenset(
    "it this that they these those there he she them his her its which who also and but so or because then "
    "it's that's there's they're he's she's here's this's".split()
)
# Openings that lean on the sentence before ("She was...", "That's why...", "Which is...").
LEANING_OPENERS = frozenset(
    "he she they them him his her their this that these those which who whom also then and but so or because as "
    "that's it's there they're he's she's here".split()
)
# Lead-in words of a reply ("Yeah, listen to boredom."), not of a statement.
REPLY_WORDS = frozenset("yeah yes no well okay ok right sure exactly absolutely".split())
DANGLING_ENDINGS = frozenset(
    "and but or the a an of to with for because so that which who is are was were in on at as my your our their "
    "finally like just really then also very gonna i we you they it's that's there's if when where what how um uh "
    "this these those by from into about".split()
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

# Words fine inside a phrase ("deep learning", "data set") but too vague as a topic on their own.
WEAK_ALONE = frozenset(
    """
    possible deep high low large small general specific different similar approach area areas level levels
    process problem problems company companies team teams choose model models information human humans
    thinking system systems side order form part single simple value values group groups place places
    level end beginning moment moments step steps type types issue issues area reason reasons result
    results role roles space set sets power line lines term terms word words story stories job jobs
    call called calling born give gave given keep kept find found show shown turn turned leave bring
    begin began seem seemed help play played move moved live lived hold held write wrote sit stand lose
    lost pay paid meet met include continue learn learned change changed lead led watch follow stop
    create speak read allow add spend spent grow grew open walk win offer remember consider appear buy
    wait serve die died send expect stay fall cut reach kill remain suggest raise pass sell require
    report decide pull train trained perfect able huge tiny early late hard fast slow full free
    fully figure details detail
    """.split()
)

# Adverbs that may not open a title or a topic ("Fully automated", "Always operated").
LEADING_ADVERBS = frozenset("always never fully basically actually really almost quite rather even still also only just "
                            "though very usually ultimately simply".split())

# Words that open a phrase without naming anything ("amount of control", "terms of hardware").
VAGUE_HEADS = frozenset("amount amounts terms sorts kinds types aspect aspects bunch variety range series full rid "
                        "introduction space basics".split())

# Words that lean on a noun after them ("deep", "plus", "the key"): a title or quote ending on one
# was cut mid-phrase ("Deep learning plus", "the key fact about deep").
DANGLING_MODIFIERS = frozenset(
    """
    plus minus deep big small large huge tiny new old whole key main real great good bad best worst most more
    less least other another same such own certain super kind sort very much many few several each every
    various particular specific general common neural artificial semantic social mental physical final
    always never fully basically actually really almost quite rather even still also only just though
    """.split()
)
# Phrases that end a clause too early to quote ("it's as though", "such as").
DANGLING_PAIRS = frozenset({("as", "though"), ("as", "if"), ("such", "as"), ("rather", "than"), ("so", "that"),
                            ("kind", "of"), ("sort", "of"), ("in", "terms")})
