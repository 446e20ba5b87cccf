"""cvj-planner in the browser: `python app.py` (or `make app`) → http://127.0.0.1:7860.

A thin Gradio UI over the functions the CLI calls: chat (draft, refine, explain, check), a campaign builder,
a profile editor, the eval suites and the journey audit. Settings come from the environment:
CVJ_HOST (default 127.0.0.1 — loopback only), CVJ_PORT (7860), CVJ_AUTH=user:password (basic auth),
CVJ_PROFILE (the business to load; default the bundled example), CVJ_MODEL / OPENAI_* (the writer).
"""

from __future__ import annotations

import os

# No outside connections: these must be set before Gradio (and huggingface_hub) are imported.
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
os.environ.setdefault("DO_NOT_TRACK", "1")

from pathlib import Path
from typing import TYPE_CHECKING, Any

from planner.gradio_import import import_gradio

if TYPE_CHECKING:
    import gradio as gr
else:
    gr = import_gradio()  # Gradio without its 3-second stub rewriting (see planner/gradio_import.py)

from planner.app_backend import Backend
from planner.errors import UserError
from planner.knowledge import data_dir
from planner.profile_form import FIELDS, GENERAL, OFFER_COLUMNS, OFFERS
from planner.stages import Stage

MAX_UPLOAD = "200kb"  # a profile is a few KB; refuse anything big before it is read
EXAMPLES_DIR = data_dir("examples") / "profiles"
SUITES_DIR = Path(__file__).parent / "evals" / "suites"
CSS = ".cvj-error{color:#b3261e;font-size:.9rem;margin-top:-.4rem} .cvj-error p{margin:0}"


def _backend() -> Backend:
    from planner.models import parse_model
    from planner.profile import load_profile
    from planner.store import cvj_home

    profile = load_profile(os.environ.get("CVJ_PROFILE") or EXAMPLES_DIR / "paws-and-suds.yaml")
    return Backend(profile, parse_model(), cvj_home() / "app-out")


def _asset_choices() -> list[tuple[str, str]]:
    from planner.assets import assets_for

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
            _profile_tab(backend, status)
        with gr.Tab("Evals", id="evals"):
            _evals_tab(backend)
        with gr.Tab("Audit", id="audit"):
            _audit_tab(backend)
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
            state = state or backend.new_session()
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

    def run(chosen: list[str], only: list[str], n: float, progress: gr.Progress = gr.Progress()) -> list[Any]:  # noqa: B008  # noqa: B008 (Gradio injects it)
        from planner.app_views import campaign_html

        progress(0, desc="Loading")
        try:
            records, paths = backend.campaign(
                [Stage(s) for s in chosen],
                set(only) or None,
                int(n),
                lambda d, t: progress((d, t), desc="Drafting"),
            )
        except UserError as exc:
            return [f"<p class='cvj-error'>⚠ {exc}</p>", *[gr.update(visible=False)] * 3]
        by_name = {p.name: p for p in paths}
        wanted = ("campaign.md", "campaign.csv", "drafts.jsonl")
        return [campaign_html(records), *(gr.update(value=str(by_name[w]), visible=True) for w in wanted)]

    go.click(run, [stages, assets, variants], [result, *files])


def _profile_tab(backend: Backend, status: gr.Markdown) -> None:
    from planner.profile_form import to_values

    values, rows = to_values(backend.profile.model_dump(mode="json"))
    with gr.Row():
        example = gr.Dropdown(
            sorted(p.stem for p in EXAMPLES_DIR.glob("*.yaml")), label="Start from an example", scale=2
        )
        upload = gr.File(
            label="…or upload a profile YAML", file_types=[".yaml", ".yml"], type="filepath", scale=3,
            elem_id="cvj-upload",
        )  # fmt: skip
    general = gr.Markdown(visible=False, elem_classes="cvj-error", elem_id="cvj-error-general")
    inputs, errors = [], {}
    for field, value in zip(FIELDS, values, strict=True):
        lines = 1 if field.kind in ("text", "commas") else 3
        inputs.append(gr.Textbox(value, label=field.label, lines=lines, elem_id=f"cvj-field-{field.path}"))
        errors[field.path] = gr.Markdown(
            visible=False, elem_classes="cvj-error", elem_id=f"cvj-error-{field.path}"
        )
    offers = gr.Dataframe(
        rows,
        headers=list(OFFER_COLUMNS),
        label="Offer ladder (role: lead_magnet, entry_point, core, profit_maximizer, referral)",
        interactive=True,
        elem_id="cvj-offers",
        column_count=len(OFFER_COLUMNS),
    )
    errors[OFFERS] = gr.Markdown(visible=False, elem_classes="cvj-error", elem_id="cvj-error-offers")
    save = gr.Button("Save and re-index", variant="primary", elem_id="cvj-save")
    saved = gr.Markdown(elem_id="cvj-saved")
    slots = [general, *errors.values()]

    def show(found: dict[str, list[str]]) -> list[Any]:
        keys = [GENERAL, *errors]
        return [
            gr.update(value="⚠ " + "  \n⚠ ".join(found[k]), visible=True)
            if k in found
            else gr.update(visible=False)
            for k in keys
        ]

    def fill(data: dict[str, Any], found: dict[str, list[str]], note: str) -> list[Any]:
        form, table = to_values(data)
        return [*form, table, *show(found), note]

    def load_example(name: str) -> list[Any]:
        import yaml

        data = yaml.safe_load((EXAMPLES_DIR / f"{name}.yaml").read_text(encoding="utf-8"))
        return fill(data, {}, f"Loaded the example **{name}** — press Save to use it.")

    def load_upload(path: str | None) -> list[Any]:
        from planner.profile import read_yaml
        from planner.profile_form import validate

        if not path:
            return [gr.update()] * (len(inputs) + 1 + len(slots) + 1)
        try:
            data = read_yaml(Path(path))
        except UserError as exc:
            return [*[gr.update()] * (len(inputs) + 1), *show({GENERAL: [str(exc).split(": ", 1)[-1]]}), ""]
        if not isinstance(data, dict):
            return [
                *[gr.update()] * (len(inputs) + 1),
                *show({GENERAL: ["the file is not a YAML mapping"]}),
                "",
            ]
        _, found = validate(data)
        note = (
            "Uploaded — fix the fields marked below, then Save."
            if found
            else "Uploaded — press Save to use it."
        )
        return fill(data, found, note)

    def save_form(*args: Any) -> list[Any]:
        from planner.profile_form import from_values, to_yaml, validate

        *form, table = args
        rows = table.values.tolist() if hasattr(table, "values") else list(table or [])
        profile, found = validate(from_values(list(form), rows))
        if profile is None:
            return [*show(found), "Not saved — fix the fields marked above.", gr.update()]
        path = backend.set_profile(profile, to_yaml(profile))
        return [*show({}), f"Saved to `{path}` and re-indexed the store.", backend.status()]

    outputs = [*inputs, offers, *slots, saved]
    example.change(load_example, [example], outputs)
    upload.upload(load_upload, [upload], outputs)
    save.click(save_form, [*inputs, offers], [*slots, saved, status])


def _evals_tab(backend: Backend) -> None:
    suites = sorted(p.name for p in SUITES_DIR.glob("*.yaml"))
    suite = gr.Dropdown(suites, value=suites[0] if suites else None, label="Suite", elem_id="cvj-suite")
    run = gr.Button("Run suite", variant="primary", elem_id="cvj-run-suite")
    summary = gr.Markdown(elem_id="cvj-eval-summary")
    table = gr.Dataframe(
        headers=["stage", "cases", "passed", "pass rate"], interactive=False, elem_id="cvj-eval-table"
    )
    report_file = gr.DownloadButton("Download report.html", visible=False, elem_id="cvj-report-download")
    report = gr.HTML(elem_id="cvj-report")

    def go(name: str, progress: gr.Progress = gr.Progress()) -> list[Any]:  # noqa: B008 (Gradio injects it)  # noqa: B008 (Gradio injects it)
        from html import escape

        from planner.app_views import eval_rows, eval_summary

        try:
            results = backend.run_eval(SUITES_DIR / name, lambda phase, d, t: progress((d, t), desc=phase))
        except UserError as exc:
            return [f"⚠ {exc}", [], gr.update(visible=False), ""]
        page = Path(results["report_path"]).read_text(encoding="utf-8")
        style = "width:100%;height:640px;border:0"
        frame = f'<iframe title="report" style="{style}" srcdoc="{escape(page)}"></iframe>'
        return [
            eval_summary(results),
            eval_rows(results),
            gr.update(value=results["report_path"], visible=True),
            frame,
        ]

    run.click(go, [suite], [summary, table, report_file, report])


def _audit_tab(backend: Backend) -> None:
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
        from planner.app_audit import audit_html

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
        from planner.app_views import campaign_html

        try:
            records, _ = backend.campaign(
                [Stage(s) for s in empty], None, 1, lambda d, t: progress((d, t), desc="Drafting")
            )
        except UserError as exc:
            return f"<p class='cvj-error'>⚠ {exc}</p>"
        return campaign_html(records)

    go.click(run, [pasted, uploads], [result, fill, report, gaps, drafts])
    fill.click(draft_missing, [gaps], [drafts])


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


if __name__ == "__main__":
    launch()
