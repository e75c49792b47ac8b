"""The full exports in compressed parts: the parts together are the whole export, the index's sizes
and digests are the files', the bytes never depend on the clock, and a part is kept by its cities."""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import subprocess
import sys

import pytest
from export_support import full_csv, full_json
from test_exports import BUILT, FIXTURES, REPO, load_fixtures, schema

from macros.diagnostics import Report
from macros.publish import assessments_export, bulk_parts, exports
from macros.publish.reuse import Reuse
from macros.site.settings import SiteSettings
from macros.validate.catalogue import load_catalogue


@pytest.fixture(scope="module")
def catalogue():
    report = Report()
    loaded = load_catalogue(REPO / "criteria", report, display_root=REPO)
    assert loaded is not None and report.ok, report.diagnostics
    return loaded


def _files(catalogue, registry, reuse=None) -> dict[str, bytes]:
    shared = exports.shared_files(catalogue, registry, FIXTURES, site_url=None, built=BUILT, reuse=reuse)
    return {f.path: f.data() for f in shared}


def test_one_city_a_part_gives_three_parts_that_join_into_the_whole(catalogue, monkeypatch):
    registry = load_fixtures(catalogue)
    whole = io.BytesIO()
    assessments_export.write_assessments_json(whole, catalogue, registry, FIXTURES, site_url=None, built=BUILT)
    table = io.BytesIO()
    assessments_export.write_assessments_csv(table, catalogue, registry)
    monkeypatch.setattr(bulk_parts, "PART_CITIES", 1)
    files = _files(catalogue, registry)
    index = json.loads(files["data/assessments/index.json"])
    schema("assessments-parts.schema.json").validate(index)
    assert [p["path"] for p in index["parts"]] == [
        f"data/assessments/part-00{n}.{kind}.gz" for n in (1, 2, 3) for kind in ("json", "csv")
    ]
    for part in index["parts"]:
        data = files[part["path"]]
        assert part["bytes"] == len(data) and part["sha256"] == hashlib.sha256(data).hexdigest()
        assert part["cities"] == 1 and part["first"] == part["last"]
        if part["format"] == "json":
            schema("assessments-export.schema.json").validate(json.loads(gzip.decompress(data)))
    assert full_json(files) == json.loads(whole.getvalue())
    assert full_csv(files) == table.getvalue()


def test_parts_are_reproducible_gzip(catalogue):
    registry = load_fixtures(catalogue)
    one, two = _files(catalogue, registry), _files(catalogue, registry)
    part = one["data/assessments/part-001.json.gz"]
    assert part == two["data/assessments/part-001.json.gz"]
    assert part[4:8] == b"\0\0\0\0", "no time stamp in the gzip header"
    assert part[3] & 0x08 == 0, "no file name in the gzip header"


def test_a_part_is_made_once_and_then_read_from_the_store(catalogue, tmp_path, monkeypatch):
    registry = load_fixtures(catalogue)
    registry.addresses.update({slug: f"address-{slug}" for slug in registry.cities})
    settings = SiteSettings(today=BUILT)
    first = _files(catalogue, registry, Reuse(tmp_path, settings))
    made: list[int] = []
    real = bulk_parts.BulkExport._make
    monkeypatch.setattr(bulk_parts.BulkExport, "_make", lambda self, part: made.append(part.number) or real(self, part))
    again = _files(catalogue, registry, Reuse(tmp_path, settings))
    assert again == first and made == []
    registry.addresses["calm-city"] = "another-address"  # one city changed: its part is made again
    _files(catalogue, registry, Reuse(tmp_path, settings))
    assert made == [1, 1]  # the JSON and the CSV part


def test_a_measured_file_is_made_once_and_written_from_the_same_bytes(catalogue):
    """The open-data page measures every shared file; measured before the data files' worker starts,
    the worker writes the kept bytes (made again, the indicators' compressed table cost a second time)."""
    from macros.site.pages import GeneratedFile

    registry = load_fixtures(catalogue)
    bulk = bulk_parts.BulkExport(catalogue, registry, FIXTURES, site_url=None, built=BUILT)
    made: list[str] = []

    def content() -> bytes:
        made.append("table")
        return b"year,value\r\n2020,1\r\n"

    def writer(out) -> None:
        made.append("streamed")
        out.write(b"{}")

    files = [GeneratedFile("data/table.csv", content), GeneratedFile("data/doc.json", writer=writer)]
    downloads = bulk.downloads(files)
    downloads.measure()
    assert made == ["table", "streamed"]
    assert downloads.sizes["data/table.csv"]() == 20 and downloads.sizes["data/doc.json"]() == 2
    assert [file.data() for file in files] == [b"year,value\r\n2020,1\r\n", b"{}"]
    assert made == ["table", "streamed"], "written from the kept bytes, not made again"
    assert all(part.json_size() > 0 and part.csv_size() > 0 for part in downloads.parts)


_MAKE_ALL = """
import hashlib, json, os, sys
sys.path.insert(0, sys.argv[1])
os.environ["MMSSC_WORKERS"] = "2"
from pathlib import Path
from macros.publish import bulk_parts, exports
from macros.publish.project import load_project
import datetime as dt

bulk_parts.PART_CITIES = 1  # one part per city: several independent jobs
bulk_parts.PARALLEL_FROM = int(sys.argv[2])
marks = Path(sys.argv[3])
real_call = bulk_parts._call


def call(make):
    (marks / str(os.getpid())).touch()  # where each file was made
    return real_call(make)


bulk_parts._call = call
real_make = bulk_parts.BulkExport._make


def make_part(self, part):
    (marks / f"part-{part.number}-{part.kind}-{os.getpid()}").touch()  # each part, and where it was made
    return real_make(self, part)


bulk_parts.BulkExport._make = make_part
project = load_project(Path(sys.argv[1]))
today = dt.date(2026, 1, 1)
bulk = bulk_parts.BulkExport(project.catalogue, project.registry, project.root, site_url=None, built=today)
shared = exports.shared_files(project.catalogue, project.registry, project.root, site_url=None, built=today, bulk=bulk)
downloads = bulk.downloads(shared)
downloads.measure()
print(json.dumps({
    "pid": os.getpid(),
    "files": {f.path: hashlib.sha256(f.data()).hexdigest() for f in shared},
    "sizes": [[part.json_size(), part.csv_size()] for part in downloads.parts],
}))
"""


def test_the_files_made_on_all_cores_are_the_files_made_in_one_process(tmp_path):
    """``make_all`` makes the parts and the shared files in forked workers (from PARALLEL_FROM cities):
    the bytes that come back, then measured and written, are the ones made in one process. In fresh
    processes: this one may run threads (test servers), where forking is refused."""

    def made(parallel_from: int) -> dict:
        marks = tmp_path / str(parallel_from)
        marks.mkdir()
        result = subprocess.run(
            [sys.executable, "-c", _MAKE_ALL, str(REPO), str(parallel_from), str(marks)],
            capture_output=True,
            text=True,
            check=True,
        )
        found = json.loads(result.stdout)
        found["made_in"] = {int(p.name) for p in marks.iterdir() if p.name.isdigit()}
        found["parts_made"] = sorted(p.name.rpartition("-")[0] for p in marks.iterdir() if not p.name.isdigit())
        return found

    in_process, on_all_cores = made(10**9), made(0)
    assert in_process["made_in"] == {in_process["pid"]}
    assert on_all_cores["made_in"] and on_all_cores["pid"] not in on_all_cores["made_in"], "made in workers"
    assert len(on_all_cores["files"]) > 6 and on_all_cores["files"] == in_process["files"]
    assert on_all_cores["sizes"] == in_process["sizes"]
    # each part made once: the parts' index (their sizes and hashes) is made from the bytes that came back
    assert on_all_cores["parts_made"] == in_process["parts_made"]
    assert len(on_all_cores["parts_made"]) == len(set(on_all_cores["parts_made"])) > 2
