"""The package's metadata says what it is: licence, systems, languages, where it comes from."""

from __future__ import annotations

import tomllib

from conftest import ROOT

PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def test_the_licence_file_matches_the_declared_licence() -> None:
    assert PROJECT["license"] == "MIT"
    assert PROJECT["license-files"] == ["LICENSE"]
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("MIT License\n")
    assert "Permission is hereby granted, free of charge" in text
    # An SPDX licence expression and a licence classifier may not both be given (PEP 639).
    assert not any(c.startswith("License ::") for c in PROJECT["classifiers"])


def test_classifiers_name_the_systems_the_readme_names_and_the_languages() -> None:
    classifiers = set(PROJECT["classifiers"])
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for system, classifier in (("Linux", "Operating System :: POSIX :: Linux"),
                               ("macOS", "Operating System :: MacOS"),
                               ("Windows", "Operating System :: Microsoft :: Windows")):
        assert classifier in classifiers and system in readme
    assert {"Natural Language :: English", "Natural Language :: French"} <= classifiers
    minimum = PROJECT["requires-python"].removeprefix(">=")
    assert f"Programming Language :: Python :: {minimum}" in classifiers


def test_keywords_and_urls() -> None:
    assert "children-and-armed-conflict" in PROJECT["keywords"]
    assert all(url.startswith("https://") for url in PROJECT["urls"].values())

