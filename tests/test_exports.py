"""Open data: the JSON and CSV exports, their schemas, the loss-free round trip and determinism.

The fixture cities in tests/fixtures/reporting/assessments/ are read by the real validator, and every
figure below is worked out by hand from the level patterns of those files:

* hostile-town (every text field hostile), 2023-05-10: single stakeholder, all 2 now → 3, 4.6 not assessed;
  2025-03-01 (updated 2025-06-15): multi-stakeholder, dimension 1 (12) at 1 → 2, dimension 2 (8) at
  3 → 3, dimension 3 (6) at 4 → 5, 4.1-4.4 at 5 → 5, 4.5 and 4.6 not assessed;
* calm-city (Vila Serena), 2024-11-20: external audit, all 3 → 4 except 1.1.1 at 5 → 5;
* quiet-village (静かな村): no assessment yet.
"""

from __future__ import annotations

import copy
import csv
import datetime as dt
import io
import json
import shutil
from pathlib import Path

import jsonschema
import pytest
import yaml
from export_support import full_csv, full_json

from macros.diagnostics import Report
from macros.model.assessments import Registry
from macros.model.catalogue import SourceRef
from macros.publish import assessments_export, exports, formats
from macros.publish.formats import json_bytes
from macros.validate import load_registry
from macros.validate.catalogue import load_catalogue

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "tests" / "fixtures" / "reporting"
TODAY = dt.date(2026, 1, 1)
BUILT = dt.date(2026, 1, 2)
SITE = "https://example.org/mmssc/"


@pytest.fixture(scope="module")
def catalogue():
    report = Report()
    loaded = load_catalogue(REPO / "criteria", report, display_root=REPO)
    assert loaded is not None and report.ok, report.diagnostics
    assert loaded.references is not None
    return loaded


def load_fixtures(catalogue) -> Registry:
    report = Report()
    registry = load_registry(FIXTURES / "assessments", catalogue, report, display_root=FIXTURES, today=TODAY)
    # the fixtures claim levels that require indicators they do not publish (issue 24): advice only
    shown = [d for d in report.diagnostics if "no indicator tracks" not in d.message]
    assert shown == [], [d.format() for d in shown]
    return registry


@pytest.fixture(scope="module")
def registry(catalogue) -> Registry:
    return load_fixtures(catalogue)


def build(catalogue, registry, root=FIXTURES, site_url=None) -> dict[str, bytes]:
    """Every reporting file by path, and the full exports read back from their parts under their old
    names (``data/assessments.json`` and ``.csv``), which the tests below check."""
    files = {
        f.path: f.data() for f in exports.reporting_files(catalogue, registry, root, site_url=site_url, built=BUILT)
    }
    whole = {"data/assessments.json": json_bytes(full_json(files)), "data/assessments.csv": full_csv(files)}
    return files | whole


@pytest.fixture(scope="module")
def files(catalogue, registry) -> dict[str, bytes]:
    return build(catalogue, registry)


def read_csv(data: bytes) -> list[dict[str, str]]:
    assert not data.startswith(b"\xef\xbb\xbf")  # UTF-8 without a byte-order mark
    assert b"\r\n" in data
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"), newline="")))


def unneutralised(cell: str) -> str:
    """What a spreadsheet shows: the apostrophe that neutralises a formula is not part of the text."""
    return cell[1:] if cell.startswith("'") and cell[1:].startswith(formats.FORMULA_TRIGGERS) else cell


def iso(value):
    """YAML data as the export promises it: keys as text, dates as ISO strings."""
    if isinstance(value, dict):
        return {str(k): iso(v) for k, v in value.items()}
    if isinstance(value, list):
        return [iso(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def yaml_file(path: str):
    """A fixture file read independently of the code under test (PyYAML's safe loader)."""
    return iso(yaml.safe_load((FIXTURES / path).read_text("utf-8")))


def fixture_files() -> list[str]:
    return sorted(p.relative_to(FIXTURES).as_posix() for p in (FIXTURES / "assessments").rglob("*.yaml"))


def schema(name: str) -> jsonschema.Draft202012Validator:
    document = json.loads((REPO / "docs" / "schemas" / name).read_text("utf-8"))
    jsonschema.Draft202012Validator.check_schema(document)
    return jsonschema.Draft202012Validator(document)


# ---------------------------------------------------------------------------------------------


def test_stable_paths(files):
    assert list(files) == [
        "data/catalogue.json",
        "data/criteria.csv",
        "data/assessments/part-001.json.gz",
        "data/assessments/part-001.csv.gz",
        "data/assessments/index.json",
        "data/cities.csv",
        "data/cities/index.json",
        *(f"data/cities/{slug}.json" for slug in ("hostile-town", "calm-city", "quiet-village")),
        "data/indicators.csv.gz",
        "data/indicator-list.csv",
        "data/datapackage.json",
        "feeds/assessments.xml",
        # cities in the registry's order (by name: "<script>…" sorts before "Vila Serena" and "静かな村")
        *(
            f"cities/{slug}/{name}"
            for slug in ("hostile-town", "calm-city", "quiet-village")
            for name in ("feed.xml", "badge.svg", "shields.json", "badge.json")
        ),
        "data/assessments.json",  # read back from the parts (build above)
        "data/assessments.csv",
    ]


def test_loss_free_every_yaml_file_is_in_the_json(files):
    data = json.loads(files["data/assessments.json"])
    objects = {city["source"]["path"]: city for city in data["cities"]}
    objects.update({a["source"]["path"]: a for city in data["cities"] for a in city["assessments"]})
    assert sorted(objects) == fixture_files()
    assert len(objects) == 6  # 3 city.yaml + 3 assessments
    for path in fixture_files():
        assert objects[path]["yaml"] == yaml_file(path), path


def test_checked_values_agree_with_the_yaml(files):
    data = json.loads(files["data/assessments.json"])
    for city in data["cities"]:
        source = yaml_file(city["source"]["path"])
        for key in ("name", "country", "population", "community_type", "fictional"):
            assert city[key] == source[key], key
        for key in ("language", "region", "website", "contact", "description"):
            assert city[key] == source.get(key), key
        assert city["maintainers"] == source["maintainers"]
        assert city["links"]["page"] == f"cities/{city['slug']}/"
        for assessment in city["assessments"]:
            source = yaml_file(assessment["source"]["path"])
            assert assessment["source"]["path"] == f"assessments/{city['slug']}/{assessment['date']}.yaml"
            for key in ("date", "model_version", "method", "participants"):
                assert assessment[key] == source[key], key
            for key in ("updated", "consolidation", "assessors", "summary"):
                assert assessment[key] == source.get(key), key
            assert [r["characteristic_id"] for r in assessment["ratings"]] == list(source["characteristics"])
            for rating in assessment["ratings"]:
                given = source["characteristics"][rating["characteristic_id"]]
                assert rating["now"] == given.get("now")
                assert rating["in_two_years"] == given.get("in_two_years")
                assert rating["not_assessed"] == given.get("not_assessed")
                assert rating["justification"] == given.get("justification")
                assert rating["evidence"] == [{"date": None, **e} for e in given.get("evidence", [])]
                assert {
                    g["group"]: {"now": g["now"], "in_two_years": g["in_two_years"]} for g in rating["groups"]
                } == given.get("groups", {})


def test_the_city_s_language_is_in_the_exports(catalogue, registry, files, tmp_path):
    data = json.loads(files["data/assessments.json"])
    assert {c["slug"]: c["language"] for c in data["cities"]} == {
        "hostile-town": "en",
        "calm-city": "en",
        "quiet-village": "ja",
    }
    # a city.yaml without it (a warning): null in the JSON, an empty cell in the CSV, and the schema allows both
    shutil.copytree(FIXTURES, tmp_path / "fixtures")
    city = tmp_path / "fixtures" / "assessments" / "quiet-village" / "city.yaml"
    city.write_text(city.read_text(encoding="utf-8").replace("language: ja\n", ""), encoding="utf-8")
    report = Report()
    unsaid = load_registry(
        tmp_path / "fixtures" / "assessments", catalogue, report, display_root=tmp_path / "fixtures", today=TODAY
    )
    shown = [d for d in report.warnings if "no indicator tracks" not in d.message]  # issue 24's advice aside
    assert [d.message.split(":")[1] for d in shown] == [' no "language" field']
    out = build(catalogue, unsaid, root=tmp_path / "fixtures")
    cities = json.loads(out["data/assessments.json"])["cities"]
    assert {c["slug"]: c["language"] for c in cities}["quiet-village"] is None
    schema("assessments-export.schema.json").validate(json.loads(out["data/assessments.json"]))
    assert [r["language"] for r in read_csv(out["data/cities.csv"])] == ["en", "en", ""]


def test_overall_figures_worked_out_by_hand(files):
    data = json.loads(files["data/assessments.json"])
    by = {(c["slug"], a["date"]): a["overall"] for c in data["cities"] for a in c["assessments"]}
    # 32 at 2 (4.6 not assessed, so 31) → typical 2, mean 2.0; in two years 31 at 3
    assert by["hostile-town", "2023-05-10"] == {
        "now": {
            "counts": {"1": 0, "2": 31, "3": 0, "4": 0, "5": 0},
            "assessed": 31,
            "not_assessed": 1,
            "typical": 2,
            "mean": 2.0,
        },
        "in_two_years": {
            "counts": {"1": 0, "2": 0, "3": 31, "4": 0, "5": 0},
            "assessed": 31,
            "not_assessed": 1,
            "typical": 3,
            "mean": 3.0,
        },
    }
    # 12×1 + 8×3 + 6×4 + 4×5 = 80 over 30 → mean 2.7; sorted position 14 (lower median of 30) is a 3.
    # In two years 12×2 + 8×3 + 10×5 = 98 over 30 → 3.3; position 14 is a 3.
    assert by["hostile-town", "2025-03-01"] == {
        "now": {
            "counts": {"1": 12, "2": 0, "3": 8, "4": 6, "5": 4},
            "assessed": 30,
            "not_assessed": 2,
            "typical": 3,
            "mean": 2.7,
        },
        "in_two_years": {
            "counts": {"1": 0, "2": 12, "3": 8, "4": 0, "5": 10},
            "assessed": 30,
            "not_assessed": 2,
            "typical": 3,
            "mean": 3.3,
        },
    }
    # 31×3 + 5 = 98 over 32 → 3.1 (typical 3); in two years 31×4 + 5 = 129 over 32 → 4.0 (typical 4)
    assert by["calm-city", "2024-11-20"] == {
        "now": {
            "counts": {"1": 0, "2": 0, "3": 31, "4": 0, "5": 1},
            "assessed": 32,
            "not_assessed": 0,
            "typical": 3,
            "mean": 3.1,
        },
        "in_two_years": {
            "counts": {"1": 0, "2": 0, "3": 0, "4": 31, "5": 1},
            "assessed": 32,
            "not_assessed": 0,
            "typical": 4,
            "mean": 4.0,
        },
    }


def test_exports_match_their_schemas(catalogue, files):
    assessments = json.loads(files["data/assessments.json"])
    schema("assessments-export.schema.json").validate(assessments)
    schema("catalogue-export.schema.json").validate(json.loads(files["data/catalogue.json"]))
    assert assessments["$schema"] == "../schemas/assessments-export.schema.json"
    absolute = json.loads(build(catalogue, load_fixtures(catalogue), site_url=SITE)["data/assessments.json"])
    assert absolute["$schema"] == "https://example.org/mmssc/schemas/assessments-export.schema.json"
    assert absolute["site_url"] == SITE


def test_schemas_have_teeth(files):
    validator = schema("assessments-export.schema.json")
    data = json.loads(files["data/assessments.json"])
    broken = copy.deepcopy(data)
    del broken["cities"][0]["yaml"]
    assert not validator.is_valid(broken)
    broken = copy.deepcopy(data)
    broken["cities"][0]["assessments"][0]["ratings"][0]["now"] = 6
    assert not validator.is_valid(broken)
    broken = copy.deepcopy(data)
    broken["cities"][0]["surprise"] = True
    assert not validator.is_valid(broken)
    catalogue_validator = schema("catalogue-export.schema.json")
    broken = json.loads(files["data/catalogue.json"])
    broken["characteristics"][0]["criteria"].pop()
    assert not catalogue_validator.is_valid(broken)


def test_assessments_csv_agrees_with_the_yaml(files):
    rows = read_csv(files["data/assessments.csv"])
    assert list(rows[0]) == [
        "city_slug",
        "city_name",
        "country",
        "date",
        "method",
        "characteristic_id",
        "now",
        "in_two_years",
        "not_assessed",
        "justification",
        "evidence_count",
    ]
    assert len(rows) == 3 * 32
    # cities by name, assessments oldest first, characteristics in catalogue order
    order = [(r["city_slug"], r["date"]) for r in rows[::32]]
    assert order == [("hostile-town", "2023-05-10"), ("hostile-town", "2025-03-01"), ("calm-city", "2024-11-20")]
    for row in rows:
        city = yaml_file(f"assessments/{row['city_slug']}/city.yaml")
        assessment = yaml_file(f"assessments/{row['city_slug']}/{row['date']}.yaml")
        given = assessment["characteristics"][row["characteristic_id"]]
        assert unneutralised(row["city_name"]) == city["name"]
        assert row["country"] == city["country"]
        assert row["date"] == assessment["date"] and row["method"] == assessment["method"]
        assert row["now"] == str(given.get("now", ""))
        assert row["in_two_years"] == str(given.get("in_two_years", ""))
        assert unneutralised(row["not_assessed"]) == given.get("not_assessed", "")
        assert unneutralised(row["justification"]) == given.get("justification", "")
        assert row["evidence_count"] == str(len(given.get("evidence", [])))
    first = rows[32]  # hostile-town 2025-03-01, 1.1.1
    assert (first["characteristic_id"], first["now"], first["in_two_years"], first["evidence_count"]) == (
        "1.1.1",
        "1",
        "2",
        "2",
    )
    assert first["justification"] == "<script>alert(1)</script> ]]> {{ 7*7 }}"


def test_cities_csv_worked_out_by_hand(files):
    rows = read_csv(files["data/cities.csv"])
    assert [list(r.values()) for r in rows] == [
        [
            "hostile-town",
            "<script>alert(1)</script> ]]> {{ 7*7 }}",
            "FR",
            "en",
            '\'=HYPERLINK("http://evil.example","click")',
            "12000",
            "town",
            "town",
            "2",
            "2025-03-01",
        ],
        ["calm-city", "Vila Serena", "BR", "en", "São Paulo", "350000", "medium", "city", "1", "2024-11-20"],
        ["quiet-village", "静かな村", "JP", "ja", "", "800", "town", "rural", "0", ""],
    ]
    assert list(rows[0]) == [
        "slug",
        "name",
        "country",
        "language",
        "region",
        "population",
        "size_band",
        "community_type",
        "assessments",
        "latest_date",
    ]


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1", '=HYPERLINK("http://x")'])
def test_formula_cells_are_neutralised(text):
    assert formats.csv_cell(text) == "'" + text


@pytest.mark.parametrize(
    "value, cell",
    [
        ("a=1", "a=1"),
        ("São Paulo", "São Paulo"),
        (-1, "-1"),
        (3, "3"),
        (None, ""),
        (True, "true"),
        (dt.date(2025, 3, 1), "2025-03-01"),
    ],
)
def test_other_cells_are_left_alone(value, cell):
    assert formats.csv_cell(value) == cell


def test_no_csv_cell_can_start_a_formula(files):
    for path in ("data/criteria.csv", "data/assessments.csv", "data/cities.csv"):
        for row in csv.reader(io.StringIO(files[path].decode("utf-8"), newline="")):
            for cell in row:
                assert not cell.startswith(formats.FORMULA_TRIGGERS) or cell.lstrip("-").isdigit(), (path, cell)
    rows = read_csv(files["data/assessments.csv"])
    assert {r["not_assessed"] for r in rows if r["date"] == "2023-05-10"} == {"", "'-no data yet"}


def test_catalogue_json(catalogue, files):
    data = json.loads(files["data/catalogue.json"])
    assert [d["id"] for d in data["dimensions"]] == ["1", "2", "3", "4"]
    assert len(data["characteristics"]) == 32
    assert all([c["level"] for c in ch["criteria"]] == [1, 2, 3, 4, 5] for ch in data["characteristics"])
    assert [lv["name"] for lv in data["levels"]] == [
        "Initial",
        "Partially fulfilled",
        "Fulfilled",
        "Improving",
        "Sustainably optimising",
    ]
    by_id = {ch["id"]: ch for ch in data["characteristics"]}
    assert by_id["4.1"]["subdimension_id"] is None
    criterion = by_id["1.4.1"]["criteria"][2]
    assert criterion["blocks"][0] == {
        "type": "paragraph",
        "text": "The city administration has established city-wide "
        "policies to optimise procurement and supplier management across different city "
        "business units, including:",
    }
    assert criterion["blocks"][1]["type"] == "bullets" and len(criterion["blocks"][1]["items"]) == 3
    assert by_id["1.4.1"]["footnotes"][0]["key"] == "smart-contracting-principles"
    assert by_id["1.4.1"]["footnotes"][0]["standard"] == "ISO 37106"
    assert by_id["1.1.1"]["criteria"][4]["builds_on"] == 4
    assert by_id["1.1.1"]["source"] == {"path": "criteria/characteristics/1.1.1.yaml", "line": 1}
    assert [m["id"] for m in data["methods"]] == list(catalogue.methods)
    assert [g["id"] for g in data["stakeholder_groups"]] == list(catalogue.stakeholder_groups)
    refs = catalogue.references
    assert [s["id"] for s in data["standards"]] == list(refs.standards)
    assert len(data["annex_b"]["rows"]) == len(refs.supports)
    assert len(data["annex_c"]["functions"]) == len(refs.functions)
    assert [m["id"] for m in data["maturity_models"]["models"]] == [m.id for m in refs.models]
    assert [e["id"] for e in data["errata"]] == [e.id for e in refs.errata]
    assert len(data["principles"]["items"]) == 7


def test_criteria_csv(files):
    rows = read_csv(files["data/criteria.csv"])
    assert list(rows[0]) == ["id", "name", "dimension", "subdimension", "family", "level", "level_name", "criterion"]
    assert len(rows) == 32 * 5
    by = {(r["id"], r["level"]): r for r in rows}
    assert by["1.1.1", "5"]["criterion"] == (
        "As at level 4. In addition, there is regular public reporting of progress against the success measures, "
        "with clear processes in place for interested parties to give feedback."
    )
    assert by["1.1.1", "5"]["level_name"] == "Sustainably optimising"
    assert (by["1.1.1", "5"]["dimension"], by["1.1.1", "5"]["subdimension"]) == ("1", "1.1")
    assert by["4.1", "1"]["subdimension"] == ""
    assert by["1.4.1", "3"]["criterion"] == (
        "The city administration has established city-wide policies to optimise procurement and supplier management "
        "across different city business units, including:\n"
        "• Setting holistic and flexible budgets able to fund cross-organisational projects\n"
        "• A focus on achieving best value for money for the city as whole rather than for an individual business "
        "unit\n"
        "• Embedding Smart Contracting Principles in all contracts[^smart-contracting-principles]"
    )
    catalogue_json = json.loads(files["data/catalogue.json"])
    joined = {
        (ch["id"], str(c["level"])): c["text"] for ch in catalogue_json["characteristics"] for c in ch["criteria"]
    }
    assert {k: r["criterion"] for k, r in by.items()} == joined


def test_identical_inputs_give_identical_bytes(catalogue, files):
    again = build(catalogue, load_fixtures(catalogue))
    assert again == files
    with_site = build(catalogue, load_fixtures(catalogue), site_url=SITE)
    assert with_site == build(catalogue, load_fixtures(catalogue), site_url=SITE)
    assert with_site["data/criteria.csv"] == files["data/criteria.csv"]


def test_a_yaml_file_that_cannot_be_read_stops_the_export(tmp_path):
    with pytest.raises(ValueError, match="cannot export assessments/gone/city.yaml"):
        assessments_export.yaml_content(tmp_path, SourceRef("assessments/gone/city.yaml"))


def test_json_scalars_are_what_yaml_writes():
    from macros.load.nodes import json_scalar

    values = [dt.date(2024, 2, 29), dt.datetime(2024, 1, 1, 12, 30), float("nan"), float("inf"), -float("inf"), 1.5]
    assert [json_scalar(v) for v in values] == ["2024-02-29", "2024-01-01T12:30:00", ".nan", ".inf", "-.inf", 1.5]


def test_example_data_exports_are_loss_free(catalogue):
    """The repository's own assessments/ (when there are any): valid, schema-conformant, loss-free."""
    folder = REPO / "assessments"
    if not any(p.is_dir() for p in folder.iterdir()):
        pytest.skip("no example cities in assessments/ yet")
    report = Report()
    registry = load_registry(folder, catalogue, report, display_root=REPO, today=dt.date.today())
    assert report.ok, [d.format() for d in report.errors]
    data = json.loads(build(catalogue, registry, root=REPO)["data/assessments.json"])
    schema("assessments-export.schema.json").validate(data)
    objects = {city["source"]["path"]: city["yaml"] for city in data["cities"]}
    objects.update({a["source"]["path"]: a["yaml"] for city in data["cities"] for a in city["assessments"]})
    objects.update(
        {c["indicators"]["source"]["path"]: c["indicators"]["yaml"] for c in data["cities"] if "indicators" in c}
    )
    # withdrawn assessments too: listed apart (in no figure), still loss-free
    objects.update({a["source"]["path"]: a["yaml"] for city in data["cities"] for a in city["withdrawn_assessments"]})
    on_disk = sorted(p.relative_to(REPO).as_posix() for p in folder.rglob("*.yaml"))
    assert sorted(objects) == on_disk
    for path in on_disk:
        assert objects[path] == iso(yaml.safe_load((REPO / path).read_text("utf-8"))), path


def test_streamed_assessments_json_equals_the_whole_document(catalogue):
    """The export is written city by city; the bytes must be those of the document dumped at once."""
    report = Report()
    registry = load_registry(REPO / "assessments", catalogue, report, display_root=REPO, today=dt.date.today())
    assert report.ok
    whole = formats.json_bytes(
        assessments_export.assessments_data(catalogue, registry, REPO, site_url=None, built=BUILT)
    )
    streamed = io.BytesIO()
    assessments_export.write_assessments_json(streamed, catalogue, registry, REPO, site_url=None, built=BUILT)
    assert streamed.getvalue() == whole
    assert len(json.loads(whole)["cities"]) == len(registry.cities)


def test_the_assessments_csv_written_city_by_city_is_the_whole_table(catalogue, tmp_path):
    """Each city's rows are a part of their own (kept by publish/reuse.py): together, the one table."""
    from macros.publish.reuse import Reuse
    from macros.site.settings import SiteSettings

    report = Report()
    registry = load_registry(REPO / "assessments", catalogue, report, display_root=REPO, today=dt.date.today())
    assert report.ok
    whole = formats.csv_bytes(
        assessments_export.ASSESSMENTS_HEADER, assessments_export.assessments_rows(catalogue, registry)
    )
    registry.addresses = {slug: slug * 4 for slug in registry.cities}  # as a store of checked folders gives them
    for _ in range(2):  # drawn, then taken from the store
        parts = io.BytesIO()
        reuse = Reuse(tmp_path, SiteSettings(today=BUILT))
        assessments_export.write_assessments_csv(parts, catalogue, registry, reuse.parts(registry, "data/x.csv"))
        assert parts.getvalue() == whole
    assert len(list(tmp_path.glob("*/*"))) == len(registry.cities)


def test_the_catalogue_export_carries_the_fresh_translations_by_id(built_repo_site):
    """Language-neutral data with the names in each other language (criteria/translations/fr.yaml)."""
    data = json.loads((built_repo_site / "data" / "catalogue.json").read_text(encoding="utf-8"))
    schema("catalogue-export.schema.json").validate(data)
    (french,) = [t for t in data["translations"] if t["language"] == "fr"]
    assert french["official"] is False
    names = {(t["kind"], t["id"]): t["text"] for t in french["texts"] if t["field"] == "name"}
    assert len(names) == 4 + 11 + 32 == len(french["texts"])
    assert names[("dimension", "1")] == "Gestion de la stratégie"
    # the English fields stay English: the export is one file for every language
    assert data["dimensions"][0]["name"] == "Strategy management"
    # a language with no translation file publishes none
    assert [t["language"] for t in data["translations"]] == ["fr"]
