"""The stage classifier: cleaning, the exemplar bank, the shipped model, accuracy floors and `cvj classify`.

Floors are the measured numbers of the shipped model, not guesses (retraining is deterministic): the
held-out split of the bank (never used for training or tuning), and three blind sets written by separate
helpers who never saw the bank (tests/data/classify: dev.jsonl was looked at while improving features;
final.jsonl was only scored, and final2.jsonl was scored once, after the classifier's change before the
real-copy work). Real published copy has its own floors in test_realcopy.py.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from evals.bank import bank_digest, load_bank, split
from planner.classify._features import clean, load_cues
from planner.classify._model import load_weights
from planner.stages import Stage
from tests.conftest import ROOT, cvj

BLIND = ROOT / "tests" / "data" / "classify"
# The measured values of the shipped model (issue 14: floors follow the measurements, never below them).
# Held-out: 299 / 328 with round 3's louder embedding block (round 2: 294 / 328). The blind sets: 155 / 160,
# 126 / 128 and 120 / 128 (round 2: 154, 126 and 122; final2 fell 1.6 points, inside issue 14's 2-point
# allowance).
HELD_OUT_FLOOR = 0.911
BLIND_FLOORS = {"dev.jsonl": 0.968, "final.jsonl": 0.984, "final2.jsonl": 0.937}


def test_bank_has_at_least_40_examples_per_stage_and_a_held_out_split() -> None:
    bank = load_bank()
    per_stage = Counter(e.stage for e in bank)
    assert set(per_stage) == set(Stage) and min(per_stage.values()) >= 40
    held = Counter(e.stage for e in split(bank, "heldout"))
    assert min(held.values()) >= 8, held
    assert len({e.id for e in bank}) == len(bank)


def test_clean_removes_footers_and_merge_tags_but_keeps_promises() -> None:
    text = (
        "Hi {{first_name}},\nYour order {{ order.number }} has shipped.\n"
        "Unsubscribe | Manage preferences\n© 2026 Acme Inc. All rights reserved."
    )
    cleaned = clean(text)
    assert "Sam" in cleaned and "order number" in cleaned
    assert "Unsubscribe" not in cleaned and "©" not in cleaned
    assert "Unsubscribe anytime" in clean("Join the list. No spam. Unsubscribe anytime.")
    assert clean("*|FNAME|*, read this: https://x.example/a?b=1") == "Sam, read this: link"


def test_cue_groups_match_real_phrasing() -> None:
    cues = load_cues()
    counts = dict(
        zip(cues.names, cues.counts("Give $20, get $20 when a friend signs up with your link"), strict=True)
    )
    assert counts["referral"] > 0 and counts["review"] == 0
    counts = dict(zip(cues.names, cues.counts("Only $19 for your first box. Cancel anytime."), strict=True))
    assert counts["money"] > 0 and counts["first_purchase"] > 0


def test_shipped_model_is_trained_on_the_current_bank_and_cues() -> None:
    meta = load_weights().meta
    assert meta["bank"] == bank_digest(load_bank()), "bank changed: run `make train-classifier`"
    assert meta["cues"] == load_cues().digest, "cues.yaml changed: run `make train-classifier`"
    assert meta["heldout"]["accuracy"] >= HELD_OUT_FLOOR


def test_held_out_accuracy_of_the_shipped_model() -> None:
    from planner.classify._model import get_classifier

    held = split(load_bank(), "heldout")
    predicted = get_classifier().predict([e.text for e in held])
    accuracy = sum(p.stage == e.stage for p, e in zip(predicted, held, strict=True)) / len(held)
    assert accuracy >= HELD_OUT_FLOOR
    assert accuracy == pytest.approx(load_weights().meta["heldout"]["accuracy"], abs=0.02)


def test_retraining_reproduces_the_shipped_accuracy() -> None:
    from evals.train import train
    from planner.embeddings import get_encoder

    _, evaluation = train(load_bank(), get_encoder())
    assert evaluation.accuracy == pytest.approx(load_weights().meta["heldout"]["accuracy"], abs=0.03)


@pytest.mark.parametrize("name", sorted(BLIND_FLOORS))
def test_blind_set_accuracy(name: str) -> None:
    from planner.classify._model import get_classifier

    rows = [json.loads(line) for line in (BLIND / name).read_text().splitlines() if line.strip()]
    predicted = get_classifier().predict([r["text"] for r in rows])
    accuracy = sum(p.stage.value == r["stage"] for p, r in zip(predicted, rows, strict=True)) / len(rows)
    assert accuracy >= BLIND_FLOORS[name]


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("home")


def test_classify_prints_one_json_line_per_text(home: Path, tmp_path: Path) -> None:
    texts = tmp_path / "texts.jsonl"
    texts.write_text(
        json.dumps({"id": "a", "text": "Refer a friend: you both get $20 credit when they join."})
        + "\n"
        + json.dumps({"id": 7, "text": "Welcome aboard! Here's how to set up your account in 3 steps."})
        + "\n"
    )
    result = cvj("classify", str(texts), home=home)
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["id"] for line in lines] == ["a", "7"]
    assert [line["stage"] for line in lines] == ["promote", "excite"]
    for line in lines:
        assert set(line) == {"id", "stage", "confidence", "scores"}
        assert set(line["scores"]) == {s.value for s in Stage}
        assert sum(line["scores"].values()) == pytest.approx(1, abs=0.01)
        assert line["confidence"] == max(line["scores"].values())


def test_classify_evaluate_prints_accuracy_and_confusion(home: Path) -> None:
    result = cvj("classify", str(BLIND / "dev.jsonl"), "--evaluate", home=home)
    assert result.returncode == 0, result.stderr
    assert "accuracy" in result.stdout and "precision" in result.stdout and "recall" in result.stdout
    assert "Confusion matrix" in result.stdout and "true \\ pred" in result.stdout


@pytest.mark.parametrize(
    ("content", "flags", "reason"),
    [
        ('{"id": "a", "text": "hi"}\n{"id": "b"\n', [], ":2: not valid JSON"),
        ('{"id": "a"}\n', [], ":1: missing 'text'"),
        ('{"id": "a", "text": "hi"}\n', ["--evaluate"], ":1: missing 'stage'"),
        ('{"id": "a", "text": "hi", "stage": "loyalty"}\n', ["--evaluate"], ":1: unknown stage 'loyalty'"),
        ("", [], "the file is empty"),
    ],
)
def test_classify_bad_input_is_exit_2_with_file_and_line(
    home: Path, tmp_path: Path, content: str, flags: list[str], reason: str
) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text(content)
    result = cvj("classify", str(path), *flags, home=home)
    assert result.returncode == 2
    assert f"{path}" in result.stderr and reason in result.stderr
    assert result.stdout == ""
