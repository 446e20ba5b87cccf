"""Prompt files: ``prompts/<stage>/<asset>.yaml``, loaded by name into a strict model.

A prompt has a ``version``, a ``system`` and a ``user`` template and the ``variables`` it uses. Templates
refer to variables as ``${name}``; a variable used but not declared, or declared but not used, fails at load
time, and rendering without a declared variable fails at once. ``$`` without braces and ``{{merge_tags}}``
are plain text, so prompts can mention prices and merge tags literally.
"""

from __future__ import annotations

import hashlib
import os
import re
from functools import cache
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError, model_validator

from planner.errors import UserError
from planner.knowledge import data_dir
from planner.profile import describe_error
from planner.yamlio import load_yaml

_VAR = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")

# Everything a chain can supply; a prompt declares the subset it uses.
SUPPLIED = frozenset(
    {
        "business",
        "brand_voice",
        "avatar",
        "offers",
        "stage",
        "stage_goal",
        "mindset",
        "may_pitch",
        "never",
        "guidance",
        "asset_label",
        "asset_fields",
        "variant",
        "angle",
        "merge_tags",
        "profile_facts",
        "pitch_offer",
        "draft",
        "instruction",
        "rubric",
    }
)

Name = Annotated[str, StringConstraints(pattern=r"^[a-z]+/[a-z_]+$")]


class PromptFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: Name
    version: int = Field(ge=1)
    description: str = ""
    variables: list[str] = Field(min_length=1)
    system: str = Field(min_length=1)
    user: str = Field(min_length=1)

    @model_validator(mode="after")
    def _variables_match_templates(self) -> PromptFile:
        used = set(_VAR.findall(self.system)) | set(_VAR.findall(self.user))
        declared = set(self.variables)
        if missing := used - declared:
            raise ValueError(f"templates use undeclared variables: {', '.join(sorted(missing))}")
        if unused := declared - used:
            raise ValueError(f"declared variables never used: {', '.join(sorted(unused))}")
        if unknown := declared - SUPPLIED:
            raise ValueError(
                f"no chain supplies {', '.join(sorted(unknown))} — use only {', '.join(sorted(SUPPLIED))}"
            )
        return self

    @property
    def content_hash(self) -> str:
        text = f"{self.version}\n{self.system}\n{self.user}"
        return hashlib.sha256(text.encode()).hexdigest()[:12]

    def render(self, values: dict[str, str]) -> tuple[str, str]:
        """(system, user) with every ``${var}`` filled; a missing value raises at once."""
        if missing := set(self.variables) - set(values):
            raise KeyError(f"prompt {self.name} needs {', '.join(sorted(missing))}")

        def fill(template: str) -> str:
            return _VAR.sub(lambda m: values[m.group(1)], template)

        return fill(self.system), fill(self.user)


def prompts_dir() -> Path:
    override = os.environ.get("CVJ_PROMPTS_DIR")
    return Path(override) if override else data_dir("prompts")


def load_prompt(name: str, directory: Path | None = None) -> PromptFile:
    """Load ``<stage>/<asset>`` from the prompts folder (``--prompts DIR`` points at another one)."""
    return _load(str((directory or prompts_dir()).resolve()), name)


@cache
def _load(directory: str, name: str) -> PromptFile:
    path = Path(directory) / f"{name}.yaml"
    if not path.is_file():
        raise UserError(f"{path}: no such prompt file — every asset type needs prompts/<stage>/<asset>.yaml")
    data = load_yaml(path.read_text(encoding="utf-8"), str(path))
    try:
        prompt = PromptFile.model_validate(data)
    except ValidationError as exc:
        raise UserError("\n".join(f"{path}: {describe_error(e)}" for e in exc.errors())) from None
    if prompt.name != name:
        raise UserError(f"{path}: name is {prompt.name!r}; it must match its path, {name!r}")
    return prompt
