"""caac in CI: validate and build agree, report as annotations or JSON, explain a failed check;
the recipe of docs/ci.md and the pre-commit hooks run as written."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import CASE, ROOT, Run

CAAC = str(Path(sys.executable).with_name("caac"))
BROKEN = CASE.replace("demarches.letters-to-parties", "demarches.letters-to-partie").replace(
    "to: parties", "to: partie")
ANNOTATION = re.compile(r"::error file=([^,:]+),line=(\d+),col=(\d+)::(.+)")


def cases(folder: Path, **texts: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in texts.items():
        (folder / f"{name}.yaml").write_text(text, encoding="utf-8")
    return folder


def test_validate_writes_one_github_annotation_per_problem(caac: Run, tmp_path: Path) -> None:
    folder = cases(tmp_path / "cases", sudan=CASE, broken=BROKEN)
    result = caac("validate", str(folder), "--output-format", "github")
    assert result.exit_code == 1
    # The errors; the drafts' gaps are warnings beside them.
    found = [ANNOTATION.fullmatch(line) for line in result.stdout.splitlines()
             if line.startswith("::error")]
    assert all(found) and len(found) == 2, result.stdout
    assert [(m[1], m[2], m[3]) for m in found if m] == [
        (str(folder / "broken.yaml"), "7", "13"), (str(folder / "broken.yaml"), "8", "9")]
    assert "did you mean 'demarches.letters-to-parties'?" in result.stdout
    assert result.stderr == ""


def test_validate_as_json(caac: Run, tmp_path: Path) -> None:
    folder = cases(tmp_path / "cases", sudan=CASE, broken=BROKEN)
    report = json.loads(caac("validate", str(folder), "--output-format", "json").stdout)
    assert report["files"] == [{"path": str(folder / "sudan.yaml"), "holds": "case, 1 actions"}]
    assert [(p["line"], p["column"]) for p in report["problems"]] == [(7, 13), (8, 9)]
    good = json.loads(caac("validate", str(folder / "sudan.yaml"), "--output-format",
                           "json").stdout)
    assert good["problems"] == []


@pytest.mark.parametrize("kind", ["valid", "unknown option", "same folder", "template error"])
def test_what_fails_a_build_fails_validation(caac: Run, tmp_path: Path, kind: str) -> None:
    texts = {"valid": {"sudan": CASE}, "unknown option": {"sudan": BROKEN},
             "same folder": {"a-b": CASE, "a b": CASE}, "template error": {"sudan": CASE}}[kind]
    folder = cases(tmp_path / "cases", **texts)
    templates = tmp_path / "templates"
    (templates / "en").mkdir(parents=True)
    if kind == "template error":
        (templates / "en" / "statement.md.j2").write_text(
            "{% block title %}T{{ nope.x }}{% endblock %}\n")
    validated = caac("--templates", str(templates), "validate", str(folder))
    built = caac("build", str(folder), "--out", str(tmp_path / "out"), "-f", "md",
                 "--templates", str(templates))
    assert validated.exit_code == built.exit_code == (0 if kind == "valid" else 1)
    errors = [line for line in built.stderr.splitlines() if line.startswith("caac: error:")]
    assert all(line in validated.stderr for line in errors)


def test_check_says_why_each_file_differs_and_diffs_text(caac: Run, tmp_path: Path) -> None:
    folder = cases(tmp_path / "cases", sudan=CASE)
    out = tmp_path / "out"
    assert caac("build", str(folder), "--out", str(out), "-f", "md", "-f", "text").exit_code == 0
    (folder / "sudan.yaml").write_text(CASE.replace("end violations", "end all violations"))
    with (out / "sudan" / "conclusions.txt").open("a") as edited:
        edited.write("A delegation's note.\n")
    check = caac("build", str(folder), "--out", str(out), "-f", "md", "-f", "text", "--check",
                 "--diff")
    assert check.exit_code == 1
    lines = check.stdout.splitlines()
    assert f"update\t{out / 'sudan' / 'statement.md'}\t{folder / 'sudan.yaml'} changed" in lines
    assert f"update\t{out / 'sudan' / 'conclusions.txt'}\tedited by hand since it was built" \
        in lines
    assert "-(a) Calling upon all parties to end violations." in lines
    assert "+(a) Calling upon all parties to end all violations." in lines
    assert "-A delegation's note." in lines


def test_check_as_annotations_and_json(caac: Run, tmp_path: Path) -> None:
    folder = cases(tmp_path / "cases", sudan=CASE)
    out = tmp_path / "out"
    github = caac("build", str(folder), "--out", str(out), "-f", "md", "--check",
                  "--output-format", "github")
    assert github.exit_code == 1
    assert f"::error file={out / 'sudan' / 'statement.md'}::would create: " \
        "a document the last build did not make" in github.stdout.splitlines()
    report = json.loads(caac("build", str(folder), "--out", str(out), "-f", "md", "--check",
                             "--output-format", "json").stdout)
    assert {c["action"] for c in report["changes"]} == {"create"}
    assert report["problems"][0]["message"].endswith("would change")


def test_check_gives_the_same_answer_from_any_working_folder(
    caac: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repository = tmp_path / "repository"
    cases(repository / "cases", sudan=CASE)
    monkeypatch.chdir(repository)
    assert caac("build", "cases", "--out", "documents", "-f", "md").exit_code == 0
    for folder, prefix in ((repository / "cases", ".."), (tmp_path, "repository")):
        monkeypatch.chdir(folder)
        check = caac("build", f"{prefix}/cases", "--out", f"{prefix}/documents", "-f", "md",
                     "--check")
        assert check.exit_code == 0, check.stdout


def test_fewer_formats_say_what_they_remove_and_keep_others_keeps_it(
    caac: Run, tmp_path: Path
) -> None:
    folder = cases(tmp_path / "cases", sudan=CASE)
    out = tmp_path / "out"
    assert caac("build", str(folder), "--out", str(out), "-f", "md", "-f", "text").exit_code == 0
    kept = caac("build", str(folder), "--out", str(out), "-f", "md", "--keep-others")
    assert kept.exit_code == 0 and (out / "sudan" / "statement.txt").is_file()
    assert caac("build", str(folder), "--out", str(out), "-f", "md", "--keep-others",
                "--check").exit_code == 0
    removed = caac("build", str(folder), "--out", str(out), "-f", "md")
    assert f"caac: removing {out / 'sudan' / 'statement.txt'}: text is not among this " \
        "build's formats (--keep-others keeps it)" in removed.stderr.splitlines()
    assert not (out / "sudan" / "statement.txt").exists()


def run_hook(hook: dict[str, object], args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    entry = str(hook["entry"]).split()
    assert entry[0] == "caac"
    return subprocess.run([CAAC, *entry[1:], *args], cwd=cwd, capture_output=True, text=True)


def test_the_pre_commit_hooks_validate_and_check(tmp_path: Path) -> None:
    hooks = {hook["id"]: hook for hook in yaml.safe_load(
        (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))}
    assert set(hooks) == {"caac-validate", "caac-check"}
    assert all(hook["language"] == "python" for hook in hooks.values())
    cases(tmp_path / "cases", sudan=CASE)
    assert re.search(str(hooks["caac-validate"]["files"]), "cases/sudan.yaml")
    assert hooks["caac-check"]["pass_filenames"] is False
    assert run_hook(hooks["caac-validate"], ["cases/sudan.yaml"], tmp_path).returncode == 0
    check = ["cases", "--out", "documents", "--format", "md"]
    assert run_hook(hooks["caac-check"], check, tmp_path).returncode == 1  # nothing built yet
    subprocess.run([CAAC, "build", *check], cwd=tmp_path, check=True, capture_output=True)
    assert run_hook(hooks["caac-check"], check, tmp_path).returncode == 0
    (tmp_path / "cases" / "sudan.yaml").write_text(BROKEN, encoding="utf-8")
    assert run_hook(hooks["caac-validate"], ["cases/sudan.yaml"], tmp_path).returncode == 1


def recipe(clone: Path) -> dict[str, object]:
    """The GitHub Actions workflow of docs/ci.md, as committed."""
    text = (clone / "docs" / "ci.md").read_text(encoding="utf-8")
    block = next(b for b in re.findall(r"```yaml\n(.*?)```", text, re.S) if "\njobs:" in b)
    workflow: dict[str, object] = yaml.safe_load(block)
    return workflow


@pytest.mark.slow
@pytest.mark.skipif(not shutil.which("git"), reason="git is not installed")
def test_the_ci_recipe_runs_as_written_from_a_fresh_clone(tmp_path: Path) -> None:
    clone = tmp_path / "caac"
    subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)], check=True)
    ref = subprocess.run(["git", "rev-parse", "HEAD"], cwd=clone, check=True,
                         capture_output=True, text=True).stdout.strip()
    workflow = recipe(clone)
    steps = workflow["jobs"]["documents"]["steps"]  # type: ignore[index]
    lines = [step["run"] for step in steps if "run" in step]
    assert [s["uses"].split("@")[0] for s in steps if "uses" in s] == [
        "actions/checkout", "actions/setup-python", "actions/cache"]
    assert "validate" in lines[-2] and "--check" in lines[-1]

    repository = tmp_path / "documents"
    (repository / "cases").mkdir(parents=True)
    for example in (clone / "examples").glob("*.yaml"):
        shutil.copy(example, repository / "cases")
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    env = {key: value for key, value in os.environ.items()
           if key not in ("VIRTUAL_ENV", "PYTHONPATH", "SOURCE_DATE_EPOCH", "CAAC_DATA",
                          "CAAC_TEMPLATES")}
    env.update({**workflow["env"], "CAAC_REPOSITORY": clone.as_uri(), "CAAC_REF": ref,  # type: ignore[dict-item]
                "PATH": f"{venv / 'bin'}{os.pathsep}{env['PATH']}"})

    def run(line: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(["bash", "-eo", "pipefail", "-c", line], cwd=repository, env=env,
                              capture_output=True, text=True, stdin=subprocess.DEVNULL)

    # The team built and committed the documents with the same command, less --check.
    committed = lines[-1].replace(" --check --output-format github", "")
    for line in [*lines[:-1], committed, lines[-1]]:
        result = run(line)
        assert result.returncode == 0, (line, result.stdout, result.stderr)
    assert (repository / "documents" / "sudan-2012" / "conclusions.pdf").is_file()

    case = repository / "cases" / "sudan-2012.yaml"
    case.write_text(case.read_text(encoding="utf-8").replace("situation: the Sudan",
                                                             "situation: South Sudan"),
                    encoding="utf-8")
    failed = run(lines[-1])
    assert failed.returncode == 1
    annotations = failed.stdout.splitlines()
    assert "::error file=documents/sudan-2012/conclusions.md::would update: " \
        "cases/sudan-2012.yaml changed" in annotations


def test_a_failed_build_annotates_the_file_it_would_lose(caac: Run, tmp_path: Path) -> None:
    folder = cases(tmp_path / "cases", sudan=CASE)
    out = tmp_path / "out"
    assert caac("build", str(folder), "--out", str(out), "-f", "md").exit_code == 0
    edited = out / "sudan" / "statement.md"
    edited.write_text("A delegation's own words.\n", encoding="utf-8")
    (folder / "sudan.yaml").write_text(CASE.replace("end violations", "end all violations"))
    result = caac("build", str(folder), "--out", str(out), "-f", "md", "--output-format", "github")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"::error file={edited}::edited since it was built, so left as it is (rename it to keep "
        f"it, or use --force to rebuild it and keep it in .caac-orphans)"]
    assert edited.read_text(encoding="utf-8") == "A delegation's own words.\n"


def test_check_names_a_changed_template(caac: Run, tmp_path: Path) -> None:
    folder = cases(tmp_path / "cases", sudan=CASE)
    templates = tmp_path / "templates"
    (templates / "en").mkdir(parents=True)
    statement = templates / "en" / "statement.md.j2"
    statement.write_text("{% block title %}Ours, one{% endblock %}\n")
    out = tmp_path / "out"
    build = ("build", str(folder), "--out", str(out), "-f", "md", "--templates", str(templates))
    assert caac(*build).exit_code == 0
    statement.write_text("{% block title %}Ours, two{% endblock %}\n")
    check = caac(*build, "--check")
    assert f"update\t{out / 'sudan' / 'statement.md'}\tthe templates changed" in \
        check.stdout.splitlines()
