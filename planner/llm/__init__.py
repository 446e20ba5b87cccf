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
    output_schema,
    reply_of,
    request_body,
)
from planner.llm._models import OFFLINE, ModelSpec, api_key, build_chat_model, check_reachable, parse_model
from planner.llm._prompts import PromptFile, load_prompt, prompts_dir
from planner.llm._values import asset_fields, describe_offer, fence, never_rules, prompt_values

__all__ = [
    "OFFLINE",
    "ChainWriter",
    "ModelCache",
    "ModelSpec",
    "PromptFile",
    "api_key",
    "asset_fields",
    "build_chat_model",
    "call_with_retries",
    "check_reachable",
    "describe_failure",
    "describe_offer",
    "fence",
    "invoke_keeping_truncated",
    "load_prompt",
    "never_rules",
    "output_schema",
    "parse_model",
    "prompt_values",
    "prompts_dir",
    "reply_of",
    "request_body",
]
