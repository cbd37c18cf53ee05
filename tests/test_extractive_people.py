"""People in a video (extractive/people.py): guest, topic and host from the title, the host named by
a show called after them, the guests the host's intro names.

Every transcript here is written for these tests.
"""

from dataclasses import replace

from server.models import Person, VideoInfo
from server.summarizers.extractive.people import intro_guests, people, title_parts
from server.summarizers.extractive.sentences import split_units
from server.summarizers.extractive.text import build_stream

from extractive_samples import GARDEN, auto_caption, transcript


def test_title_gives_guest_topic_and_host():
    assert title_parts("Jane Doe: Gardens | Weekend Podcast #12") == ("Jane Doe", "Gardens", None)
    assert title_parts("Jane Doe: Gardens | Sam Host Podcast #3") == ("Jane Doe", "Gardens", "Sam Host")
    assert title_parts("Why soil matters (Jane Doe, GardenCon 2024)") == ("Jane Doe", "Why soil matters", None)
    assert title_parts(None) == (None, None, None)


def _units(text: str, speaker: str | None = None):
    stream = build_stream(transcript(text))
    units = split_units(stream, True)
    if speaker:
        units = [replace(u, speaker=speaker) for u in units]
    return stream, units


INTRO = ("Today, my guests are Jane Doe and Ann Smith, who grow bread and gardens. Jane and Ann, welcome to the "
         "podcast. Thank you, Sam. " + GARDEN * 3)


def test_a_show_named_after_its_host_names_the_host_and_the_intro_names_the_guests():
    video = VideoInfo("abcdefghijk", "Why soil matters", "Sam's Podcast")
    stream, units = _units(INTRO)
    assert people(video, units, stream) == [Person("Sam", "host"), Person("Jane Doe", "guest"),
                                            Person("Ann Smith", "guest")]
    # the same show from its title's show part, when the channel says nothing
    assert people(VideoInfo("abcdefghijk", "Why soil matters | Sam's Podcast", None), units, stream)[0] == \
        Person("Sam", "host")


def test_a_possessive_show_name_nobody_answers_to_names_no_host():
    # "Founder's Podcast": nobody in it is called "Founder", so it is no host's name
    video = VideoInfo("abcdefghijk", "Why soil matters", "Founder's Podcast")
    stream, units = _units("The founder of a garden grows bread. " + GARDEN * 3)
    assert people(video, units, stream) == []
    # without the transcript (and so without an intro) nothing is read from it either
    assert people(VideoInfo("abcdefghijk", "Why soil matters", "Sam's Podcast"), _units(INTRO)[1]) == []


def test_labels_and_the_title_win_over_the_intros_spelling():
    # labels name the host in full, and the intro's "Jane Doe" is the title's "Jane Doh": one person each
    video = VideoInfo("abcdefghijk", "Jane Doh: Soil | Weekend Show", "Sam's Podcast")
    stream, units = _units(INTRO, speaker="Sam Host")
    assert people(video, units, stream) == [Person("Sam Host", "host"), Person("Jane Doh", "guest"),
                                            Person("Ann Smith", "guest")]


def test_intro_guests_come_only_from_an_intro_line_near_the_start():
    stream, _ = _units("We grow bread. " + GARDEN * 20 + " I had a conversation with Jane Doe last year.")
    assert intro_guests(stream) == []
    stream, units = _units("The following is a conversation with Jane Doe, a gardener. " + GARDEN * 20)
    assert intro_guests(stream) == ["Jane Doe"]
    # the title's spelling of the same person stands: "Janey Doe" is not a second guest
    assert people(VideoInfo("abcdefghijk", "Janey Doe: Soil | Sam Host Podcast #3", None), units, stream) == \
        [Person("Sam Host", "host"), Person("Janey Doe", "guest")]
    # auto-captions have no capitals: no name can be told from the words around it
    stream = build_stream(auto_caption("The following is a conversation with Jane Doe, a gardener. " + GARDEN * 20))
    assert intro_guests(stream) == []


def test_a_talk_that_mentions_a_conversation_keeps_its_one_speaker():
    video = VideoInfo("abcdefghijk", "Why soil matters (Jane Doe, GardenCon 2024)", "GardenCon")
    stream, units = _units("Last spring I had a conversation with John Smith, a farmer. " + GARDEN * 20)
    assert people(video, units, stream) == [Person("Jane Doe", "speaker")]
