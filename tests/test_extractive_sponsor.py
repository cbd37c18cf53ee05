"""Sponsor reads, intro ad blocks and outro plugs (extractive/sponsor.py) are marked and kept off the cards."""

from server.models import Transcript, VideoInfo
from server.summarizers.extractive import ExtractiveSummarizer
from server.summarizers.extractive.sentences import split_units
from server.summarizers.extractive.sponsor import is_sponsor_text, mark_sponsors, unit_text
from server.summarizers.extractive.text import build_stream

from extractive_samples import BIKES, BREAD, GARDEN, SPONSOR, segments_from, transcript, units_of


VIDEO = VideoInfo("abcdefghijk", "Jane Doe: Gardens and Bread | Weekend Podcast #3", "Weekend Podcast")


def test_outro_plug_in_the_last_minutes_is_kept_off_the_cards():
    plug = ("If you want to hear more from practical gardeners and bakers who have been in the weeds, "
            "you can follow my work on my website where I write every single week about compost and bread. ")
    body = (GARDEN + BIKES + BREAD) * 3
    segs = segments_from(body) + segments_from(plug, start=segments_from(body)[-1].end + 1)
    tr = Transcript(tuple(segs), "en", "manual", "file")
    cards = ExtractiveSummarizer({}).summarize(tr, VIDEO)
    texts = [i.detail for i in cards.ideas] + [q.text for q in cards.quotes] + list(cards.about.points)
    assert not any("follow my work" in t.lower() for t in texts)


def test_plug_words_early_in_the_talk_are_not_an_outro():
    early = "You can follow my work on compost if you like, I write about soil every week for gardeners. "
    tr = transcript(early + (GARDEN + BIKES + BREAD) * 3)
    stream = build_stream(tr)
    units = split_units(stream, True)
    mark_sponsors(stream, units)
    assert sum(u.sponsor for u in units) <= 1  # at most the plug sentence itself, never the talk after it


def test_sponsor_reads_are_marked():
    stream, units = units_of(transcript(SPONSOR + GARDEN))
    mark_sponsors(stream, units)
    flagged = [unit_text(stream, u) for u in units if u.sponsor]
    assert any("sponsored" in t for t in flagged) and any("subscribe" in t for t in flagged)
    assert not any("soil" in t for t in flagged)


def test_the_intro_ad_block_ends_where_the_conversation_begins():
    intro = ("The following is a conversation with Jane Doe about gardens. This show is sponsored by Acme Socks, "
             "use code GARDEN at acme socks dot com slash garden. And now, here's my conversation with Jane Doe. ")
    stream, units = units_of(transcript(intro + GARDEN))
    mark_sponsors(stream, units)
    flags = [(unit_text(stream, u), u.sponsor) for u in units]
    assert all(flag for text, flag in flags if "conversation" in text or "Acme" in text)
    assert not any(flag for text, flag in flags if "soil" in text.lower())


def test_cues_match_in_any_letter_case():
    assert is_sponsor_text("This episode is Brought To You By Squarespace.")
    assert is_sponsor_text("Use code LEX for 20 Percent Off at ExpressVPN")
    assert not is_sponsor_text("The soil holds water for weeks when it is full of roots.")


def test_a_read_without_the_usual_cues_is_marked_from_its_segue_to_its_address():
    read = ("If you run a garden shop, the hardest part is the books. That's where Ledgerly comes in. Ledgerly is "
            "the smart finance platform for growers. With Ledgerly, you get cards and easy banking. Their agents "
            "file your expenses for you. One in three nurseries already runs on Ledgerly. You can too at "
            "ledgerly.com. ")
    stream, units = units_of(transcript(GARDEN + read + BREAD))
    mark_sponsors(stream, units)
    flags = [(unit_text(stream, u), u.sponsor) for u in units]
    assert all(flag for text, flag in flags if "Ledgerly" in text or "ledgerly" in text)
    assert not any(flag for text, flag in flags if "soil" in text.lower() or "dough" in text.lower())
