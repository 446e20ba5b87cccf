"""Writing with a chat model: model selection, prompt files, the LCEL chain per asset type, the on-disk cache.

Nothing here builds the store or picks the writer — ``planner.session`` does. LangChain and the OpenAI SDK
are imported only when a model is actually used, so the offline path never pays for them. Tests use
``planner.llm.scripted.ScriptedModel`` (queued replies) to run every chain path without a server.
"""

from planner.llm._cache import ModelCache
from planner.llm._chains import (
    ChainWriter,
    call_with_retries,
    describe_failure,
    invoke_keeping_truncated,
    reply_of,
    request_body,
)
from planner.llm._fence import Fence, draw_fence
from planner.llm._fields import estimate_tokens, field_guide, reply_budget
from planner.llm._models import OFFLINE, ModelSpec, api_key, build_chat_model, check_reachable, parse_model
from planner.llm._prompts import PromptFile, SharedPrompt, load_prompt, load_shared, prompts_dir
from planner.llm._render import SMALL_CONTEXT, PromptBuilder, Rendered, output_schema
from planner.llm._values import describe_offer, fenced, never_rules, prompt_values

__all__ = [
    "OFFLINE",
    "SMALL_CONTEXT",
    "ChainWriter",
    "Fence",
    "ModelCache",
    "ModelSpec",
    "PromptBuilder",
    "PromptFile",
    "Rendered",
    "SharedPrompt",
    "api_key",
    "build_chat_model",
    "call_with_retries",
    "check_reachable",
    "describe_failure",
    "describe_offer",
    "draw_fence",
    "estimate_tokens",
    "fenced",
    "field_guide",
    "invoke_keeping_truncated",
    "load_prompt",
    "load_shared",
    "never_rules",
    "output_schema",
    "parse_model",
    "prompt_values",
    "prompts_dir",
    "reply_budget",
    "reply_of",
    "request_body",
]
