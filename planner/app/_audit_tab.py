"""The app's Audit tab: paste or upload existing assets, see the journey audit, draft what's missing."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from planner.app._audit_view import audit_html
from planner.app._backend import Backend, Visit
from planner.app._gradio_import import import_gradio
from planner.app._views import campaign_html, error_html
from planner.errors import UserError
from planner.stages import Stage

if TYPE_CHECKING:
    import gradio as gr
else:
    gr = import_gradio()


def audit_tab(backend: Backend, visit: Any) -> None:
    pasted = gr.Textbox(
        label="Paste your existing ads, emails and pages — one per block, a line of --- between them",
        lines=10,
        elem_id="cvj-audit-text",
    )
    uploads = gr.File(
        label="…or upload them (.txt, .md, .html, or one .jsonl with id, text, url)",
        file_count="multiple",
        file_types=[".txt", ".md", ".markdown", ".html", ".htm", ".jsonl"],
        elem_id="cvj-audit-files",
    )
    go = gr.Button("Audit my journey", variant="primary", elem_id="cvj-audit-run")
    result = gr.HTML(elem_id="cvj-audit")
    with gr.Row():
        fill = gr.Button("Draft what's missing", visible=False, elem_id="cvj-audit-fill")
        report = gr.DownloadButton("Download audit.md", visible=False, elem_id="cvj-audit-download")
    drafts = gr.HTML(elem_id="cvj-audit-drafts")
    gaps = gr.State([])

    def run(current: Visit | None, text: str, files: list[str] | None) -> list[Any]:
        try:
            audit, paths = backend.audit(current or backend.visit(), text, files or [])
        except UserError as exc:
            return [
                error_html(exc),
                gr.update(visible=False),
                gr.update(visible=False),
                [],
                "",
            ]
        empty = [s.value for s in audit.gaps]
        label = f"Draft what's missing ({', '.join(empty)})"
        return [
            audit_html(audit),
            gr.update(value=label, visible=bool(empty)),
            gr.update(value=str(paths[0]), visible=True),
            empty,
            "",
        ]

    def draft_missing(
        current: Visit | None,
        empty: list[str],
        progress: gr.Progress = gr.Progress(),  # noqa: B008 (Gradio injects it)
    ) -> str:
        def tick(done: int, total: int) -> None:
            progress((done, total), desc="Drafting")

        try:
            records, _ = backend.campaign(
                current or backend.visit(), [Stage(s) for s in empty], None, 1, tick
            )
        except UserError as exc:
            return error_html(exc)
        return campaign_html(records)

    go.click(run, [visit, pasted, uploads], [result, fill, report, gaps, drafts])
    fill.click(draft_missing, [visit, gaps], [drafts])
