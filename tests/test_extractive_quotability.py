"""How quotable a line is (extractive/quotability.py): claims outscore set-ups, lists, stories and logistics."""

from server.summarizers.extractive.quotability import quotability
from server.summarizers.extractive.text import build_stream

from extractive_samples import transcript


def test_lines_worth_saving_outscore_set_ups_lists_stories_and_logistics():
    def score(text):
        stream = build_stream(transcript(text))
        return quotability(stream.key, stream.text)
    claim = score("Patience is the hardest lesson for new bakers, not technique.")
    assert claim > score("The second thing is that patience is the hardest lesson for new bakers.")
    assert claim > score("If you look at new bakers, they usually take a while to learn about patience.")
    assert claim > score('My aunt said, "Patience was the hardest lesson," and then she went home.')
    assert claim > score("I have to publish this podcast early next week because your book is coming out.")
