"""Ask with a language model: a short answer whose [mm:ss] citations are checked against the
transcript. The fake LLM (real wire formats over loopback) cites one right line, one real line
that says something else, and one time that has no line: the last two are marked, not linked."""

from __future__ import annotations

import pytest
from llm_fake_server import anthropic_reply, error_reply, fake_llm, llm_config, openai_reply, user_text  # noqa: F401

from ask_samples import talk_body
from server import create_app

VIDEO = "beesOnRoof1"
ASK = f"/api/v1/videos/{VIDEO}/ask"
ANSWER = ("Treat the hives with oxalic acid in December, when there is no brood [1:31]. "
          "Count the mites with a sugar roll every month [0:05]. Mites first came from Asia [9:59].")


def llm_client(tmp_path, fake, provider="openai"):
    app = create_app({"DATABASE": str(tmp_path / "g.db"), "SUMMARIZER": "llm", "RATE_LIMIT": 0,
                      **llm_config(fake, provider, LLM_RETRIES="1")})
    client = app.test_client()
    assert client.post(f"/api/v1/videos/{VIDEO}/summary", json=talk_body()).status_code == 200  # cards by the fake
    return client


def reply_for(provider, data):
    return anthropic_reply(data, tool="answer_question") if provider == "anthropic" else openai_reply(data)


@pytest.mark.parametrize("provider", ["openai", "anthropic"])
def test_citations_that_do_not_hold_are_marked(tmp_path, fake_llm, provider):
    client = llm_client(tmp_path, fake_llm, provider)
    offline = client.post(ASK, json={"question": "How do you treat mites?", "history": ["Why do bees swarm?"]}).get_json()
    assert offline["can_answer"] is True and offline["answer"] is None and offline["moments"]
    fake_llm.then(reply_for(provider, {"answer": ANSWER}))
    body = client.post(ASK, json={"question": "How do you treat mites?", "history": ["Why do bees swarm?"],
                                  "answer": True}).get_json()
    assert fake_llm.problems == []
    prompt = user_text(fake_llm.requests[-1])
    assert "[1:31] I treat my hives with oxalic acid in December, when there is no brood." in prompt
    assert "Question: How do you treat mites?" in prompt and "- Why do bees swarm?" in prompt
    assert body["moments"] == offline["moments"]  # the offline moments are there too
    answer = body["answer"]
    assert answer["text"] == ANSWER and answer["model"] == "test-model" and answer["dropped"] == 2
    right, wrong, invented = answer["citations"]
    assert right == {"offset": ANSWER.index("[1:31]"), "length": 6, "label": "[1:31]", "start": 91.0,
                     "verified": True, "reason": None}
    assert wrong["label"] == "[0:05]" and not wrong["verified"] and "says something else" in wrong["reason"]
    assert invented["label"] == "[9:59]" and not invented["verified"] and "no transcript line" in invented["reason"]
    assert ANSWER[wrong["offset"]:wrong["offset"] + wrong["length"]] == "[0:05]"


def test_a_citation_a_second_off_still_holds_and_snaps_to_the_line(tmp_path, fake_llm):
    client = llm_client(tmp_path, fake_llm)
    fake_llm.then(openai_reply({"answer": "Lime trees give a minty honey in July [2:00]."}))
    answer = client.post(ASK, json={"question": "What do city bees eat?", "answer": True}).get_json()["answer"]
    assert answer["citations"][0]["verified"] is True and answer["citations"][0]["start"] == 119.0


def test_an_answer_without_citations_has_none_to_check(tmp_path, fake_llm):
    client = llm_client(tmp_path, fake_llm)
    fake_llm.then(openai_reply({"answer": "The passages do not say."}))
    answer = client.post(ASK, json={"question": "Is the roof insured?", "answer": True}).get_json()["answer"]
    assert answer == {"text": "The passages do not say.", "citations": [], "dropped": 0, "model": "test-model"}


def test_a_failing_model_is_a_summarizer_error_in_the_one_shape(tmp_path, fake_llm, monkeypatch):
    from server.summarizers.llm import transport

    monkeypatch.setattr(transport, "sleep", lambda seconds: None)
    client = llm_client(tmp_path, fake_llm)
    fake_llm.then(*[error_reply(500, "server_error", "boom")] * 3)
    response = client.post(ASK, json={"question": "How do you treat mites?", "answer": True})
    assert response.status_code == 502
    error = response.get_json()["error"]
    assert error["code"] == "summarizer_error" and error["message"].startswith("The language model could not answer")


def test_a_reply_without_an_answer_is_retried(tmp_path, fake_llm):
    client = llm_client(tmp_path, fake_llm)
    fake_llm.then(openai_reply({"answer": ""}), openai_reply({"answer": "Oxalic acid in December [1:31]."}))
    answer = client.post(ASK, json={"question": "How do you treat mites?", "answer": True}).get_json()["answer"]
    assert answer["citations"][0]["verified"] is True


def test_without_a_model_answer_true_gives_moments_only(client):
    client.post(f"/api/v1/videos/{VIDEO}/summary", json=talk_body())
    body = client.post(ASK, json={"question": "How do you treat mites?", "answer": True}).get_json()
    assert body["answer"] is None and body["can_answer"] is False and body["moments"]


def test_on_a_token_server_only_a_token_holder_gets_the_models_answer(tmp_path, fake_llm):
    from server import auth

    app = create_app({"DATABASE": str(tmp_path / "g.db"), "SUMMARIZER": "llm", "RATE_LIMIT": 0, "AUTH": "tokens",
                      **llm_config(fake_llm, "openai", LLM_RETRIES="1")})
    client = app.test_client()
    token = {"Authorization": f"Bearer {auth.create(app.extensions['glance.store'], 'jo')}"}
    assert client.post(f"/api/v1/videos/{VIDEO}/summary", json=talk_body(), headers=token).status_code == 200
    asked = len(fake_llm.requests)
    question = {"question": "How do you treat mites?", "answer": True}
    refused = client.post(ASK, json=question)
    assert refused.status_code == 401 and len(fake_llm.requests) == asked  # the model was not called
    assert client.post(ASK, json={"question": "How do you treat mites?"}).get_json()["moments"]  # moments: a read
    fake_llm.then(openai_reply({"answer": ANSWER}))
    assert client.post(ASK, json=question, headers=token).get_json()["answer"]["text"] == ANSWER
