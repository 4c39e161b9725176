"""A reference document made inert: what it lends every document built on it is styles, page
set-up, headers and footers, never its macros (word/vbaProject.bin) nor a link to a template
elsewhere (`w:attachedTemplate`, which Word fetches, from the web if it is a URL, on opening)."""

from __future__ import annotations

import io
from typing import Any

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_PACKAGE = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_TYPES = "{http://schemas.openxmlformats.org/package/2006/content-types}"
# Relationship types (their last segment) that bring code or reach outside.
_DROPPED = ("/vbaProject", "/wordVbaData", "/attachedTemplate", "/keyMapCustomizations")
_MACRO_PARTS = ("vbaproject.bin", "vbadata.xml", "vbaproject.bin.rels", "customizations.xml")
# The main part of a document with macros, or of a template, as a plain document's.
_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_MACRO_MAINS = ("application/vnd.ms-word.document.macroEnabled.main+xml",
                "application/vnd.ms-word.template.macroEnabledTemplate.main+xml")


def inert(data: bytes) -> tuple[bytes, list[str]]:
    """The Word document `data` without macros or a link to an outside template, and what was
    dropped, in words. The archive is assumed bounded already (`bounded.check_zip`)."""
    import zipfile

    notes: list[str] = []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        members = archive.infolist()
        macros = [m.filename for m in members if m.filename.lower().rsplit("/", 1)[-1]
                  in _MACRO_PARTS]
        if macros:
            notes.append(f"its macros ({', '.join(macros)}) are left out of the documents")
        parts = {m.filename: archive.read(m) for m in members if m.filename not in macros}
    for name, content in parts.items():
        if name.endswith(".rels"):
            parts[name] = _without_relationships(content, notes)
        elif name == "word/settings.xml":
            parts[name] = _without_element(content, f"{_W}attachedTemplate")
            if parts[name] is not content and not any("template" in note for note in notes):
                notes.append("its attached template is left out of the documents")
        elif name == "[Content_Types].xml":
            parts[name] = _plain_types(content, set(macros))
    if not notes:
        return data, []
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name, content in parts.items():
            target.writestr(name, content)
    return out.getvalue(), notes


def _parse(content: bytes) -> Any:
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    return etree.fromstring(content, parser)


def _serialized(root: Any) -> bytes:
    from lxml import etree

    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))


def _without_relationships(content: bytes, notes: list[str]) -> bytes:
    root = _parse(content)
    dropped = False
    for relationship in list(root.iter(f"{_PACKAGE}Relationship")):
        kind = relationship.get("Type", "")
        if kind.endswith(_DROPPED):
            root.remove(relationship)
            dropped = True
            if kind.endswith("/attachedTemplate"):
                from caac_toolkit.textfile import printable

                notes.append("its link to the template "
                             f"{printable(relationship.get('Target', ''))[:200]} is left out of "
                             "the documents")
    return _serialized(root) if dropped else content


def _without_element(content: bytes, tag: str) -> bytes:
    root = _parse(content)
    found = list(root.iter(tag))
    for element in found:
        element.getparent().remove(element)
    return _serialized(root) if found else content


def _plain_types(content: bytes, removed: set[str]) -> bytes:
    root = _parse(content)
    for override in list(root.iter(f"{_TYPES}Override")):
        if override.get("PartName", "").lstrip("/") in removed:
            root.remove(override)
        elif override.get("ContentType") in _MACRO_MAINS:
            override.set("ContentType", _MAIN)
    return _serialized(root)
