"""tools/compare_sites.py: two builds of one site by two engines agree apart from the generator's name."""

from __future__ import annotations

from pathlib import Path

from tools.compare_sites import compare, main

PAGE = (
    '<html><head>\n<meta name="generator" content="{engine}, mkdocs-material-9.8.1">\n'
    "</head><body>{body}</body></html>\n"
)


def _site(root: Path, engine: str, files: dict[str, str]) -> Path:
    for name, body in {"index.html": "home", **files}.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(PAGE.format(engine=engine, body=body) if name.endswith(".html") else body, encoding="utf-8")
    return root


def test_pages_that_differ_only_in_the_generator_agree(tmp_path: Path, capsys) -> None:
    files = {"cities/a/index.html": "A", "data/cities.json": "[1]", "sitemap.xml": "<urlset/>"}
    first = _site(tmp_path / "mkdocs", "mkdocs-1.6.1", files)
    second = _site(tmp_path / "properdocs", "mkdocs-ProperDocs 1.6.7", files)
    result = compare(first, second)
    assert result.same and result.compared == 4 and result.generator_only == 2
    assert main([str(first), str(second), "--other-engine"]) == 0
    out = capsys.readouterr().out
    assert "4 files compared (2 differ only in the generator's name): the same files" in out
    assert "generators: 'mkdocs-1.6.1, mkdocs-material-9.8.1' / 'mkdocs-ProperDocs 1.6.7, mkdocs-material-9.8.1'" in out
    # the same engine twice agrees, but proves nothing about a second engine
    assert main([str(first), str(first)]) == 0
    assert main([str(first), str(first), "--other-engine"]) == 1
    assert "not built by another engine" in capsys.readouterr().err


def test_any_other_difference_or_missing_file_is_reported(tmp_path: Path, capsys) -> None:
    first = _site(tmp_path / "a", "mkdocs-1.6.1", {"x/index.html": "same", "only-a.txt": "a", "data.json": "[1]"})
    second = _site(tmp_path / "b", "mkdocs-1.6.1", {"x/index.html": "changed", "only-b.txt": "b", "data.json": "[2]"})
    result = compare(first, second)
    assert not result.same
    assert result.only_in_first == ["only-a.txt"] and result.only_in_second == ["only-b.txt"]
    assert set(result.differing) == {"x/index.html", "data.json"}
    assert "same" in result.differing["x/index.html"] and "changed" in result.differing["x/index.html"]
    # the generator's meta is the only thing left out: not another meta, not the same text in a data file
    (first / "data.json").write_text('<meta name="generator" content="a">', encoding="utf-8")
    (second / "data.json").write_text('<meta name="generator" content="b">', encoding="utf-8")
    assert "data.json" in compare(first, second).differing
    assert main([str(first), str(second)]) == 1
    out = capsys.readouterr().out
    assert "only in the first site: only-a.txt" in out and "differs: x/index.html: line 3" in out


def test_a_folder_that_is_not_a_site_is_refused(tmp_path: Path, capsys) -> None:
    site = _site(tmp_path / "site", "mkdocs-1.6.1", {})
    (tmp_path / "empty").mkdir()
    assert main([str(site), str(tmp_path / "empty")]) == 2
    assert "not a built site" in capsys.readouterr().err
