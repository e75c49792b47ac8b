"""publish/reuse.py and store.py: drawn city pages and files kept on disk by content. A warm build
is the cold build byte for byte; a changed city, catalogue, drawing code or setting draws again
exactly what it must."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO, build_site, make_project

from macros import store as store_module
from macros.publish import reuse as reuse_module
from macros.publish.output import write_files
from macros.publish.reuse import Reuse
from macros.site.pages import GeneratedFile
from macros.site.settings import SiteSettings
from macros.store import ContentStore, address

SETTINGS = SiteSettings(today=dt.date(2026, 11, 22))
CITY = "0" * 64  # a folder's content address


def _counting(value):
    calls: list[int] = []

    def make():
        calls.append(1)
        return value

    return make, calls


def test_an_address_tells_its_parts_apart() -> None:
    assert address("ab", "c") != address("a", "bc")
    assert address("x") == address(b"x")


def _written(tmp_path: Path, key: str | None, make, name: str = "cities/lumenport/feed.xml") -> Path:
    write_files([GeneratedFile(name, make, key=key)], tmp_path / "site", ContentStore(tmp_path / "store"))
    return tmp_path / "site" / name


def test_a_stored_file_is_made_once_and_linked_into_the_site(tmp_path: Path) -> None:
    make, calls = _counting(b"<feed/>")
    key = Reuse(tmp_path / "store", SETTINGS).key(CITY, "en", "cities/lumenport/feed.xml")
    first = _written(tmp_path, key, make)
    assert first.read_bytes() == b"<feed/>" and len(calls) == 1
    shutil.rmtree(tmp_path / "site")
    again = _written(tmp_path, key, make)
    assert again.read_bytes() == b"<feed/>" and len(calls) == 1, "the next build took the stored file"
    entry = next((tmp_path / "store").glob("*/*"))
    assert again.stat().st_ino == entry.stat().st_ino, "a hard link: no copy, no new file"
    assert not entry.stat().st_mode & 0o222, "the store's entries are read-only"


def test_a_drawn_file_is_written_once_into_the_site_and_named_in_the_store(tmp_path: Path) -> None:
    """A cold build creates each drawn file once: in the site, read-only, then hard-linked into the store."""
    entries = ContentStore(tmp_path / "store")
    site = tmp_path / "site"
    site.mkdir()
    key = address("feed")
    store_module.create_read_only(site / "feed.xml", b"<feed/>")
    entries.adopt(key, site / "feed.xml", b"<feed/>")  # the store's shard folder is made on the way
    entry = tmp_path / "store" / key[:2] / key
    assert entry.stat().st_ino == (site / "feed.xml").stat().st_ino and entry.stat().st_nlink == 2
    assert entry.stat().st_mode & 0o777 == 0o444
    store_module.create_read_only(site / "again.xml", b"<feed/>")
    # made again: the entry there failed its check (else it would have been linked), so it is replaced
    entries.adopt(key, site / "again.xml", b"<feed/>")
    assert entry.stat().st_ino == (site / "again.xml").stat().st_ino and entries.get(key) == b"<feed/>"


def test_files_are_read_only_for_all_whatever_the_umask(tmp_path: Path) -> None:
    code = (
        "import sys\nfrom pathlib import Path\nfrom macros.store import ContentStore, create_read_only\n"
        "create_read_only(Path(sys.argv[1]) / 'made', b'x')\nContentStore(Path(sys.argv[1]) / 'store').put('ab', b'x')"
    )
    for umask in (0o022, 0o077, 0o000):
        folder = tmp_path / f"umask-{umask:o}"
        folder.mkdir()
        subprocess.run(
            ["sh", "-c", f'umask {umask:03o} && exec "$0" -c "$1" "$2"', sys.executable, code, str(folder)],
            cwd=REPO,
            check=True,
        )
        assert (folder / "made").stat().st_mode & 0o777 == 0o444, umask
        assert (folder / "store" / "ab" / "ab").stat().st_mode & 0o777 == 0o444, umask


def test_a_file_written_where_a_linked_one_was_replaces_it(tmp_path: Path) -> None:
    """A build into the folder of an earlier one (``--dirty``) never writes through a link into the store."""
    make, _ = _counting(b"<feed/>")
    key = Reuse(tmp_path / "store", SETTINGS).key(CITY, "en", "cities/lumenport/feed.xml")
    _written(tmp_path, key, make)
    other, _ = _counting(b"<other/>")
    assert _written(tmp_path, None, other).read_bytes() == b"<other/>"
    assert next((tmp_path / "store").glob("*/*")).read_bytes() == b"<feed/>"


@pytest.mark.parametrize(
    "change",
    [
        {"city": "1" * 64},
        {"language": "fr"},
        {"path": "cities/harrowmere/"},
        {"settings": SiteSettings(today=dt.date(2026, 11, 23))},
        {"settings": SiteSettings(today=SETTINGS.today, site_url="https://example.org/")},
        {"settings": SiteSettings(today=SETTINGS.today, repository_url="https://github.com/o/r")},
    ],
    ids=lambda change: next(iter(change)),
)
def test_any_other_input_is_another_address(tmp_path: Path, change: dict) -> None:
    inputs = {"city": CITY, "language": "en", "path": "cities/lumenport/feed.xml"}
    first = Reuse(tmp_path, SETTINGS).key(**inputs)
    settings = change.pop("settings", SETTINGS)
    assert Reuse(tmp_path, settings).key(**{**inputs, **change}) != first


def test_new_drawing_code_is_another_address(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = Reuse(tmp_path, SETTINGS).key(CITY, "en", "b.svg")
    monkeypatch.setattr(reuse_module, "code_version", lambda names: "another version")
    assert Reuse(tmp_path, SETTINGS).key(CITY, "en", "b.svg") != first


def test_a_city_page_in_another_shell_is_another_address(tmp_path: Path) -> None:
    reuse = Reuse(tmp_path, SETTINGS)
    key = reuse.key(CITY, "en", "cities/lumenport/")
    assert key is not None
    assert reuse.derive(key, "shell one") != reuse.derive(key, "shell two")
    assert {reuse.derive(key, "shell one"), reuse.derive(key, "shell two")} <= reuse.keys, "kept by the prune"


def test_without_a_store_or_an_address_nothing_is_kept(tmp_path: Path) -> None:
    assert Reuse(None, SETTINGS).key(CITY, "en", "a") is None
    unaddressed = Reuse(tmp_path, SETTINGS)
    assert unaddressed.key(None, "en", "a") is None
    assert not unaddressed.complete, "a prune would drop what the unaddressed city's outputs need"
    unaddressed.prune()


def test_a_citys_part_of_an_export_is_made_once(tmp_path: Path) -> None:
    from macros.model.assessments import City, Registry

    city = City("lumenport", "Lumenport", "GB", None, 1000, "city", None, None, [])
    registry = Registry({"lumenport": city}, {"lumenport": CITY})
    make, calls = _counting(b'{"slug":"lumenport"}')
    for _ in range(2):
        part = Reuse(tmp_path, SETTINGS).parts(registry, "data/assessments.json")
        assert part(city, make) == b'{"slug":"lumenport"}'
    assert len(calls) == 1


def test_the_store_keeps_what_the_prune_is_told_to(tmp_path: Path) -> None:
    entries = ContentStore(tmp_path)
    for key in (address("a"), address("b")):
        entries.put(key, b"data")
    (tmp_path / address("a")[:2] / ".tmp-half-written").write_bytes(b"")
    entries.prune({address("a")})
    assert sorted(p.name for p in tmp_path.glob("*/*")) == [address("a")]
    assert entries.get(address("a")) == b"data" and entries.get(address("b")) is None


def test_the_code_version_reads_the_message_catalogues_not_the_bytecode(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    po = tmp_path / "locale" / "fr" / "messages.po"
    po.parent.mkdir(parents=True)
    po.write_text('msgid "Cities"\nmsgstr "Villes"\n', encoding="utf-8")
    (tmp_path / "__pycache__").mkdir()
    (tmp_path / "__pycache__" / "plan.cpython-311.pyc").write_bytes(b"1")
    monkeypatch.setattr(store_module, "PACKAGE", tmp_path)

    def version() -> str:
        store_module.code_version.cache_clear()
        return store_module.code_version((".",))

    try:
        first = version()
        (tmp_path / "__pycache__" / "plan.cpython-311.pyc").write_bytes(b"2")
        assert version() == first, "compiled files are not the code"
        po.write_text('msgid "Cities"\nmsgstr "Les villes"\n', encoding="utf-8")
        assert version() != first, "a translation changes the pages"
    finally:
        store_module.code_version.cache_clear()


# -- real builds ----------------------------------------------------------------------------------

ENV = {"SOURCE_DATE_EPOCH": "1795000000", "SITE_URL": "https://example.org/mmssc/"}


def _outputs(project: Path) -> dict[str, int]:
    """The store's entries by name, with their inode: an entry written again gets a new one."""
    return {p.name: p.stat().st_ino for p in (project / ".cache" / "mmssc" / "outputs").glob("*/*")}


def _site(folder: Path) -> dict[Path, bytes]:
    return {p.relative_to(folder): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.mark.slow
def test_a_warm_build_after_an_edit_redraws_one_city_and_is_the_cold_build(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project", REPO / "assessments")
    assert build_site(project, env=ENV).returncode == 0
    before = _outputs(project)
    # per language a page, its ratings page, its outcomes page, a feed, the badge's image and shields.io
    # file; its badge.json once; its own data file and its rows of the full exports' JSON and CSV; but the
    # first city's page, ratings page and outcomes page are the engine's own, from which the shells are cut
    # (Harrowmere's, one per language and folder); and the full exports' one JSON and one CSV part (made
    # from all three)
    cities, languages, parts = 3, 3, 2
    per_city = languages * 6 + 1 + 3
    placeholders = 3 * languages
    assert len(before) == cities * per_city - placeholders + parts
    city = project / "assessments" / "lumenport" / "city.yaml"
    city.write_text(city.read_text(encoding="utf-8").replace("Lumenport", "Lumenport Bay", 1), encoding="utf-8")
    assert build_site(project, env=ENV).returncode == 0
    after = _outputs(project)
    kept = {name for name in after if before.get(name) == after[name]}
    assert len(after) == len(before) and len(kept) == (cities - 1) * per_city - placeholders, "only Lumenport redrawn"
    warm = _site(project / "site")
    assert "Lumenport Bay" in warm[Path("cities/lumenport/index.html")].decode()
    shutil.rmtree(project / ".cache")
    assert build_site(project, env=ENV).returncode == 0
    assert _site(project / "site") == warm, "a build from the store is the cold build, byte for byte"


@pytest.mark.slow
def test_a_changed_catalogue_redraws_every_city(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project", REPO / "assessments")
    assert build_site(project, env=ENV).returncode == 0
    before = _outputs(project)
    levels = project / "criteria" / "levels.yaml"
    levels.write_text(levels.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    assert build_site(project, env=ENV).returncode == 0
    after = _outputs(project)
    assert len(after) == len(before) and not set(after) & set(before), "one generation, all of it new"


def test_every_output_is_addressed_when_the_site_is_planned(tmp_path: Path) -> None:
    """The prune runs in the build's process after the workers wrote the site: a key first made in a
    worker would be unknown to it, and its entry deleted after every build."""
    from macros.publish.plan import plan_site
    from macros.publish.project import load_project

    project = make_project(tmp_path / "project", REPO / "assessments")
    loaded = load_project(project, cache_dir=project / ".cache")
    reuse = Reuse(project / ".cache" / "outputs", SETTINGS)
    plan_site(loaded, SETTINGS, reuse=reuse)
    cities = len(loaded.registry.cities)
    # (one language) a page, its ratings page, its outcomes page, a feed and three badges per city, its
    # data file and its rows of the full exports' JSON and CSV; and the exports' two parts
    assert len(reuse.keys) == cities * (7 + 3) + 2 and reuse.complete
    assert not (project / ".cache" / "outputs").exists(), "nothing drawn yet"


def test_another_version_of_a_library_the_pages_carry_is_another_code_version(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Babel formats the numbers and pycountry names the countries: an upgrade changes pages, not code."""
    real = store_module.metadata.version

    def version() -> str:
        store_module.code_version.cache_clear()
        return store_module.code_version(("store.py",))

    try:
        first = version()
        monkeypatch.setattr(store_module.metadata, "version", lambda name: "9.9" if name == "Babel" else real(name))
        assert version() != first
    finally:
        store_module.code_version.cache_clear()


@pytest.mark.slow
def test_a_planted_or_tampered_page_is_never_published_and_is_made_again(tmp_path: Path) -> None:
    """Anyone can compute an output's address: an entry is linked into the site only when its bytes are
    those recorded when it was written. Here one entry is planted (a page with a script, put at the
    address of Lumenport's page) and another edited in place through its link in site/ (what the store's
    read-only mode warns against); the next build publishes neither and replaces both."""
    project = make_project(tmp_path / "project", REPO / "assessments")
    assert build_site(project, env=ENV).returncode == 0
    cold = _site(project / "site")
    by_inode = {p.stat().st_ino: p for p in (project / ".cache" / "mmssc" / "outputs").glob("*/*")}
    planted_page = project / "site" / "cities" / "lumenport" / "index.html"
    planted_entry = by_inode[planted_page.stat().st_ino]
    planted_entry.unlink()
    planted_entry.write_bytes(b"<!doctype html><script>alert('planted')</script>")
    tampered_page = project / "site" / "fr" / "cities" / "nea-kymothoi" / "index.html"
    tampered_entry = by_inode[tampered_page.stat().st_ino]
    tampered_page.chmod(0o644)
    with open(tampered_page, "ab") as page:  # the entry itself: the two are one file
        page.write(b"<script>alert('tampered')</script>")
    assert b"tampered" in tampered_entry.read_bytes()
    assert build_site(project, env=ENV).returncode == 0
    warm = _site(project / "site")
    assert warm == cold, "the warm build is the cold one: neither entry was published"
    assert not [p for p, data in warm.items() if b"alert('" in data]
    assert b"planted" not in planted_entry.read_bytes() and b"tampered" not in tampered_entry.read_bytes()
