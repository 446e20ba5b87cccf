"""`cvj prompt show`: the exact prompt for any asset type or refine, from the store, with no model."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from planner.assets import ASSET_MODELS
from tests.conftest import PAWS, cvj


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("prompt-home")


def test_show_prints_the_messages_chunks_schema_and_tokens(home: Path) -> None:
    result = cvj("prompt", "show", "-b", str(PAWS), "-s", "aware", "-a", "search_ad", home=home)
    assert result.returncode == 0, result.stderr
    text = result.stdout
    for heading in ("===== system", "===== user", "===== retrieved", "===== schema", "===== tokens"):
        assert heading in text
    assert "aware.md · What to offer" in text and "Never name" in text
    assert "fits a 4,096-token context: first pass yes, with repair yes" in text


def test_show_json_for_every_asset_type_with_no_model(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from planner.cli import (
        _prompt,  # noqa: F401  (registers `cvj prompt`)
        app,
    )

    monkeypatch.setenv("CVJ_HOME", str(home))
    monkeypatch.setenv("CVJ_MODEL", "openai:nowhere")  # ignored: showing a prompt never needs a model
    runner = CliRunner()
    for asset_type, model in ASSET_MODELS.items():
        args = ["prompt", "show", "-b", str(PAWS), "-s", model.stage.value, "-a", asset_type, "--json"]
        result = runner.invoke(app, [*args, "--variant", "2"])
        assert result.exit_code == 0, (asset_type, result.output)
        shown = json.loads(result.stdout)
        assert {"system", "user", "schema", "tokens"} <= set(shown)
        assert shown["schema"]["name"] == asset_type and shown["tokens"]["prompt"] <= 2000
        assert shown["prompt"]["name"] == model.prompt_name() and "Write variant 2" in shown["user"]


def test_show_the_refine_prompt_for_a_draft(home: Path, tmp_path: Path) -> None:
    drafts = tmp_path / "drafts.jsonl"
    made = cvj("draft", "-b", str(PAWS), "-s", "advocate", "-a", "review_request_email", "--json", home=home)
    assert made.returncode == 0, made.stderr
    drafts.write_text(made.stdout)
    draft_id = json.loads(made.stdout.splitlines()[0])["id"]
    args = ["prompt", "show", "-b", str(PAWS), "--refine", "more playful", "--draft", str(drafts)]
    result = cvj(*args, "--id", draft_id, "--json", home=home)
    assert result.returncode == 0, result.stderr
    shown = json.loads(result.stdout)
    assert shown["prompt"]["name"] == "common/refine" and "more playful" in shown["user"]
    assert "current draft" in shown["user"] and shown["schema"]["name"] == "review_request_email"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-s", "aware"], "give --stage and --asset"),
        (["-s", "engage", "-a", "search_ad"], "belongs to the aware stage"),
        (["--refine", "shorter"], "--draft FILE --id ID"),
    ],
)
def test_bad_options_are_exit_2(home: Path, args: list[str], message: str) -> None:
    result = cvj("prompt", "show", "-b", str(PAWS), *args, home=home)
    assert result.returncode == 2 and message in result.stderr, result.stderr
