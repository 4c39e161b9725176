"""The wheel built from the sdist carries data/ and templates/ and works from any folder."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import tarfile
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    # `python -m build` makes the sdist, then the wheel from that sdist (not from the checkout).
    subprocess.run(
        [sys.executable, "-m", "build", "--no-isolation", "--outdir", str(out), str(ROOT)],
        check=True, capture_output=True,
    )
    sdist = next(out.glob("*.tar.gz"))
    with tarfile.open(sdist) as archive:
        names = archive.getnames()
    assert any(n.endswith("/data/toolkit.yaml") for n in names)
    assert any(n.endswith("/templates/en/letter.md.j2") for n in names)
    return next(out.glob("*.whl"))


def test_wheel_contains_data_and_templates(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    assert "caac_toolkit/data/toolkit.yaml" in names
    assert "caac_toolkit/data/toolkit.json" in names  # the quick-loading copy hatch_build.py makes
    assert "caac_toolkit/data/precedents.yaml" in names
    assert "caac_toolkit/data/situations.yaml" in names
    for lang in ("en", "fr"):
        for name in ("letter.md.j2", "statement.md.j2", "annex.md.j2", "labels.yaml"):
            assert f"caac_toolkit/templates/{lang}/{name}" in names


def test_installed_wheel_runs_from_another_folder(wheel: Path, tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--no-deps", str(wheel)],
                   check=True)
    # The package itself comes from the new venv; its dependencies from the test environment,
    # which keeps this test offline.
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True, capture_output=True, text=True,
    ).stdout.strip()
    Path(site, "test-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith("CAAC_")}

    def caac(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([str(venv / "bin" / "caac"), *args], cwd=elsewhere, env=env,
                              capture_output=True, text=True, check=False)

    where = subprocess.run(
        [str(python), "-c", "import caac_toolkit; print(caac_toolkit.__file__)"],
        cwd=elsewhere, check=True, capture_output=True, text=True,
    ).stdout
    assert where.startswith(str(venv))
    listing = caac("list", "--format", "ids")
    assert listing.returncode == 0, listing.stderr
    assert len(listing.stdout.split()) == 26
    situation = caac("situations", "au Mali", "--format", "json")
    assert situation.returncode == 0, situation.stderr
    assert '"id": "mali"' in situation.stdout
    quick = subprocess.run(
        [str(python), "-c", "import sys; from caac_toolkit import toolkit; toolkit.load(); "
         "print('yaml' in sys.modules)"],
        cwd=elsewhere, check=True, capture_output=True, text=True,
    ).stdout.strip()
    assert quick == "False"  # the bundled toolkit came from its JSON copy, without PyYAML
    letter = caac("draft", "letter", "--to", "donors", "--situation", "the Sudan",
                  "--date", "2012-10-05", "--signatory", "X", "-o", "letter.docx")
    assert letter.returncode == 0, letter.stderr
    assert (elsewhere / "letter.docx").stat().st_size > 5000
    used = caac("show", "demarches.letters-to-parties")
    assert used.returncode == 0, used.stderr
    assert "of the recorded conclusions, last in" in " ".join(used.stdout.split())
    templates = caac("templates").stdout
    assert f"en/letter.md.j2\tbundled\t{site}" in templates
