"""The app's Profile tab: start from an example, upload a YAML or edit the fields; errors sit under each."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from planner.app._backend import Backend
from planner.app._gradio_import import import_gradio
from planner.app._profile_form import (
    FIELDS,
    GENERAL,
    OFFER_COLUMNS,
    OFFERS,
    from_values,
    to_values,
    to_yaml,
    validate,
)
from planner.errors import UserError
from planner.knowledge import data_dir
from planner.profile import read_yaml

if TYPE_CHECKING:
    import gradio as gr
else:
    gr = import_gradio()

EXAMPLES_DIR = data_dir("examples") / "profiles"


def profile_tab(backend: Backend, status: gr.Markdown) -> None:
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
