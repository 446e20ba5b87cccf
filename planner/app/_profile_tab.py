"""The app's Profile tab: start from an example, upload a YAML or edit the fields; errors sit under each.

Saving switches *this browser's* business (header, chat, campaign and audit follow it); other people using
the app keep theirs. The business id is remembered in the browser, so a reload comes back to it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from planner.app._backend import EXAMPLES_DIR, Backend, Visit
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
from planner.app._views import clean_error
from planner.errors import UserError
from planner.markup import md_escape
from planner.profile import Profile, read_yaml

if TYPE_CHECKING:
    import gradio as gr
else:
    gr = import_gradio()


@dataclass
class ProfileForm:
    """The form's value components, so a session that comes back to another business can refill them."""

    components: list[Any]
    example: Any  # the "start from an example" dropdown: cleared when another business is shown

    @staticmethod
    def values(profile: Profile) -> list[Any]:
        form, table = to_values(profile.model_dump(mode="json"))
        return [*form, table]


def profile_tab(backend: Backend, visit: Any, switched: list[Any], on_switch: Any) -> ProfileForm:
    """``switched`` are the components that follow the business (header, chat, remembered id); ``on_switch``
    gives their new values for a visit."""
    values, rows = to_values(backend.default.model_dump(mode="json"))
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
        label="Offer ladder (role: lead_magnet, entry_point, consultation, core, profit_maximizer, referral)",
        interactive=True,
        elem_id="cvj-offers",
        column_count=len(OFFER_COLUMNS),
    )
    errors[OFFERS] = gr.Markdown(visible=False, elem_classes="cvj-error", elem_id="cvj-error-offers")
    save = gr.Button("Save and use this business", variant="primary", elem_id="cvj-save")
    saved = gr.Markdown(elem_id="cvj-saved")
    slots = [general, *errors.values()]
    keep = [gr.update()] * (len(inputs) + 1)

    def show(found: dict[str, list[str]]) -> list[Any]:
        return [
            gr.update(value="⚠ " + "  \n⚠ ".join(md_escape(m) for m in found[k]), visible=True)
            if k in found
            else gr.update(visible=False)
            for k in [GENERAL, *errors]
        ]

    def fill(data: dict[str, Any], found: dict[str, list[str]], note: str) -> list[Any]:
        form, table = to_values(data)
        return [*form, table, *show(found), note]

    def load_example(name: str | None) -> list[Any]:
        if not name:
            return [*keep, *[gr.update()] * len(slots), ""]
        data = read_yaml(EXAMPLES_DIR / f"{Path(name).name}.yaml")
        return fill(data, {}, f"Loaded the example **{md_escape(name)}** — press Save to use it.")

    def load_upload(path: str | None) -> list[Any]:
        if not path:
            return [*keep, *[gr.update()] * len(slots), ""]
        try:
            data = read_yaml(Path(path))
        except UserError as exc:
            return [*keep, *show({GENERAL: [clean_error(exc).split(": ", 1)[-1]]}), ""]
        if not isinstance(data, dict):
            return [*keep, *show({GENERAL: ["the file is not a YAML mapping"]}), ""]
        _, found = validate(data)
        note = (
            "Uploaded — fix the fields marked below, then Save."
            if found
            else "Uploaded — press Save to use it."
        )
        return fill(data, found, note)

    def save_form(current: Visit | None, *args: Any) -> list[Any]:
        *form, table = args
        rows = table.values.tolist() if hasattr(table, "values") else list(table or [])
        profile, found = validate(from_values(list(form), rows))
        if profile is None:
            unchanged = [gr.update()] * (1 + len(switched))
            return [*show(found), "Not saved — fix the fields marked above.", *unchanged]
        try:
            now, path = backend.save_profile(profile, to_yaml(profile))
        except UserError as exc:
            return [*show({GENERAL: [clean_error(exc)]}), "Not saved.", *[gr.update()] * (1 + len(switched))]
        note = f"Saved as `{md_escape(path.name)}` — drafts, campaigns and audits now use this business."
        return [*show({}), note, now, *on_switch(now)]

    outputs = [*inputs, offers, *slots, saved]
    example.change(load_example, [example], outputs)
    upload.upload(load_upload, [upload], outputs)
    save.click(save_form, [visit, *inputs, offers], [*slots, saved, visit, *switched])
    return ProfileForm([*inputs, offers], example)
