"""The browser app: a thin Gradio UI over the functions the CLI calls.

Chat (draft, refine, explain, check), a campaign builder, a profile editor and the journey audit, plus any
tabs that plugins add (the eval harness adds its Evals tab). Settings come from the environment:
CVJ_HOST (default 127.0.0.1 — loopback only), CVJ_PORT (7860), CVJ_AUTH=user:password (basic auth),
CVJ_PROFILE (the business to load; default the bundled example), CVJ_MODEL / OPENAI_* (the writer).
"""

from __future__ import annotations

import os
from html import escape
from typing import TYPE_CHECKING, Any

from planner.app._audit_tab import audit_tab
from planner.app._backend import Backend
from planner.app._exports import build_exports, label, notes_html
from planner.app._gradio_import import import_gradio
from planner.app._profile_tab import EXAMPLES_DIR, profile_tab
from planner.app._views import campaign_html
from planner.assets import assets_for
from planner.errors import UserError
from planner.export import FORMATS
from planner.plugins import app_tabs
from planner.profile import load_profile
from planner.session import RunOptions
from planner.stages import Stage
from planner.store import cvj_home

if TYPE_CHECKING:
    import gradio as gr
else:
    gr = import_gradio()  # Gradio without its 3-second stub rewriting (see _gradio_import)

__all__ = ["build", "launch"]

MAX_UPLOAD = "200kb"  # a profile is a few KB; refuse anything big before it is read
CSS = ".cvj-error{color:#b3261e;font-size:.9rem;margin-top:-.4rem} .cvj-error p{margin:0}"


def _backend() -> Backend:
    profile = load_profile(os.environ.get("CVJ_PROFILE") or EXAMPLES_DIR / "paws-and-suds.yaml")
    return Backend(profile, RunOptions(), cvj_home() / "app-out")


def _asset_choices() -> list[tuple[str, str]]:
    return [(f"{s.value} · {m.label}", m.asset_type) for s in Stage for m in assets_for(s)]


def build(backend: Backend) -> gr.Blocks:
    demo: gr.Blocks
    with gr.Blocks(title="cvj-planner") as demo:
        gr.Markdown("# cvj-planner\nDraft and check copy for every stage of the Customer Value Journey.")
        status = gr.Markdown(backend.status(), elem_id="cvj-status")
        with gr.Tab("Chat", id="chat"):
            _chat_tab(backend)
        with gr.Tab("Campaign", id="campaign"):
            _campaign_tab(backend)
        with gr.Tab("Profile", id="profile"):
            profile_tab(backend, status)
        for tab in app_tabs():
            with gr.Tab(tab.label, id=tab.id):
                tab.build(backend)
        with gr.Tab("Audit", id="audit"):
            audit_tab(backend)
        # Load the model, classifier and store once a page is showing, so start-up does not compete with it.
        demo.load(backend.start_soon)
    return demo


def _chat_tab(backend: Backend) -> None:
    from planner.chat import help_text

    chatbot = gr.Chatbot(
        value=[{"role": "assistant", "content": help_text()}], height=520, elem_id="cvj-chatbot", label="Chat"
    )
    session = gr.State(None)
    with gr.Row():
        box = gr.Textbox(
            placeholder="e.g. write a welcome email", show_label=False, scale=8, elem_id="cvj-msg"
        )
        send = gr.Button("Send", variant="primary", scale=1, elem_id="cvj-send")

    def reply(
        message: str, history: list[dict[str, Any]], state: Any
    ) -> tuple[str, list[dict[str, Any]], Any]:
        from planner.chat import respond

        if not message.strip():
            return "", history, state
        try:
            state = state or backend.new_chat()
            answer = respond(state, message, history).markdown
        except UserError as exc:
            answer = f"⚠ {exc}"
        return (
            "",
            [*history, {"role": "user", "content": message}, {"role": "assistant", "content": answer}],
            state,
        )

    box.submit(reply, [box, chatbot, session], [box, chatbot, session])
    send.click(reply, [box, chatbot, session], [box, chatbot, session])


def _campaign_tab(backend: Backend) -> None:
    stages = gr.CheckboxGroup(
        [s.value for s in Stage], value=[s.value for s in Stage], label="Stages", elem_id="cvj-stages"
    )
    assets = gr.CheckboxGroup(_asset_choices(), label="Only these assets (optional)", elem_id="cvj-assets")
    variants = gr.Slider(1, 5, value=1, step=1, label="Variants per asset", elem_id="cvj-variants")
    go = gr.Button("Generate campaign", variant="primary", elem_id="cvj-generate")
    result = gr.HTML(elem_id="cvj-campaign")
    with gr.Row():
        files = [
            gr.DownloadButton(f"Download {kind}", visible=False, elem_id=f"cvj-download-{kind.lower()}")
            for kind in ("Markdown", "CSV", "JSON")
        ]
    with gr.Row():
        exports = [
            gr.DownloadButton(f"{label(fmt)} (.zip)", visible=False, size="sm", elem_id=f"cvj-export-{fmt}")
            for fmt in FORMATS
        ]
    notes = gr.HTML(elem_id="cvj-export-notes")
    hidden = [gr.update(visible=False)] * (len(files) + len(exports))

    def run(chosen: list[str], only: list[str], n: float, progress: gr.Progress = gr.Progress()) -> list[Any]:  # noqa: B008 (Gradio injects it)
        progress(0, desc="Loading")
        try:
            records, paths = backend.campaign(
                [Stage(s) for s in chosen],
                set(only) or None,
                int(n),
                lambda d, t: progress((d, t), desc="Drafting"),
            )
        except UserError as exc:
            return [f"<p class='cvj-error'>⚠ {escape(str(exc))}</p>", *hidden, ""]
        by_name = {p.name: p for p in paths}
        wanted = ("campaign.md", "campaign.csv", "drafts.jsonl")
        ready, missing = build_exports(backend.profile, records, paths[0].parent)
        return [
            campaign_html(records),
            *(gr.update(value=str(by_name[w]), visible=True) for w in wanted),
            *(
                gr.update(value=str(ready[f]), visible=True) if f in ready else gr.update(visible=False)
                for f in FORMATS
            ),
            notes_html(missing),
        ]

    go.click(run, [stages, assets, variants], [result, *files, *exports, notes])


def launch() -> None:
    backend = _backend()
    auth = os.environ.get("CVJ_AUTH")
    credentials = tuple(auth.split(":", 1)) if auth and ":" in auth else None
    build(backend).launch(
        server_name=os.environ.get("CVJ_HOST", "127.0.0.1"),
        server_port=int(os.environ.get("CVJ_PORT", "7860")),
        auth=credentials,  # type: ignore[arg-type]
        max_file_size=MAX_UPLOAD,
        ssr_mode=False,
        show_error=False,
        css=CSS,
        footer_links=[],
    )
