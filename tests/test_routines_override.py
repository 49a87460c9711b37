"""A person's own routines.toml: merged when valid, reported and ignored when not."""

from __future__ import annotations

from pathlib import Path

from cramp_diary.routines import builtin_routines, load_routines


def write(folder: Path, text: str) -> Path:
    path = folder / "routines.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_no_file_means_builtins_and_no_warning(tmp_path: Path) -> None:
    routines, warnings = load_routines(tmp_path)
    assert warnings == []
    assert routines["foot"] == builtin_routines()["foot"]


def test_hold_seconds_changes_every_hold_of_one_routine(tmp_path: Path) -> None:
    write(tmp_path, "[routines.calf]\nhold_seconds = 45\n")
    routines, warnings = load_routines(tmp_path)
    assert warnings == []
    calf = routines["calf"]
    assert [s.seconds for s in calf.steps if s.kind == "hold"] == [45, 45]
    assert calf.steps[0].kind == "safety" and calf.steps[0].seconds == 8
    assert routines["foot"] == builtin_routines()["foot"]


def test_own_steps_replace_the_list_and_keep_the_safety_frame(tmp_path: Path) -> None:
    write(
        tmp_path,
        """
[routines.thigh]
title = "My thigh"

[[routines.thigh.steps]]
name = "Towel stretch"
instruction = "Pull gently with the towel."
seconds = 40
relief = "stretch"
""",
    )
    routines, warnings = load_routines(tmp_path)
    assert warnings == []
    thigh = routines["thigh"]
    assert thigh.title == "My thigh"
    assert [s.name for s in thigh.steps] == ["Safety first", "Towel stretch", "Afterwards"]
    assert thigh.steps[1].kind == "hold" and thigh.steps[1].seconds == 40


def test_a_shared_step_can_be_partly_overridden(tmp_path: Path) -> None:
    write(tmp_path, "[aftercare]\nseconds = 20\n")
    routines, warnings = load_routines(tmp_path)
    assert warnings == []
    assert routines["toes"].steps[-1].seconds == 20
    assert routines["toes"].steps[-1].instruction == builtin_routines()["toes"].steps[-1].instruction


def test_invalid_toml_names_the_line_and_falls_back(tmp_path: Path) -> None:
    path = write(tmp_path, "[routines.calf]\nhold_seconds = 45\ntitle = \n")
    routines, warnings = load_routines(tmp_path)
    assert routines["calf"] == builtin_routines()["calf"]
    [warning] = warnings
    assert str(path) in warning and "line 3" in warning and "built-in" in warning


def test_an_out_of_range_hold_names_the_step_field_and_line(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """[routines.calf]
title = "Calf"

[[routines.calf.steps]]
name = "Stretch"
instruction = "Toes up."
seconds = 30

[[routines.calf.steps]]
name = "Massage"
instruction = "Rub."
seconds = 2000
""",
    )
    routines, warnings = load_routines(tmp_path)
    assert routines["calf"] == builtin_routines()["calf"]
    assert warnings == [
        f"{path}, line 12: calf step 2: seconds must be a whole number from 5 to 600 (got 2000)."
        " The built-in routines are used instead."
    ]


def test_an_unknown_relief_is_refused(tmp_path: Path) -> None:
    write(tmp_path, '[safety]\nrelief = "quinine"\n')
    routines, [warning] = load_routines(tmp_path)
    assert "line 2: safety: relief must be one of stretch" in warning
    assert routines["calf"].steps[0].relief is None


def test_a_misspelt_field_is_refused_not_ignored(tmp_path: Path) -> None:
    write(tmp_path, "\n[routines.foot]\nhold_secs = 45\n")
    routines, [warning] = load_routines(tmp_path)
    assert "line 3: foot: unknown field 'hold_secs'" in warning
    assert routines["foot"] == builtin_routines()["foot"]


def test_an_unknown_routine_is_refused(tmp_path: Path) -> None:
    write(tmp_path, "[routines.knee]\nhold_seconds = 30\n")
    _, [warning] = load_routines(tmp_path)
    assert "line 1: knee: unknown routine (allowed: calf, foot, toes, hamstring, thigh, bedtime)" in warning


def test_a_step_without_its_instruction_is_refused(tmp_path: Path) -> None:
    write(tmp_path, '[[routines.toes.steps]]\nname = "Hold"\nseconds = 30\n')
    _, [warning] = load_routines(tmp_path)
    assert "line 1: toes step 1: instruction is missing" in warning


def test_one_bad_part_discards_the_whole_file(tmp_path: Path) -> None:
    write(tmp_path, "[routines.calf]\nhold_seconds = 45\n\n[routines.foot]\nhold_seconds = true\n")
    routines, [warning] = load_routines(tmp_path)
    assert "line 5: foot: hold_seconds must be a whole number" in warning
    assert routines["calf"] == builtin_routines()["calf"]


def test_text_that_is_not_utf8_is_reported(tmp_path: Path) -> None:
    (tmp_path / "routines.toml").write_bytes(b"\xff\xfe[routines]")
    _, [warning] = load_routines(tmp_path)
    assert "cannot read it" in warning
