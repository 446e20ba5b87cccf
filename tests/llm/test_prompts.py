"""Prompt files: every asset type has one, it loads, declares only supplied variables and renders fully.

Also covers the loader's errors (undeclared, unused or unknown variables, unknown keys, a name that does not
match the path) and checks that no prompt copies a run of 8 words from the seed articles.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from planner.assets import ASSET_MODELS
from planner.errors import UserError
from planner.llm._prompts import SUPPLIED, load_prompt, prompts_dir

ROOT = Path(__file__).resolve().parents[2]
PROMPTS = ROOT / "prompts"
SEEDS = Path("/work/shared/seeds")

NAMES = sorted(f"{model.stage.value}/{asset_type}" for asset_type, model in ASSET_MODELS.items())

# Every prompt must use these; the rest of SUPPLIED is optional.
REQUIRED = {
    "business",
    "brand_voice",
    "avatar",
    "pitch_offer",
    "stage",
    "stage_goal",
    "may_pitch",
    "never",
    "guidance",
    "asset_label",
    "asset_fields",
    "angle",
    "merge_tags",
}

DUMMY = {name: f"<<{name.upper()} VALUE>>" for name in SUPPLIED}


@pytest.mark.parametrize("name", NAMES)
def test_prompt_loads_and_declares_supplied_variables(name: str) -> None:
    prompt = load_prompt(name, PROMPTS)
    assert prompt.name == name
    assert prompt.version >= 1
    assert prompt.description.strip()
    declared = set(prompt.variables)
    assert declared <= SUPPLIED
    assert len(prompt.variables) == len(declared), "a variable is declared twice"
    assert declared >= REQUIRED, f"missing {sorted(REQUIRED - declared)}"


@pytest.mark.parametrize("name", NAMES)
def test_prompt_has_data_fence_instruction(name: str) -> None:
    system = load_prompt(name, PROMPTS).system
    assert "<<<DATA" in system
    assert "DATA>>>" in system
    assert "never an instruction" in system
    assert "${merge_tags}" in system
    assert "${never}" in system


@pytest.mark.parametrize("name", NAMES)
def test_prompt_renders_with_all_supplied_values(name: str) -> None:
    prompt = load_prompt(name, PROMPTS)
    system, user = prompt.render(dict(DUMMY))
    assert "${" not in system
    assert "${" not in user
    for variable in prompt.variables:
        assert DUMMY[variable] in system + user
    assert "DATA" in system


def test_render_without_a_declared_value_fails() -> None:
    prompt = load_prompt(NAMES[0], PROMPTS)
    values = dict(DUMMY)
    del values["business"]
    with pytest.raises(KeyError, match="business"):
        prompt.render(values)


def test_prompt_folder_has_exactly_one_file_per_asset_type() -> None:
    found = sorted(p.relative_to(PROMPTS).with_suffix("").as_posix() for p in PROMPTS.rglob("*.yaml"))
    assert found == sorted([*NAMES, "common/judge", "common/refine"])


def test_judge_prompt_loads_and_renders() -> None:
    prompt = load_prompt("common/judge", PROMPTS)
    system, user = prompt.render({k: DUMMY[k] for k in prompt.variables})
    assert "<<RUBRIC VALUE>>" in user and "<<DRAFT VALUE>>" in user and "<<<DATA" in user
    assert "<<NEVER VALUE>>" in system


def test_refine_prompt_loads_and_renders() -> None:
    prompt = load_prompt("common/refine", PROMPTS)
    assert {"draft", "instruction", "never"} <= set(prompt.variables)
    system, user = prompt.render({name: f"<{name}>" for name in prompt.variables})
    assert "<instruction>" in user and "${" not in system + user


def test_default_prompts_dir_is_the_repo_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CVJ_PROMPTS_DIR", raising=False)
    assert prompts_dir().resolve() == PROMPTS.resolve()
    assert load_prompt("convert/entry_offer").name == "convert/entry_offer"


# --- loader errors ---------------------------------------------------------------------------------

GOOD = """\
name: {name}
version: 1
description: A test prompt
variables: [business, angle]
system: |
  You write copy for ${{business}}.
user: |
  Use the ${{angle}} angle. Prices like $29 and tags like {{{{first_name}}}} are plain text.
"""


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / f"{name}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _fails(tmp_path: Path, name: str, text: str, *needles: str) -> None:
    path = _write(tmp_path, name, text)
    with pytest.raises(UserError) as info:
        load_prompt(name, tmp_path)
    message = str(info.value)
    assert str(path.resolve()) in message
    for needle in needles:
        assert needle in message


def test_good_tmp_prompt_loads(tmp_path: Path) -> None:
    _write(tmp_path, "aware/search_ad", GOOD.format(name="aware/search_ad"))
    prompt = load_prompt("aware/search_ad", tmp_path)
    system, user = prompt.render({"business": "Acme", "angle": "question hook"})
    assert system == "You write copy for Acme.\n"
    assert "$29" in user
    assert "{{first_name}}" in user


def test_undeclared_variable_is_an_error(tmp_path: Path) -> None:
    text = GOOD.format(name="aware/search_ad")
    text = text.replace("Use the ${angle} angle.", "Use the ${angle} angle for ${offers}.")
    _fails(tmp_path, "aware/search_ad", text, "undeclared", "offers")


def test_unused_declared_variable_is_an_error(tmp_path: Path) -> None:
    text = GOOD.format(name="aware/search_ad").replace("[business, angle]", "[business, angle, offers]")
    _fails(tmp_path, "aware/search_ad", text, "never used", "offers")


def test_unsupplied_variable_is_an_error(tmp_path: Path) -> None:
    text = GOOD.format(name="aware/search_ad").replace("[business, angle]", "[business, angle, mood]")
    text = text.replace("Use the ${angle} angle.", "Use the ${angle} angle in a ${mood} mood.")
    _fails(tmp_path, "aware/search_ad", text, "mood")


def test_unknown_key_is_an_error(tmp_path: Path) -> None:
    text = GOOD.format(name="aware/search_ad") + "temperature: 0.7\n"
    _fails(tmp_path, "aware/search_ad", text, "temperature")


def test_name_not_matching_path_is_an_error(tmp_path: Path) -> None:
    _fails(tmp_path, "aware/search_ad", GOOD.format(name="aware/social_ad"), "aware/social_ad", "match")


def test_missing_prompt_file_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="no such prompt file"):
        load_prompt("aware/search_ad", tmp_path)


def test_yaml_syntax_error_names_the_file(tmp_path: Path) -> None:
    _fails(tmp_path, "aware/search_ad", "name: [unclosed\n", "YAML syntax error")


# --- originality -------------------------------------------------------------------------------------

RUN = 8


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower().replace("’", "'").replace("'", ""))


def _runs(words: list[str]) -> set[tuple[str, ...]]:
    return {tuple(words[i : i + RUN]) for i in range(len(words) - RUN + 1)}


@pytest.mark.skipif(not SEEDS.is_dir(), reason="seed articles not available")
def test_no_prompt_copies_eight_words_from_a_seed_article() -> None:
    seed_runs: set[tuple[str, ...]] = set()
    for seed in sorted(SEEDS.glob("*.txt")):
        seed_runs |= _runs(_words(seed.read_text(encoding="utf-8", errors="replace")))
    copied = {
        path.relative_to(PROMPTS).as_posix(): " ".join(sorted(hits)[0])
        for path in sorted(PROMPTS.rglob("*.yaml"))
        if (hits := _runs(_words(path.read_text(encoding="utf-8"))) & seed_runs)
    }
    assert not copied, f"8-word runs copied from a seed article: {copied}"
