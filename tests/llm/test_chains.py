"""The LLM chain's own paths, in every `make test`, with a scripted chat model instead of a server.

The replies are queued (valid JSON, broken JSON, a reply cut off at the token limit, HTTP errors and
timeouts raised as the OpenAI SDK raises them), so each test pins one path: the repair pass, a parse error,
truncation, the cache, and retries. The same paths against a real llama.cpp server: test_chains_server.py.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from planner.assets import Asset, BlogPost, SearchAd
from planner.campaign import write_draft
from planner.compose import compose
from planner.drafts import Failure, Job, Written
from planner.guidance import StoreGuidance
from planner.llm import ChainWriter, ModelCache, ModelSpec, reply_budget
from planner.llm.scripted import ScriptedModel, server_error, timeout, truncated
from planner.profile import Profile
from planner.rules import Checker
from planner.stages import Stage


class _AnyHash(str):
    def __eq__(self, other: object) -> bool:
        return isinstance(other, str) and bool(re.fullmatch(r"[0-9a-f]{12}", other))

    __hash__ = str.__hash__


ANY_HASH = _AnyHash()
SPEC = ModelSpec("openai", "scripted", base_url="http://127.0.0.1:9/v1", retries=2, retry_delay=0.001)
JOB = Job(Stage.aware, "search_ad", 1)


def valid_reply(paws: Profile, asset_type: str = "search_ad") -> str:
    """A reply a good model could give: one of the composer's own drafts as JSON that passes every check
    (variant 1 repeats a sentence, which the repeated-sentence check fails)."""
    return compose(paws, asset_type, 2).asset.model_dump_json()


def writer(model: ScriptedModel, store: Any, cache_dir: Path | None = None, **spec: Any) -> ChainWriter:
    cache = ModelCache(cache_dir, enabled=cache_dir is not None)
    return ChainWriter(model, replace(SPEC, **spec), StoreGuidance(store), cache)


def run(w: ChainWriter, paws: Profile, store: Any, job: Job = JOB) -> Written:
    checker = Checker(paws)

    def check(asset: Asset) -> list[Failure]:
        from planner.rules import Draft

        return checker.check(Draft(job.stage, asset.to_text(), job.asset_type, asset.model_dump(mode="json")))

    guidance = StoreGuidance(store).guidance_for([(job.stage, f"{job.asset_type} {job.stage}")])[0]
    return w(paws, job, guidance, check)


def last_user_message(model: ScriptedModel) -> str:
    return str(model.requests[-1][-1].content)


def test_a_valid_first_reply_is_the_draft(paws: Profile, store: Any) -> None:
    model = ScriptedModel.of(valid_reply(paws))
    written = run(writer(model, store), paws, store)
    assert written.asset is not None and written.error is None
    assert written.meta["calls"] == 1 and "repaired" not in written.meta
    assert written.meta["usage"]["input_tokens"] > 100 and written.meta["usage"]["output_tokens"] > 0
    assert written.meta["prompt"]["name"] == "aware/search_ad"
    system, user = model.requests[0][0].content, model.requests[0][1].content
    assert "Search ad" in str(system) + str(user)
    assert model.schemas and model.schemas[0]["name"] == "search_ad"  # structured output asked for


def test_invalid_json_gets_one_repair_pass_with_the_parse_error(paws: Profile, store: Any) -> None:
    model = ScriptedModel.of('{"headlines": ["Calm grooming"', valid_reply(paws))
    written = run(writer(model, store), paws, store)
    assert written.asset is not None and written.meta["repaired"] is True
    assert written.meta["calls"] == 2 and len(model.requests) == 2
    repair = last_user_message(model)
    assert "not valid JSON" in repair and "headlines, descriptions, display_path" in repair
    assert "Rewrite it" in repair
    assert model.requests[1][-2].content == '{"headlines": ["Calm grooming"'  # the broken reply shown back
    assert written.meta["repair_reason"] == "invalid"


def test_a_draft_that_breaks_its_stage_is_sent_back_with_the_failures(paws: Profile, store: Any) -> None:
    fields = json.loads(valid_reply(paws))
    fields["descriptions"][0] = "Join the Sudsy Club Membership today for $89 a month."  # core offer at Aware
    model = ScriptedModel.of(json.dumps(fields), valid_reply(paws))
    written = run(writer(model, store), paws, store)
    repair = last_user_message(model)
    assert "Sudsy Club" in repair and "Fix:" in repair and "premium-offer" not in repair  # no rule ids
    assert written.asset is not None and written.meta["repaired"] is True
    assert written.meta["repair_reason"] == "checks"
    assert "Sudsy" not in written.asset.to_text()  # the repaired draft replaced the bad one


def test_two_unusable_replies_fail_that_draft_with_the_reason(paws: Profile, store: Any) -> None:
    model = ScriptedModel.of("not json at all", "")
    written = run(writer(model, store), paws, store)
    assert written.asset is None
    assert written.error == "the model returned no content"
    assert written.meta["calls"] == 2


def test_a_repair_that_breaks_the_json_keeps_the_first_valid_draft(paws: Profile, store: Any) -> None:
    fields = json.loads(valid_reply(paws))
    fields["descriptions"][0] = "Only $89 a month for the Sudsy Club Membership."
    model = ScriptedModel.of(json.dumps(fields), "{broken")
    written = run(writer(model, store), paws, store)
    assert written.asset is not None and "Sudsy" in written.asset.to_text()  # kept, failures recorded later


def test_a_truncated_reply_is_kept_as_text_and_repaired(paws: Profile, store: Any) -> None:
    model = ScriptedModel.of(truncated('{"headlines": ["Calm groo', output_tokens=1200), valid_reply(paws))
    written = run(writer(model, store), paws, store)
    assert written.asset is not None and written.meta["repaired"] is True
    assert written.meta["usage"]["output_tokens"] >= 1200  # the cut-off reply's tokens are counted
    assert model.requests[1][-2].content == '{"headlines": ["Calm groo'
    repair = last_user_message(model)
    assert "cut off" in repair and "every field shorter" in repair and "rule" not in repair
    assert written.meta["repair_reason"] == "truncated"


def test_the_cache_answers_a_repeat_with_no_model_call(paws: Profile, store: Any, tmp_path: Path) -> None:
    model = ScriptedModel.of(valid_reply(paws))
    first = run(writer(model, store, tmp_path), paws, store)
    second = run(writer(model, store, tmp_path), paws, store)  # the queue is empty: a call would raise
    assert first.meta["calls"] == 1 and first.meta["cache_hits"] == 0
    assert second.meta["calls"] == 0 and second.meta["cache_hits"] == 1
    assert second.asset == first.asset and len(model.requests) == 1


def test_the_cache_key_changes_with_the_sample(paws: Profile, store: Any, tmp_path: Path) -> None:
    model = ScriptedModel.of(valid_reply(paws), valid_reply(paws))
    run(writer(model, store, tmp_path), paws, store)
    again = run(writer(model, store, tmp_path), paws, store, replace(JOB, sample=1))
    assert again.meta["calls"] == 1 and len(model.requests) == 2


@pytest.mark.parametrize("status", [429, 500, 503])
def test_rate_limits_and_server_errors_are_retried(paws: Profile, store: Any, status: int) -> None:
    model = ScriptedModel.of(server_error(status), valid_reply(paws))
    written = run(writer(model, store), paws, store)
    assert written.asset is not None
    assert len(model.requests) == 2 and written.meta["calls"] == 1  # one logical call, two attempts


def test_client_errors_are_not_retried(paws: Profile, store: Any) -> None:
    model = ScriptedModel.of(server_error(400, "bad request"))
    written = run(writer(model, store), paws, store)
    assert written.asset is None
    assert written.error == "the model server answered HTTP 400: bad request (not retried)"
    assert len(model.requests) == 1


def test_timeouts_are_retried_then_recorded(paws: Profile, store: Any) -> None:
    model = ScriptedModel.of(timeout(), timeout(), timeout())
    written = run(writer(model, store), paws, store)
    assert written.asset is None and written.error == "the model call timed out (after retries)"
    assert len(model.requests) == 3  # retries=2: three attempts in all
    assert len(written.sources) == 2  # the guide sections its prompt carried are recorded all the same


def test_the_pipeline_records_a_failed_generation(paws: Profile, store: Any) -> None:
    model = ScriptedModel.of(timeout(), timeout(), timeout())
    chunks = StoreGuidance(store).guidance_for([(JOB.stage, "search ad")])[0]
    record = write_draft(paws, JOB, chunks, writer(model, store), Checker(paws))
    assert not record.generated and not record.passed
    assert record.failures[0].check == "generation" and "timed out" in record.failures[0].message


def test_refine_goes_through_the_refine_prompt(paws: Profile, store: Any) -> None:
    current = compose(paws, "search_ad", 1).asset
    model = ScriptedModel.of(valid_reply(paws))
    written = writer(model, store).refine(paws, JOB, current, "make it shorter", lambda asset: [])
    assert written.asset is not None and written.meta["prompt"]["name"] == "common/refine"
    assert "make it shorter" in str(model.requests[0][1].content)


def test_an_empty_queue_is_a_clear_test_error(paws: Profile, store: Any) -> None:
    written = run(writer(ScriptedModel.of(), store), paws, store)
    assert written.asset is None and "no reply queued" in (written.error or "")


# --- reply budgets, repair feedback, sources, refine ------------------------------------------------------


def test_each_asset_type_gets_its_own_reply_budget_and_max_tokens_caps_it(store: Any) -> None:
    model = ScriptedModel.of()
    w = writer(model, store)
    w.structured("search_ad")
    w.structured("blog_post")
    assert model.bound[0]["max_tokens"] == reply_budget(SearchAd) < 400
    assert model.bound[1]["max_tokens"] == reply_budget(BlogPost) > 2000
    writer(model, store, max_tokens=300).structured("blog_post")  # --max-tokens 300
    assert model.bound[2]["max_tokens"] == 300


def test_every_schema_error_goes_back_with_its_text_and_length(paws: Profile, store: Any) -> None:
    fields = json.loads(valid_reply(paws))
    fields["headlines"][0] = "Calm, gentle grooming for nervous dogs"
    fields["headlines"][1] = "Gentle grooming in Riverside, CA"
    fields["descriptions"] = ["One line only"]
    model = ScriptedModel.of(json.dumps(fields), valid_reply(paws))
    written = run(writer(model, store), paws, store)
    repair = last_user_message(model)
    assert (
        'headlines[0]: "Calm, gentle grooming for nervous dogs" is 38 characters; the limit is 30: '
        "cut at least 8"
    ) in repair
    assert 'headlines[1]: "Gentle grooming in Riverside, CA" is 32 characters' in repair
    assert "descriptions has 1 items; at least 2" in repair
    assert written.asset is not None and written.meta["repair_reason"] == "invalid"


def test_an_sms_is_counted_with_its_link_at_real_length(paws: Profile, store: Any) -> None:
    job = Job(Stage.promote, "referral_share", 1)
    fields = json.loads(valid_reply(paws, "referral_share"))
    fields["sms"] = (
        "Hi! You'd like my groomer: calm and kind with nervous dogs, never rushed, and the salon is "
        "quiet and lovely. Go and see for yourself: {{referral_link}}"
    )
    assert 142 < len(fields["sms"]) <= 160  # fits as written...
    model = ScriptedModel.of(json.dumps(fields), valid_reply(paws, "referral_share"))
    written = run(writer(model, store), paws, store, job)
    repair = last_user_message(model)
    assert "once its link is sent at 35 characters; an SMS holds 160" in repair  # ...but not once sent
    assert written.asset is not None


def test_the_draft_records_the_guide_sections_its_prompt_carried(paws: Profile, store: Any) -> None:
    model = ScriptedModel.of(valid_reply(paws))
    written = run(writer(model, store), paws, store)
    guidance = StoreGuidance(store).guidance_for([(JOB.stage, f"{JOB.asset_type} {JOB.stage}")])[0]
    sections = {c.id: c.section for c in guidance}
    assert sorted(sections[i] for i in written.sources) == ["Customer mindset", "What to offer"]
    assert written.meta["prompt"] == {"name": "aware/search_ad", "version": 2, "hash": ANY_HASH}


def test_refine_sends_the_context_the_failures_and_the_draft_fenced(paws: Profile, store: Any) -> None:
    current = compose(paws, "search_ad", 1).asset
    model = ScriptedModel.of(valid_reply(paws))

    def check(asset: Asset) -> list[Failure]:
        return [Failure("brand-voice", "uses 'miracle', which the brand voice says to avoid")]

    written = writer(model, store).refine(paws, JOB, current, "more playful, for LinkedIn", check)
    system, user = str(model.requests[0][0].content), str(model.requests[0][1].content)
    code = re.search(r"<<<DATA-([\w-]+) ", system).group(1)  # type: ignore[union-attr]
    assert paws.avatar.name in user and "The Calm Grooming Checklist" in user  # avatar and allowed offers
    assert "Headlines: eight to ten" in user  # the asset's craft notes
    assert re.search(rf"<<<DATA-{code} what the stage checks found\n- uses 'miracle'", user)
    assert re.search(rf"<<<DATA-{code} current draft\n\{{", user)  # the draft is data, fenced
    assert "more playful, for LinkedIn" in user
    assert "tone allows" in system and "channel" in system and "every merge tag" in system
    assert paws.business.name not in system
    assert written.meta["prompt"]["name"] == "common/refine" and written.meta["prompt"]["version"] == 2
