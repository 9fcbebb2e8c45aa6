"""The extraction quality gate: our engine must stay above the floors pinned in baseline.json.

Scores `parsers.evaluation:extract_for_eval` alone (no peers, to keep CI short) on every set of
../shared/devdata with ../shared/eval/score.py, through bench/extraction.py, and fails when

* the corpus fingerprint differs from the pinned one (re-pin, see below);
* any set's F1, or title/author/date accuracy where the truth has the field, is below its floor;
* the boilerplate lines left in our output on devdata/zh + devdata/de (bench/leaks.py; zh/gne,
  which has no truth, included) exceed the pinned maximum.

Skipped when ../shared/devdata is absent. Re-pin after a real improvement (or a corpus change):
`python bench/extraction.py --pin` (refuses to lower a floor unless `--allow-lower "reason"`).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import bench.extraction as bench_extraction
from bench.extraction import (
    BASELINE,
    DEFAULT_DEVDATA,
    Measurement,
    floor_of,
    gate_failures,
    lowered,
    measure_ours,
)

REPIN = 'python bench/extraction.py --pin  (add --allow-lower "reason" if a floor must drop)'


@pytest.fixture(scope="module")
def baseline() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(BASELINE.read_text("utf-8"))
    return data


@pytest.fixture(scope="module")
def measurement(baseline: dict[str, Any]) -> Measurement:
    devdata: Path = DEFAULT_DEVDATA
    if not devdata.is_dir():
        pytest.skip(f"devdata not found at {devdata}: the quality gate needs ../shared/devdata")
    m = measure_ours(devdata)
    if m.fingerprint != baseline["corpus"]["fingerprint"]:
        pytest.fail(
            f"devdata changed: fingerprint {m.fingerprint} != pinned "
            f"{baseline['corpus']['fingerprint']}. Check the change, then re-pin: {REPIN}"
        )
    return m


def test_baseline_is_well_formed(baseline: dict[str, Any]) -> None:
    assert baseline["floors"], "no floors pinned"
    assert isinstance(baseline["leaks"]["max"], int)
    for name, floors in baseline["floors"].items():
        assert "f1" in floors, f"{name} has no F1 floor"
        assert all(0.0 <= v <= 1.0 for v in floors.values()), name
    assert baseline["history"], "the baseline has no history entry"


@pytest.mark.devdata
def test_every_set_is_above_its_floors(baseline: dict[str, Any], measurement: Measurement) -> None:
    failures = [f for f in gate_failures(baseline, measurement) if not f.startswith("leaks ")]
    assert not failures, "below the pinned floors:\n  " + "\n  ".join(failures)


@pytest.mark.devdata
def test_boilerplate_leaks_within_max(baseline: dict[str, Any], measurement: Measurement) -> None:
    assert measurement.leak_sets == baseline["leaks"]["sets"]
    assert measurement.leaks <= baseline["leaks"]["max"], (
        f"{measurement.leaks} boilerplate lines left on {', '.join(measurement.leak_sets)} "
        f"(max {baseline['leaks']['max']}); list them: "
        "python bench/extraction.py --sets zh de --peers none --leaks-detail"
    )


@pytest.mark.devdata
def test_gate_can_fail(baseline: dict[str, Any], measurement: Measurement) -> None:
    """The check itself bites: a floor just above a measured value is reported."""
    name, values = next(iter(sorted(measurement.values.items())))
    raised = json.loads(json.dumps(baseline))
    raised["floors"][name]["f1"] = min(1.0, values["f1"] + 0.001) if values["f1"] < 1 else 1.1
    raised["leaks"]["max"] = measurement.leaks - 1
    failures = gate_failures(raised, measurement)
    assert any(f.startswith(f"{name}: f1") for f in failures)
    assert any(f.startswith("leaks ") for f in failures)


# --- the gate's logic on synthetic numbers (no devdata needed) -----------------------------------


def _measurement(f1: float = 0.9, leaks: int = 3) -> Measurement:
    return Measurement("sha256:x", {"a/set": {"f1": f1, "date_acc": 0.5}}, leaks, ["a/set"], 10)


def _baseline(f1: float = 0.895, leak_max: int = 3) -> dict[str, Any]:
    return {"floors": {"a/set": {"f1": f1, "date_acc": 0.495}}, "leaks": {"max": leak_max}}


def test_floor_is_measured_minus_tolerance_rounded_down() -> None:
    assert floor_of(0.9754) == 0.970
    assert floor_of(1.0) == 0.995
    assert floor_of(0.003) == 0.0


def test_gate_failures_name_each_broken_floor() -> None:
    assert gate_failures(_baseline(), _measurement()) == []
    failures = gate_failures(_baseline(f1=0.95, leak_max=2), _measurement())
    assert failures == ["a/set: f1 0.9000 < floor 0.950", "leaks on a/set: 3 > max 2"]
    other = _baseline()
    other["floors"] = {"b/set": {"f1": 0.1}}
    assert gate_failures(other, _measurement()) == [
        "a/set: measured but has no floors (new set? re-pin)",
        "b/set: has floors but was not measured (set gone? re-pin)",
    ]


def test_lowered_lists_every_loosening() -> None:
    old = _baseline(f1=0.9, leak_max=2)
    assert lowered(old, _baseline(f1=0.95, leak_max=1)) == []
    new = {"floors": {"a/set": {"f1": 0.8}}, "leaks": {"max": 5}}
    assert lowered(old, new) == [
        "a/set: f1 floor 0.900 -> 0.800",
        "a/set: date_acc floor 0.495 dropped",
        "leak max 2 -> 5",
    ]


def _pin_measuring(
    monkeypatch: pytest.MonkeyPatch,
    path: Path,
    f1: float,
    allow_lower: str | None = None,
    reason: str | None = None,
) -> int:
    """Re-pin `path` as if our engine measured `f1` on the set."""
    monkeypatch.setattr(bench_extraction, "measure_ours", lambda _d: _measurement(f1=f1))
    return bench_extraction.pin(path.parent, allow_lower, reason, path=path)


def _f1_floor(path: Path) -> float:
    return float(json.loads(path.read_text("utf-8"))["floors"]["a/set"]["f1"])


def test_pin_refuses_to_lower_without_a_reason(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "baseline.json"
    assert _pin_measuring(monkeypatch, path, 0.9, reason="first") == 0
    before = path.read_text("utf-8")
    assert _pin_measuring(monkeypatch, path, 0.8) == 1
    assert path.read_text("utf-8") == before
    assert _pin_measuring(monkeypatch, path, 0.8, allow_lower="engine trade-off") == 0
    data = json.loads(path.read_text("utf-8"))
    assert data["floors"]["a/set"]["f1"] == 0.795
    assert [h["reason"] for h in data["history"]] == ["first", "engine trade-off"]
    assert data["history"][-1]["lowered"] == ["a/set: f1 floor 0.895 -> 0.795"]


def test_pin_keeps_a_floor_the_measured_value_still_clears(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # 0.9 pins 0.895; 0.898 still clears 0.895, so the floor stays (it would be 0.893).
    path = tmp_path / "baseline.json"
    assert _pin_measuring(monkeypatch, path, 0.9, reason="first") == 0
    assert _pin_measuring(monkeypatch, path, 0.898) == 0
    assert _f1_floor(path) == 0.895
    assert _pin_measuring(monkeypatch, path, 0.95) == 0
    assert _f1_floor(path) == 0.945
