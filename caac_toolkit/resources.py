"""Finds the bundled data/ and templates/, in a checkout and in an installed wheel."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _bundled(name: str) -> Path:
    inside = _PACKAGE / name  # installed from a wheel
    return inside if inside.is_dir() else _PACKAGE.parent / name  # a checkout or editable install


def data_dir() -> Path:
    return _bundled("data")


def templates_dir() -> Path:
    return _bundled("templates")


def toolkit_file() -> Path:
    return data_dir() / "toolkit.yaml"
