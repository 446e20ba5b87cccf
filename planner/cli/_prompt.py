"""``cvj prompt show``: the prompt a model would be sent for one asset (or one refine), rendered by the same
code as the chain — the system and user messages, the chunks retrieved from the store, the JSON schema and
a token estimate — without calling any model, so a prompt engineer can inspect it before paying for a run."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer

from planner.assets import asset_model
from planner.campaign import retrieve
from planner.cli._common import BusinessOpt, PromptsOpt, app, out, user_errors
from planner.cli._drafting import _find_draft
from planner.drafts import Job, record_from_json
from planner.errors import UserError
from planner.llm import SMALL_CONTEXT, PromptBuilder, Rendered
from planner.profile import Profile, load_profile
from planner.rules import Checker, Draft
from planner.session import RunOptions, open_session
from planner.stages import parse_stage

prompt_app = typer.Typer(help="Inspect the prompts a model is sent.", no_args_is_help=True)
app.add_typer(prompt_app, name="prompt")


@prompt_app.command("show")
def show(
    business: BusinessOpt,
    stage: Annotated[str | None, typer.Option("--stage", "-s", help="Stage id, e.g. aware.")] = None,
    asset: Annotated[str | None, typer.Option("--asset", "-a", help="Asset type, e.g. search_ad.")] = None,
    variant: Annotated[int, typer.Option("--variant", "-n", min=1, max=99, help="Which variant.")] = 1,
    instruction: Annotated[
        str | None, typer.Option("--refine", help="Show the refine prompt for this instruction instead.")
    ] = None,
    draft_file: Annotated[Path | None, typer.Option("--draft", help="drafts.jsonl holding --id.")] = None,
    draft_id: Annotated[str | None, typer.Option("--id", help="The draft to refine.")] = None,
    max_tokens: Annotated[
        int | None, typer.Option("--max-tokens", min=16, help="The reply cap a run would use.")
    ] = None,
    prompts: PromptsOpt = None,
    as_json: Annotated[
        bool, typer.Option("--json", help='Print {"system", "user", "schema", "tokens", …} as JSON.')
    ] = False,
) -> None:
    """Render the exact prompt for one asset (or a refine) from the store, with no model call."""
    with user_errors():
        profile = load_profile(business)
        # Offline whatever CVJ_MODEL says: showing a prompt needs the store, never a model server.
        session = open_session(RunOptions(model="offline", prompts=prompts), [profile])
        builder = PromptBuilder(session.guidance(), prompts, max_tokens=max_tokens)
        if instruction is not None:
            rendered = _refine(builder, profile, instruction, draft_file, draft_id)
        else:
            rendered = _draft(builder, profile, stage, asset, variant)
    if as_json:
        out.print(json.dumps(as_dict(rendered), ensure_ascii=False, indent=1), markup=False, highlight=False)
    else:
        print_rendered(rendered)


def _draft(
    builder: PromptBuilder, profile: Profile, stage: str | None, asset: str | None, variant: int
) -> Rendered:
    if not stage or not asset:
        raise UserError("give --stage and --asset (or --refine INSTRUCTION --draft FILE --id ID)")
    chosen, model = parse_stage(stage), asset_model(asset)
    if model.stage != chosen:
        raise UserError(f"--asset {asset} belongs to the {model.stage.value} stage, not {chosen.value}")
    job = Job(chosen, asset, variant)
    guidance = retrieve(builder.source, [job])[(chosen, asset)] if builder.source else []
    return builder.draft(profile, job, guidance)


def _refine(
    builder: PromptBuilder, profile: Profile, instruction: str, file: Path | None, draft_id: str | None
) -> Rendered:
    if file is None or draft_id is None:
        raise UserError("--refine needs the draft: --draft FILE --id ID")
    record = record_from_json(_find_draft(file, draft_id)[0])
    if not record.fields:
        raise UserError(f"draft {draft_id} has no fields to refine (its generation failed)")
    current = asset_model(record.asset_type).model_validate(record.fields)
    draft = Draft(record.stage, current.to_text(), record.asset_type, current.model_dump(mode="json"))
    failures = [f.message for f in Checker(profile).check(draft)]
    job = Job(record.stage, record.asset_type, record.variant)
    return builder.refine(profile, job, current, instruction, failures)


def as_dict(rendered: Rendered) -> dict[str, Any]:
    return {
        "system": rendered.system,
        "user": rendered.user,
        "schema": rendered.schema,
        "tokens": rendered.tokens(),
        "prompt": rendered.meta(),
        "max_tokens": rendered.max_tokens,
        "chunks": [{"id": c.id, "source": c.source, "section": c.section} for c in rendered.chunks],
    }


def print_rendered(rendered: Rendered) -> None:
    tokens = rendered.tokens()

    def say(text: str) -> None:
        out.print(text, markup=False, highlight=False)

    meta = rendered.meta()
    say(f"prompt {meta['name']} v{meta['version']} ({meta['hash']})")
    say(f"\n===== system ({tokens['system']:,} tokens) =====\n{rendered.system}")
    say(f"===== user ({tokens['user']:,} tokens) =====\n{rendered.user}")
    say("===== retrieved =====")
    for chunk in rendered.chunks:
        say(f"- {chunk.source} · {chunk.section} · {chunk.id}")
    say(f"===== schema =====\n{json.dumps(rendered.schema, ensure_ascii=False, indent=1)}")
    fits = tokens["fits_4096"]
    say(
        "===== tokens (estimated: characters / 3.8, a little above a real tokenizer's count) =====\n"
        f"prompt {tokens['prompt']:,} · reply budget (max_tokens) {tokens['reply_budget']:,} · "
        f"first pass {tokens['first_pass']:,} · with a repair pass {tokens['with_repair']:,}\n"
        f"fits a {SMALL_CONTEXT:,}-token context: first pass {_yes(fits['first_pass'])}, "
        f"with repair {_yes(fits['with_repair'])}"
    )


def _yes(value: bool) -> str:
    return (
        "yes" if value else "no — give the model a larger context (Ollama: num_ctx / OLLAMA_CONTEXT_LENGTH)"
    )
