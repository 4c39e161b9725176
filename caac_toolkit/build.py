"""Builds the documents of case files into a folder: reproducibly, and without losing hand edits.

Everything is rendered in memory first; files are written only once every check has passed, each
atomically, the manifest last. The manifest records the hash of every output as generated, so an
output whose bytes differ from it was edited by hand, and is not overwritten without `force`.

A build may stop anywhere (Ctrl-C, SIGTERM, a full disk). So that the next build does not take its
half-done work for hand edits, it first writes the new manifest with a `pending` table: the hash
each file it will replace or remove has before it does so. Until the final manifest replaces that
one, each such file is either as before or as built, and the next build accepts both. Every file is
written atomically (a temporary file, then a rename), so none is ever half-written.

Two builds into one folder would mix their files: a build holds an exclusive lock on the folder's
`.caac-build.lock` from reading its manifest to writing the last file, and a check holds a shared
one, so that it never reads a folder halfway through a build. The other waits, then gives up.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import itertools
import json
import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from caac_toolkit import __version__, stamps, textfile, yamlfile
from caac_toolkit import case as case_module
from caac_toolkit import toolkit as toolkit_module
from caac_toolkit.case import Case
from caac_toolkit.casefiles import Skipped, case_files, file_names, slug
from caac_toolkit.document import Notice
from caac_toolkit.drafting import CaseDocument, Drafter
from caac_toolkit.errors import (
    CaacError,
    CheckFailed,
    InvalidInput,
    MissingFile,
    Place,
    Problem,
    UsageError,
)
from caac_toolkit.files import (
    Inputs,
    command_inputs,
    locked,
    remove_temporary_files,
    stops_held,
    write_atomic,
)
from caac_toolkit.languages import Languages
from caac_toolkit.resources import toolkit_file
from caac_toolkit.strictness import Strictness, fail_strict
from caac_toolkit.templating import Source as TemplateSource
from caac_toolkit.templating import Templates, epoch_date
from caac_toolkit.writers import FORMATS, Format, render

MANIFEST = "manifest.json"
ORPHANS = ".caac-orphans"  # where --force puts the hand edits it would otherwise lose
MAX_MANIFEST = 16 * textfile.MAX_BYTES  # some 100,000 outputs
MAX_OUTPUT = 64 * textfile.MAX_BYTES  # no output is larger: a file that is was not built here
# Every output is <case>/<document>.<extension> in slugs: a manifest naming anything else, such as
# ../x or /etc/x, is not one caac wrote, and the build neither reads nor removes that file.
# A document in another language than its case's carries the language's code: conclusions.fr.md.
_OUTPUT_NAME = re.compile(r"[a-z0-9-]+/[a-z0-9-]+(\.[a-z]{2,3}(-[A-Za-z0-9]{2,8})*)?\.[a-z]+")
REDLINE_SUFFIX = "-redline.docx"

Progress = Callable[[int, int, str], None]  # cases done, cases in all, the case just built
Hashes = dict[str, set[str]]  # by output path, the hashes of its bytes as caac wrote them


@dataclass(frozen=True)
class Settings:
    formats: tuple[Format, ...]
    data: Path | None = None  # the toolkit file (--data), else the bundled one
    templates: Path | None = None  # the user's templates folder
    jobs: int = 1
    redline_against: str | None = None  # a git revision: a Word redline of each changed document
    reference_docx: bytes | None = None  # a Word reference document (writers.docx.load_reference)
    reference_path: Path | None = None  # the file it was read from, never to be written
    languages: tuple[str, ...] = ()  # the documents' languages; none given: each case's own


@dataclass(frozen=True)
class Source:
    """A case to build: where it came from and the folder its documents go to."""

    path: Path
    slug: str
    sha256: str
    case: Case
    document: yamlfile.YamlDocument  # the file as read, for the places of its facts


@dataclass(frozen=True)
class Built:
    source: Source
    outputs: dict[str, bytes]  # by path relative to the output folder
    warnings: tuple[Notice, ...]


@dataclass(frozen=True)
class Change:
    path: str  # relative to the output folder
    action: str  # create, update, remove
    before: str | None = None  # the hash of the file it updates or removes
    ours: bool = True  # whether `before` is what caac wrote there, not a hand edit
    reasons: tuple[str, ...] = ()  # why, in words: "cases/sudan.yaml changed", "edited by hand"


@dataclass
class Report:
    changes: list[Change] = field(default_factory=list)
    outputs: int = 0
    warnings: list[Notice] = field(default_factory=list)  # each at its file:line
    moved: list[str] = field(default_factory=list)  # hand edits --force moved aside, in words
    contents: dict[str, bytes] = field(default_factory=dict)  # the bytes built, by path


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def load_sources(paths: Iterable[Path], toolkit: toolkit_module.Toolkit,
                 table: Languages | None = None, skipped: Skipped | None = None) -> list[Source]:
    """Every case, validated and dated; an InvalidInput with the problems of all of them. A
    case's language must be in `table` (the bundled one by default); `skipped` is told of each
    file of a folder that is not a case."""
    problems: list[Problem] = []
    sources: list[Source] = []
    by_slug: dict[str, Path] = {}
    for path in case_files(paths, skipped):
        try:
            document = yamlfile.load(path)
            case = case_module.validate(document, toolkit, table)
        except InvalidInput as error:
            problems += error.problems
            continue
        name = slug(path.stem) or "case"
        if name in by_slug:
            problems.append(Problem(
                f"builds into the same folder '{name}' as {by_slug[name]}", Place(str(path)),
                "rename one of the files",
            ))
        by_slug[name] = path
        # A case without a date builds with SOURCE_DATE_EPOCH's, else a visible placeholder
        # (drafting decides): never with the clock's.
        sources.append(Source(path, name, sha256(textfile.read_bytes(path)), case, document))
    if problems:
        raise InvalidInput(problems[0].message, problems=problems)
    return sources


def build(
    paths: Iterable[Path],
    out: Path,
    settings: Settings,
    *,
    check: bool = False,
    force: bool = False,
    strict: Strictness | None = None,
    progress: Progress | None = None,
    waiting: Callable[[], None] | None = None,
    keep_others: bool = False,
    before_writing: Callable[[list[Change]], None] | None = None,
    skipped: Skipped | None = None,
) -> Report:
    """Build every case into `out`; with `check`, only report what would change. `waiting` is
    called once if another build holds the folder's lock, `before_writing` with the changes
    about to be made, `skipped` with each file of a folder that is not a case. With
    `keep_others`, the outputs of the last build that this one does not make (another format,
    another case) stay, and stay in the manifest."""
    if out.exists() and not out.is_dir():
        raise UsageError("this is a file, not a folder to build into", place=Place(str(out)),
                         hint="give the name of a folder")
    # A SOURCE_DATE_EPOCH that is no number of seconds is refused before any work, although
    # only the files' times (caac_toolkit.timestamps) read it, and no document's date.
    epoch_date()
    _drafters.clear()  # each build reads the toolkit and templates anew
    drafter = _drafter(settings.data, settings.templates)
    sources = load_sources(paths, drafter.toolkit, drafter.templates.languages, skipped)
    built = render_all(sources, settings, progress)
    report = Report(warnings=shared_numbers(sources) + located(built))
    fail_strict(report.warnings, strict, "drafts have")
    outputs = {path: data for b in built for path, data in b.outputs.items()}
    hashes = {path: sha256(data) for path, data in outputs.items()}
    _user_templates(drafter)  # a template linked out of its folder is refused before any write
    inputs = command_inputs(*(s.path for s in sources), settings.reference_path,
                            data=settings.data, templates=settings.templates)
    with locked(out, shared=check, waiting=waiting) as lock:
        seen = stamps.Record.read(lock)
        previous, before = _previous_manifest(out, force)
        if keep_others or settings.redline_against is None:
            # A redline went to the delegations: a plain build keeps it (--redline-against
            # makes the new set).
            hashes.update(_others(out, previous, hashes, None if keep_others else
                                  {f"{s.slug}/" for s in sources}))
        record = _manifest(built, settings, drafter, hashes, out)
        outputs[MANIFEST] = _json(record)
        hashes[MANIFEST] = sha256(outputs[MANIFEST])
        report.outputs, report.contents = len(hashes), outputs
        report.changes, edited = _compare(out, hashes, previous, inputs, seen)
        report.changes = [dataclasses.replace(change, reasons=_reasons(change, record, before,
                                                                      out))
                          for change in report.changes]
        if check:
            return report
        if edited and not force:
            raise CheckFailed(edited[0].message, problems=edited)
        if before_writing is not None:
            before_writing(report.changes)
        for folder in [out, *(p for p in out.iterdir() if p.is_dir() and not p.is_symlink())]:
            remove_temporary_files(folder)  # of builds that were killed
        # Only bytes caac wrote: a hand edit listed here would pass for a build's own work.
        pending = {c.path: c.before for c in report.changes
                   if c.before and c.ours and c.path != MANIFEST}
        report.moved = _write(out, outputs, report.changes,
                                  _json({**record, "pending": pending}))
        seen.write(lock, out, hashes)
    return report


def preflight(
    paths: Iterable[Path], data: Path | None, templates: Path | None
) -> tuple[list[Problem], list[Notice]]:
    """What would stop a build of these cases before it writes anything (invalid cases, two
    cases that build into one folder, a drafting or template error), and the warnings of their
    drafts, each at its file:line."""
    _drafters.clear()
    notices: list[Notice] = []
    try:
        drafter = _drafter(data, templates)
        sources = load_sources(paths, drafter.toolkit, drafter.templates.languages)
        notices += shared_numbers(sources)
        for source in sources:
            documents = drafter.case_documents(source.case)
            notices += _located(source, _unique(w for d in documents
                                                     for w in d.document.warnings))
    except CaacError as error:
        return error.problems, notices
    return [], notices


def shared_numbers(sources: list[Source]) -> list[Notice]:
    """A note for each case whose symbol or job number an earlier case in its language gave:
    one document has one (its versions in other languages share the symbol), but two rounds of
    one negotiation may both carry it."""
    first: dict[tuple[str, str, str], Path] = {}
    notices = []
    for source in sources:
        case = source.case
        for key, value in (("symbol", case.symbol), ("job_number", case.job_number)):
            if value is not None:
                given = first.setdefault((key, value, case.language), source.path)
                if given != source.path:
                    notices += _located(source, [Notice(
                        f"{key} {value} is also that of {given}", "note", (key,))])
    return notices


def located(built: list[Built]) -> list[Notice]:
    return [n for b in built for n in _located(b.source, b.warnings)]


def _located(source: Source, notices: Iterable[Notice]) -> list[Notice]:
    """The notices of a case's drafts, each at the line of the case file its fact belongs to,
    else at the file."""
    return [dataclasses.replace(n, place=source.document.place(n.key, key=True)
                                if n.key is not None else Place(str(source.path)))
            for n in notices]


def _unique(notices: Iterable[Notice]) -> list[Notice]:
    return list(dict.fromkeys(notices))


# Rendering ------------------------------------------------------------------------------------

_drafters: dict[tuple[Path | None, Path | None], Drafter] = {}


def _drafter(data: Path | None, templates: Path | None) -> Drafter:
    """The build's Drafter: the toolkit and compiled templates are made once per process (a
    forked worker inherits the build's own)."""
    key = (data, templates)
    if key not in _drafters:
        _drafters[key] = Drafter(toolkit_module.load(data), Templates(templates))
    return _drafters[key]


def render_all(
    sources: list[Source], settings: Settings, progress: Progress | None = None
) -> list[Built]:
    """Every case's documents in every format, in the order of `sources`; with `jobs` > 1 in as
    many processes."""
    total, finished = len(sources), itertools.count(1)
    jobs = min(settings.jobs, total, os.cpu_count() or 1)
    work = partial(render_case, settings=settings)

    def done(index: int) -> None:
        if progress:
            progress(next(finished), total, sources[index].slug)

    if jobs > 1:
        from caac_toolkit.parallel import run_parallel

        return run_parallel(work, sources, jobs, done)
    built = []
    for index, source in enumerate(sources):
        built.append(work(source))
        done(index)
    return built


def render_case(source: Source, settings: Settings) -> Built:
    try:
        return _render_case(source, settings)
    except InvalidInput as error:  # a problem with no place of its own is the case's
        raise InvalidInput(error.problems[0].message, problems=[
            p if p.place else Problem(p.message, Place(str(source.path)), p.hint)
            for p in error.problems]) from None


def _render_case(source: Source, settings: Settings) -> Built:
    drafter = _drafter(settings.data, settings.templates)
    own = source.case.language
    documents = drafter.case_documents(source.case)
    names = list(file_names(documents))  # the case's own; other languages add their code
    outputs = {}
    warnings: list[Notice] = []
    for lang in settings.languages or (own,):
        drafted = documents if lang == own else drafter.case_documents(source.case, lang)
        tag = "" if lang == own else f".{lang}"
        for name, item in zip(names, drafted, strict=True):
            warnings += item.document.warnings
            for fmt in settings.formats:
                outputs[f"{source.slug}/{name}{tag}{fmt.extension}"] = render(
                    item.document, fmt, reference_docx=settings.reference_docx)
    if settings.redline_against is not None:
        outputs.update(_redlines(source, settings, documents))
    return Built(source, outputs, tuple(_unique(warnings)))


def _redlines(source: Source, settings: Settings, documents: list[CaseDocument]) -> dict[str, bytes]:
    """<document>-redline.docx beside each document that changed since the case file as git
    revision `redline_against` holds it, for each document both have. The earlier case is
    drafted with today's toolkit and templates, so only the case's changes show."""
    import datetime as dt

    from caac_toolkit import history, redline
    from caac_toolkit.casefiles import case_documents
    from caac_toolkit.document import Revision
    from caac_toolkit.textfile import decode

    rev = settings.redline_against
    assert rev is not None
    earlier = history.committed(source.path, rev)
    if earlier is None:
        return {}
    day = epoch_date() or source.case.date  # never the clock: an undated case, undated changes
    revision = Revision("caac", dt.datetime.combine(day, dt.time(), dt.UTC) if day else None)
    name = f"{rev}:{source.path}"
    before = case_documents(decode(earlier, name), name, _drafter(settings.data, settings.templates))
    redlines = {}
    for document_name, item in zip(file_names(documents), documents, strict=True):
        if document_name in before:
            result = redline.compare(before[document_name], item.document)
            if result.changes:
                redlines[f"{source.slug}/{document_name}{REDLINE_SUFFIX}"] = render(
                    dataclasses.replace(result.document, revision=revision), FORMATS["docx"],
                    reference_docx=settings.reference_docx)
    return redlines


def _manifest(
    built: list[Built], settings: Settings, drafter: Drafter, hashes: dict[str, str], out: Path
) -> dict[str, Any]:
    """What was built from what: no times, and paths relative to the output folder, so that the
    same inputs give the same bytes from any working folder."""
    toolkits = {"bundled": sha256(textfile.read_bytes(toolkit_file()))}
    if settings.data is not None:
        toolkits[_shown(settings.data, out)] = sha256(textfile.read_bytes(settings.data))
    record: dict[str, Any] = {
        "caac": __version__,
        "formats": [fmt.name for fmt in settings.formats],
        "toolkit": {"symbol": drafter.toolkit.document.symbol, "sha256": toolkits},
        "inputs": {_shown(b.source.path, out): b.source.sha256 for b in built},
        "outputs": dict(hashes),
        "clock": {_shown(b.source.path, out): _clock(b.source.case) for b in built},
    }
    if settings.reference_docx is not None:
        record["reference_docx"] = sha256(settings.reference_docx)
    # What lays the documents out, so that --check names it when only it changed.
    record["libraries"] = _library_versions(settings.formats)
    if any(fmt.fonts for fmt in settings.formats):
        from caac_toolkit import fonts

        record["fonts"] = fonts.versions([b.source.case.language for b in built],
                                         drafter.templates.languages)
    if settings.templates is not None:
        record["templates"] = {
            source.name: sha256(textfile.read_bytes(source.path))
            for source in _user_templates(drafter)
        }
    return record


def _clock(case: Case) -> dict[str, Any] | None:
    """The case's row of `caac status`, counted to the build's date: SOURCE_DATE_EPOCH when
    set, else the case's; None for a case with neither (a build never reads the clock)."""
    from caac_toolkit import clock

    as_of = epoch_date() or case.date
    return clock.row(case, as_of).record() if as_of else None


def _user_templates(drafter: Drafter) -> list[TemplateSource]:
    """The user's templates, each checked as templates are when read: a link out of the folder
    (to /etc/shadow, say) is refused, not hashed into the manifest."""
    sources = [s for s in drafter.templates.sources() if s.origin == "user"]
    for source in sources:
        drafter.templates.find(source.name)
    return sources


def _json(record: dict[str, Any]) -> bytes:
    return (json.dumps(record, indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode()


def _shown(path: Path, out: Path) -> str:
    """A path as the manifest records it: relative to the output folder, the manifest's own, so
    that a build or a check from any working folder records the same."""
    try:
        shown = Path(os.path.relpath(path.resolve(), out.resolve())).as_posix()
    except ValueError:  # on another drive
        shown = path.resolve().as_posix()
    # A name that is not UTF-8 (bad\xff.yaml) is recorded with its odd byte escaped.
    return os.fsencode(shown).decode("utf-8", "backslashreplace")


# Comparing with the folder and writing --------------------------------------------------------

def _previous_manifest(out: Path, force: bool) -> tuple[Hashes, dict[str, Any]]:
    """The hashes of the outputs as the last build wrote them (of a build that stopped midway,
    also those they had before it), and the whole manifest."""
    path = out / MANIFEST
    try:
        if path.stat().st_size > MAX_MANIFEST:
            raise ValueError("larger than any manifest")
        record = json.loads(textfile.read_bytes(path, MAX_MANIFEST))
        entries = [entry for table in (record["outputs"], record.get("pending", {}))
                   for entry in table.items()]
        if all(isinstance(digest, str) and _OUTPUT_NAME.fullmatch(name)
               for name, digest in entries):
            hashes: Hashes = {}
            for name, digest in entries:
                hashes.setdefault(name, set()).add(digest)
            return hashes, record
    except (MissingFile, FileNotFoundError):
        return {}, {}
    except (ValueError, KeyError, TypeError, AttributeError, RecursionError):
        pass
    if force:
        return {}, {}
    raise InvalidInput(f"{path} is not a caac manifest", place=Place(str(path)),
                       hint="remove it, or use --force")


def _compare(
    out: Path, wanted_hashes: dict[str, str], previous: Hashes, inputs: Inputs,
    seen: stamps.Record,
) -> tuple[list[Change], list[Problem]]:
    """What would change in `out` to hold outputs of `wanted_hashes`, and the files that were
    edited by hand (or are not ours). A file is hashed only if it changed since it was `seen`."""
    changes: list[Change] = []
    edited: list[Problem] = []
    inside = _Inside(out)
    for relative in sorted(set(wanted_hashes) | set(previous)):
        path = inside(relative)
        current = seen.digest(relative, path) or _digest(path)
        wanted = wanted_hashes.get(relative)
        if current == wanted or (current is None and wanted is None):
            continue
        inputs.refuse(path, "build", hint="build into another folder")
        ours = current is None or relative == MANIFEST or current in previous.get(relative, ())
        changes.append(Change(relative, "remove" if wanted is None else
                              "create" if current is None else "update", current, ours))
        if not ours:
            reason = ("edited since it was built" if relative in previous
                      else "not built by caac")
            edited.append(Problem(f"{reason}, so left as it is", Place(str(path)),
                                  "rename it to keep it, or use --force to rebuild it "
                                  f"and keep it in {ORPHANS}"))
    return changes, edited


def _others(
    out: Path, previous: Hashes, wanted: dict[str, str], redlines_of: set[str] | None = None
) -> dict[str, str]:
    """The outputs of the last build that this one does not make, as they are, to keep; with
    `redlines_of` (case folders, "sudan/"), only the redlines of those cases."""
    kept = {}
    inside = _Inside(out)
    for relative, digests in previous.items():
        if redlines_of is not None and not (relative.endswith(REDLINE_SUFFIX)
                                            and relative[:relative.find("/") + 1] in redlines_of):
            continue
        if relative not in wanted:
            current = _digest(inside(relative))
            if current in digests:
                kept[relative] = current
    return kept


def _reasons(
    change: Change, record: dict[str, Any], before: dict[str, Any], out: Path
) -> tuple[str, ...]:
    """Why `change`, from this build's manifest and the last one's (whose paths are relative to
    `out`)."""
    def table(manifest: dict[str, Any], key: str) -> dict[str, Any]:
        value = manifest.get(key)
        return value if isinstance(value, dict) else {}

    if change.path == MANIFEST:
        return ("it records what this build made",)
    if not change.ours:
        return ("edited by hand since it was built",) if change.path in table(before, "outputs") \
            else ("not built by caac",)
    case, extension = change.path.split("/", 1)[0], change.path.rsplit(".", 1)[-1]
    fmt = next((f.name for f in FORMATS.values() if f.extension == f".{extension}"), extension)

    def cases(manifest: dict[str, Any]) -> dict[str, str]:
        return {slug(Path(name).stem) or "case": name for name in table(manifest, "inputs")}

    def shown(name: str) -> str:
        """An input as people name it: relative to the working folder when inside it."""
        path = Path(os.path.normpath(out.absolute() / name))
        with contextlib.suppress(OSError, ValueError):  # a removed working folder; outside it
            return str(path.relative_to(Path.cwd()))
        return str(path)

    if change.action == "create":
        if change.path in table(before, "outputs"):
            return ("deleted from the folder since it was built",)
        if before and fmt not in before.get("formats", []):
            return (f"{fmt} was not among the last build's formats",)
        if before and case not in cases(before):
            return (f"{shown(cases(record).get(case, case))} is a new case",)
        return ("a document the last build did not make",)
    if change.action == "remove":
        if fmt not in record.get("formats", []):
            return (f"{fmt} is not among this build's formats (--keep-others keeps it)",)
        if case not in cases(record):
            return (f"{shown(cases(before).get(case, case))} is not among this build's cases "
                    "(--keep-others keeps it)",)
        return ("the case no longer gives this document",)
    found = []
    name = cases(record).get(case)
    if name and table(record, "inputs").get(name) != table(before, "inputs").get(name):
        found.append(f"{shown(name)} changed")
    if record.get("caac") != before.get("caac"):
        found.append(f"caac {before.get('caac')} -> {record.get('caac')}")
    for key, what in (("toolkit", "the toolkit"), ("templates", "the templates"),
                      ("reference_docx", "the reference document")):
        if key == "reference_docx" and not (fmt in FORMATS and FORMATS[fmt].reference):
            continue
        if record.get(key) != before.get(key):
            found.append(f"{what} changed")
    for key, what in (("libraries", "library"), ("fonts", "font")):
        if key == "fonts" and not (fmt in FORMATS and FORMATS[fmt].fonts):
            continue
        now, then = table(record, key), table(before, key)
        found += [f"{what} {name} {then.get(name)} -> {now.get(name)}"
                  for name in sorted(set(now) | set(then))
                  if then and now.get(name) != then.get(name)]
    return tuple(found) or (f"the same inputs give other bytes: a library's version differs "
                            f"({_libraries(fmt)})",)


def _library_versions(formats: Iterable[Format]) -> dict[str, str]:
    """The versions of the libraries that lay out `formats`, as their writers declare them."""
    from importlib.metadata import PackageNotFoundError, version

    found = {}
    for name in sorted({n for fmt in formats for n in fmt.libraries}):
        with contextlib.suppress(PackageNotFoundError):
            found[name] = version(name)
    return found


def _libraries(fmt: str) -> str:
    """The versions of the libraries that draft and lay out `fmt`, to compare with the last
    build's."""
    from importlib.metadata import PackageNotFoundError, version

    libraries = FORMATS[fmt].libraries if fmt in FORMATS else ()
    found = []
    for name in ["jinja2", "babel", *libraries]:
        try:
            found.append(f"{name} {version(name)}")
        except PackageNotFoundError:
            continue
    return ", ".join(found)


def _digest(path: Path) -> str | None:
    """The hash of the file at `path`, None if there is none. A file larger than any output is
    not one caac wrote, and is not read whole; a device or a pipe is refused."""
    try:
        if path.stat().st_size > MAX_OUTPUT:
            return "larger than any output"
        return sha256(textfile.read_bytes(path, MAX_OUTPUT))
    except (MissingFile, FileNotFoundError):
        return None


class _Inside:
    """out/relative, refusing a path that leads out of `out` through a symbolic link. Folders
    are resolved once each: a build has thousands of files in a few folders."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self.root = out.resolve()
        self.folders: dict[Path, Path] = {}

    def __call__(self, relative: str) -> Path:
        path = self.out / relative
        folder = self.folders.get(path.parent)
        if folder is None:
            folder = self.folders[path.parent] = path.parent.resolve()
        linked = path.is_symlink() or path.name == ".."
        resolved = path.resolve() if linked else folder / path.name
        if not resolved.is_relative_to(self.root) or resolved == self.root:
            raise InvalidInput(f"leads outside {self.out}", place=Place(str(path)),
                               hint="remove the symbolic link, or the manifest's entry")
        # A link inside the folder would have one case's documents written over another's.
        for link in (path.parent, path):
            if link != self.out and link.is_symlink():
                raise InvalidInput(f"a link to {os.readlink(link)}, and a build writes only "
                                   "into files and folders of its own", place=Place(str(link)),
                                   hint="remove the link")
        return path


def _write(
    out: Path, outputs: dict[str, bytes], changes: list[Change], pending: bytes
) -> list[str]:
    """The pending manifest, then hand edits moved aside, then what changed, then removals, then
    the manifest; what was moved, in words. Creating a file mostly waits on the file system, so
    files are written from a few threads."""
    from concurrent.futures import ThreadPoolExecutor

    if not changes:
        return []
    write_atomic(out / MANIFEST, pending, force=True)
    moved = [_move_aside(out, change.path) for change in changes if not change.ours]
    writes = [c.path for c in changes if c.action != "remove" and c.path != MANIFEST]
    # A stop waits until these files are written (the manifest written first names them all):
    # one landing inside the pool's locks would leave the program waiting for ever.
    with stops_held():
        pool = ThreadPoolExecutor(max_workers=os.cpu_count() or 2)
        try:
            list(pool.map(lambda relative: write_atomic(out / relative, outputs[relative],
                                                        force=True), writes))
        finally:
            pool.shutdown(cancel_futures=True)  # a write that fails stops the others
    for change in changes:
        if change.action == "remove" and change.ours:
            _remove(out / change.path)
    write_atomic(out / MANIFEST, outputs[MANIFEST], force=True)
    return moved


def _move_aside(out: Path, relative: str) -> str:
    """A file caac did not write with these bytes is never deleted nor overwritten: it goes to
    OUT/.caac-orphans/, under a name no other file there has."""
    folder = out / ORPHANS
    target = folder / relative
    for inside in (folder, target.parent):  # each made, then checked: not a link out of `out`
        inside.mkdir(exist_ok=True)
        if inside.is_symlink() or not inside.is_dir():
            raise InvalidInput("not a folder of this build", place=Place(str(inside)),
                               hint="remove it, or rename it")
    number = 1
    while os.path.lexists(target):
        number += 1
        target = target.with_name(f"{Path(relative).stem}.{number}{Path(relative).suffix}")
    os.rename(out / relative, target)
    return f"{out / relative}: edited by hand; --force moved it to {target}"


def _remove(path: Path) -> None:
    try:
        path.unlink(missing_ok=True)
        if not any(path.parent.iterdir()):
            path.parent.rmdir()
    except OSError as exc:
        raise CaacError(f"cannot remove {path}: {exc.strerror}", place=Place(str(path))) from None

