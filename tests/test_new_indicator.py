"""scripts/new-indicator (macros/commands/new_indicator.py): the entry and CSV template it writes, which
the validator reports as to be filled in, and, filled in, accepts; nothing is ever overwritten."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

from macros.commands.new_indicator import main
from macros.validate import check_city_folder

REPO = Path(__file__).resolve().parent.parent
TODAY = dt.date(2026, 11, 22)


def project(tmp_path: Path) -> Path:
    shutil.copytree(REPO / "criteria", tmp_path / "criteria")
    shutil.copytree(REPO / "assessments" / "nea-kymothoi", tmp_path / "assessments" / "nea-kymothoi")
    shutil.copytree(REPO / "assessments" / "lumenport", tmp_path / "assessments" / "lumenport")
    shutil.rmtree(tmp_path / "assessments" / "lumenport" / "indicators")
    (tmp_path / "assessments" / "lumenport" / "indicators.yaml").unlink()
    return tmp_path


def errors(root: Path, city: str, catalogue) -> list[str]:
    result = check_city_folder(root / "assessments" / city, catalogue, display_root=root, today=TODAY)
    return [d.message.split(":")[0] for d in result.diagnostics if d.severity.value == "error"]


def test_a_new_indicator_is_reported_until_filled_in_then_accepted(tmp_path, catalogue, capsys):
    root = project(tmp_path)
    assert main(["--tracks", "4.1", "--by", "district", "lumenport", "visitor-nights"], root=root) == 0
    folder = root / "assessments" / "lumenport"
    assert (folder / "indicators" / "visitor-nights.csv").read_text() == "year,district,value,note\n"
    assert errors(root, "lumenport", catalogue) == [
        "indicators[1].name",
        "indicators[1].unit",
        "indicators[1].direction",
        "indicators[1].source.title",
        "indicators[1].source.url",
    ]
    text = (folder / "indicators.yaml").read_text()
    for placeholder, value in (
        ("name: TODO", "name: Visitor nights"),
        ("unit: TODO", "unit: nights"),
        ("direction: TODO", "direction: increase"),
        ("title: TODO", "title: Tourism office"),
        ("url: TODO", "url: https://example.org/tourism"),
    ):
        text = text.replace(placeholder, value, 1)
    (folder / "indicators.yaml").write_text(text)
    assert errors(root, "lumenport", catalogue) == ["no data rows"]
    with open(folder / "indicators" / "visitor-nights.csv", "a") as csv:
        csv.write("2023,,1200,\n2024,,1350,\n2024,Old Town,400,\n")
    result = check_city_folder(folder, catalogue, display_root=root, today=TODAY)
    assert [d for d in result.diagnostics if d.severity.value == "error"] == []
    assert result.city.indicators[0].tracks == ("4.1",)  # and the 4.1 claim at level 4 no longer warns
    assert not any('"4.1"' in d.message for d in result.diagnostics)


def test_an_existing_file_keeps_its_comments_and_indentation(tmp_path, catalogue):
    root = project(tmp_path)
    path = root / "assessments" / "nea-kymothoi" / "indicators.yaml"
    before = path.read_text()
    assert main(["--tracks", "1.5.2", "nea-kymothoi", "broadband"], root=root) == 0
    after = path.read_text()
    assert after.startswith(before) and "  - id: broadband\n" in after
    assert main(["nea-kymothoi", "broadband"], root=root) == 1  # never overwritten
    assert main(["nea-kymothoi", "water-use"], root=root) == 1
    assert main(["--tracks", "9.9", "nea-kymothoi", "other"], root=root) == 1
    assert main(["nowhere", "x"], root=root) == 1
    assert path.read_text() == after


def test_the_script_runs():
    result = subprocess.run([str(REPO / "scripts" / "new-indicator"), "--help"], capture_output=True, text=True)
    assert result.returncode == 0 and "indicators.yaml" in result.stdout
