"""The form's vendored JavaScript (docs/assets/vendor/) is the pinned npm release, file for file:
scripts/vendor-js --check compares every file with the SHA-256 sums recorded when it was vendored
(scripts/vendor-js itself checks the npm tarball's SHA-256 before copying anything)."""

from __future__ import annotations

import subprocess

from conftest import REPO


def test_vendored_files_are_the_recorded_release():
    result = subprocess.run([str(REPO / "scripts" / "vendor-js"), "--check"], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (REPO / "docs" / "assets" / "vendor" / "yaml" / "LICENSE").read_text("utf-8").startswith("Copyright")
    assert "yaml@2.9.1" in (REPO / "docs" / "assets" / "vendor" / "VERSIONS").read_text("utf-8")


def test_no_page_loads_a_script_from_elsewhere():
    """No CDN: the form's modules import only relative paths."""
    for path in (REPO / "docs" / "assets").glob("assess*.js"):
        for line in path.read_text("utf-8").splitlines():
            if line.startswith("import "):
                assert '"./' in line, (path.name, line)
