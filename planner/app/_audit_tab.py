"""The app's Audit tab: paste or upload existing assets, see the journey audit, draft what's missing."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from planner.app._audit_view import audit_html
from planner.app._backend import Backend
from planner.app._gradio_import import import_gradio
from planner.app._views import campaign_html
from planner.errors import UserError
from planner.stages import Stage

if TYPE_CHECKING:
    import gradio as gr
else:
    gr = import_gradio()


def audit_tab(backend: Backend) -> None:
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

    def run(text: str, files: list[str] | None) -> list[Any]:
        try:
            audit, paths = backend.audit(text, files or [])
        except UserError as exc:
            return [
                f"<p class='cvj-error'>⚠ {exc}</p>",
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

    def draft_missing(empty: list[str], progress: gr.Progress = gr.Progress()) -> str:  # noqa: B008 (Gradio injects it)
        try:
            records, _ = backend.campaign(
                [Stage(s) for s in empty], None, 1, lambda d, t: progress((d, t), desc="Drafting")
            )
        except UserError as exc:
            return f"<p class='cvj-error'>⚠ {exc}</p>"
        return campaign_html(records)

    go.click(run, [pasted, uploads], [result, fill, report, gaps, drafts])
    fill.click(draft_missing, [gaps], [drafts])
