"""The app's chat with a model configured: free conversation grounded on the store, via the real llama.cpp
server (its answers are junk; the grounding, the round trip and the sources are what is asserted)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from planner.chat._respond import ChatSession, respond
from planner.compose import OfflineWriter
from planner.guidance import StoreGuidance
from planner.llm._models import build_chat_model, parse_model

pytestmark = pytest.mark.llm


def test_questions_go_to_the_model_with_retrieved_context(llm_server: Any, store: Any, paws: Any) -> None:
    spec = replace(parse_model("openai:gemma", base_url=llm_server.base_url), max_tokens=60, timeout=300)
    model = build_chat_model(spec)
    sent: list[Any] = []
    original = model.invoke

    def recording(messages: Any, *args: Any, **kwargs: Any) -> Any:  # records what the real call carried
        sent.append(messages)
        return original(messages, *args, **kwargs)

    object.__setattr__(model, "invoke", recording)
    session = ChatSession(paws, StoreGuidance(store), OfflineWriter(), model)
    history = [{"role": "user", "content": "hi"}, {"role": "assistant", "content": "Hello!"}]
    reply = respond(session, "how do I get more reviews from happy customers?", history)
    assert reply.intent.action == "explain" and "*Sources:" in reply.markdown
    assert reply.markdown.split("*Sources:")[0].strip()  # the model said something
    system = sent[0][0][1]
    assert "<<<DATA" in system and "advocate.md" in system  # grounded on the store's stage guide
    assert sent[0][1] == ("user", "hi") and sent[0][-1][0] == "user"
    drafted = respond(session, "write a welcome email")  # drafting still goes through the writer
    assert drafted.record is not None and drafted.record.asset_type == "welcome_email"
