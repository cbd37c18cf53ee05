"""How a span is shown (extractive/display.py): hedges dropped by deletion only, inner quotation marks balanced,
auto-caption case from the title and the transcript.

Every transcript here is written for these tests.
"""

from server.summarizers.extractive.display import drop_hedges, finish, keep_tokens, recase, title_case_map
from server.summarizers.extractive.text import build_stream

from extractive_samples import auto_caption, transcript


def _stream(text: str):
    return build_stream(transcript(text))


def test_hedges_leave_ideas_but_only_by_deletion():
    stream = _stream("The dough is kind of sticky at first, you know, and that is basically fine, right")
    kept = drop_hedges(stream, keep_tokens(stream, 0, len(stream)))
    shown = [stream.text[i] for i in kept]
    assert "kind" not in shown and "basically" not in shown and shown[-1] != "right"
    it = iter(stream.text)
    assert all(tok in it for tok in shown)  # a subsequence: nothing added, nothing reordered


def test_literal_kind_of_is_kept():
    stream = _stream("What kind of flour makes the best bread for a beginner baker at home")
    kept = drop_hedges(stream, keep_tokens(stream, 0, len(stream)))
    assert [stream.text[i] for i in kept][:3] == ["What", "kind", "of"]


def test_an_unmatched_inner_quote_mark_is_dropped():
    assert finish('and the teacher said, "But nobody knows the answer'.split()) == \
        "And the teacher said, But nobody knows the answer."
    assert finish('He said, "Stop." and left the room'.split()).count('"') == 2


def test_recase_uses_the_title_caps_and_digit_words():
    stream = build_stream(auto_caption("we trained gpt2 and then we talked about agi and paris"))
    forms = title_case_map("Jane Doe: AGI, GPT2 and the Future | Weekend Podcast #3", stream)
    assert recase("agi system", forms) == "AGI system"
    assert recase("Gpt2 models", forms) == "GPT2 models"
    assert recase("deep learning", forms) == "deep learning"
