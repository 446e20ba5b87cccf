"""The browser app: a thin Gradio UI over the functions the CLI calls.

Chat (draft, refine, explain, check), a campaign builder, a profile editor and the journey audit, plus any
tabs that plugins add (the eval harness adds its Evals tab). Each browser session keeps its own business and
chat (``Visit`` in a ``gr.State``); the business id is remembered in the browser for the next visit.
Settings come from the environment: CVJ_HOST (default 127.0.0.1 — loopback only), CVJ_PORT (7860),
CVJ_AUTH=user:password (log-in; see ``_access``), CVJ_PROFILE (the business a new session starts on; default
the bundled example), CVJ_MODEL / OPENAI_* (the writer).
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

from planner.app._access import Guard, credentials
from planner.app._audit_tab import audit_tab
from planner.app._backend import EXAMPLES_DIR, Backend, Visit
from planner.app._chat_tab import chat_tab, wire_chat
from planner.app._exports import build_exports, label, notes_html
from planner.app._gradio_import import import_gradio
from planner.app._profile_tab import ProfileForm, profile_tab
from planner.app._views import campaign_html, error_html
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
UPLOADS_KEPT = (3600, 3600)  # uploads and downloads leave the server's temp folder after an hour


def _backend() -> Backend:
    profile = load_profile(os.environ.get("CVJ_PROFILE") or EXAMPLES_DIR / "paws-and-suds.yaml")
    return Backend(profile, RunOptions(), cvj_home() / "app-out")


def _asset_choices() -> list[tuple[str, str]]:
    return [(f"{s.value} · {m.label}", m.asset_type) for s in Stage for m in assets_for(s)]


def build(backend: Backend) -> gr.Blocks:
    demo: gr.Blocks
    with gr.Blocks(title="cvj-planner", delete_cache=UPLOADS_KEPT) as demo:
        visit = gr.State(None)
        remembered = gr.BrowserState(None, storage_key="cvj-business")
        gr.Markdown("# cvj-planner\nDraft and check copy for every stage of the Customer Value Journey.")
        status = gr.Markdown(backend.status(None), elem_id="cvj-status")
        with gr.Tab("Chat", id="chat"):
            chat = chat_tab()
        with gr.Tab("Campaign", id="campaign"):
            _campaign_tab(backend, visit)

        def switched(now: Visit) -> list[Any]:
            """Saving a profile switches this session's business: header, remembered id, a fresh chat."""
            return [backend.status(now), now.profile.slug, *chat.reset(now)]

        with gr.Tab("Profile", id="profile"):
            form = profile_tab(backend, visit, [status, remembered, *chat.resets], switched)

        def changed(now: Visit) -> list[Any]:
            """The chat changed the profile (a promotion): header and form follow, the chat goes on."""
            return [backend.status(now), now.profile.slug, *ProfileForm.values(now.profile)]

        wire_chat(chat, backend, visit, [status, remembered, *form.components], changed)
        for tab in app_tabs():
            with gr.Tab(tab.label, id=tab.id):
                tab.build(backend)
        with gr.Tab("Audit", id="audit"):
            audit_tab(backend, visit)

        def arrive(slug: str | None) -> list[Any]:
            # Load the model, classifier and store once a page shows, so start-up does not compete with it.
            backend.start_soon()
            now = backend.visit(slug)
            values = ProfileForm.values(now.profile)
            return [now, backend.status(now), *chat.reset(now), *values, gr.update(value=None)]

        demo.load(arrive, [remembered], [visit, status, *chat.resets, *form.components, form.example])
    return demo


def _campaign_tab(backend: Backend, visit: Any) -> None:
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

    def run(
        current: Visit | None,
        chosen: list[str],
        only: list[str],
        n: float,
        progress: gr.Progress = gr.Progress(),  # noqa: B008 (Gradio injects it)
    ) -> list[Any]:
        progress(0, desc="Loading")
        current = current or backend.visit()
        try:
            records, paths = backend.campaign(
                current,
                [Stage(s) for s in chosen],
                set(only) or None,
                int(n),
                lambda d, t: progress((d, t), desc="Drafting"),
            )
            ready, missing = build_exports(current.profile, records, paths[0].parent)
        except UserError as exc:
            return [error_html(exc), *hidden, ""]
        by_name = {p.name: p for p in paths}
        wanted = ("campaign.md", "campaign.csv", "drafts.jsonl")
        return [
            campaign_html(records),
            *(gr.update(value=str(by_name[w]), visible=True) for w in wanted),
            *(
                gr.update(value=str(ready[f]), visible=True) if f in ready else gr.update(visible=False)
                for f in FORMATS
            ),
            notes_html(missing),
        ]

    go.click(run, [visit, stages, assets, variants], [result, *files, *exports, notes])


def launch() -> None:
    """Start the app; a bad CVJ_AUTH stops it with the fix before anything listens."""
    import sys

    try:
        login = credentials(os.environ.get("CVJ_AUTH"))
    except UserError as exc:
        print(f"cvj-planner app: {exc}", file=sys.stderr)
        raise SystemExit(2) from None
    guard = Guard(login)
    build(_backend()).launch(
        server_name=os.environ.get("CVJ_HOST", "127.0.0.1"),
        server_port=int(os.environ.get("CVJ_PORT", "7860")),
        auth=guard.check if login else None,  # type: ignore[arg-type]  # Gradio awaits an async one
        app_kwargs={"middleware": guard.middleware()},
        max_file_size=MAX_UPLOAD,
        ssr_mode=False,
        show_error=False,
        css=CSS,
        footer_links=[],
    )
