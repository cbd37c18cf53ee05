"""Word classes learned from the transcript itself (extractive/wordclass.py): nouns from their neighbours."""

from server.summarizers.extractive.wordclass import learn


def tokens(text: str):
    raw = text.split()
    keys = [w.strip(".,").lower() for w in raw]
    starts = [i == 0 or raw[i - 1].endswith(".") for i in range(len(raw))]
    return keys, raw, starts


def test_word_class_reads_nouns_from_their_neighbours():
    wc = learn(*tokens("I read the report. The report was late. We denied it. They denied the claim. "
                       "It was available. It is very available. The claim, the report."))
    assert wc.nounish("report") and wc.solid("report")
    assert wc.nounish("claim")
    assert not wc.nounish("denied")  # after "we"/"they", and "-ed"
    assert not wc.nounish("available")  # after "is"/"very", and "-able"
    assert not wc.nounish("fully")  # an adverb, whatever follows it
    assert wc.verbish("denied")


def test_a_plural_after_to_is_a_noun_not_a_verb():
    wc = learn(*tokens("Kids come to maths late. We teach maths. Give maths to kids. Maths matters."))
    assert not wc.verbish("maths")
