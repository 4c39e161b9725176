"""The Jinja2 environment: sandboxed, strict, user templates first, values printed as data.

Templates write the body markup of `caac_toolkit.body`. Every value a template prints goes through
`finalize`, which makes it one line and escapes Markdown, so a situation called "# 1. *x*" stays
text, and nothing a user gives is ever evaluated as template code.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import sys
import traceback
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from caac_toolkit import languages, textfile
from caac_toolkit.errors import CaacError, InvalidInput, Place, UsageError
from caac_toolkit.rendering import Phrases, Renderer, out_of_memory
from caac_toolkit.resources import templates_dir

if TYPE_CHECKING:
    from caac_toolkit.labels import Labels

# Each mark that could start Markdown markup, escaped by a backslash.
_MARKDOWN_ESCAPES = str.maketrans({mark: "\\" + mark for mark in "\\`*_[]<>#|~!&{}=+-.)("})
# Every run of blanks, matched once from its start: `[ \t]*\n` would try again from each blank of
# a long run, which is quadratic.
_BLANKS = re.compile(r"[ \t\n]+")


def one_line(text: str) -> str:
    """A value as one line: in the markup, a blank line inside it would end its paragraph. A run
    of blanks holding a line break becomes one space."""
    if "\n" not in text:
        return text
    return _BLANKS.sub(lambda run: " " if "\n" in run.group() else run.group(), text)


def escape_markdown(value: Any) -> str:
    if value is None:
        return ""
    return one_line(str(value)).translate(_MARKDOWN_ESCAPES)


def _join(items: list[Any], conjunction: str) -> str:
    words = [str(i) for i in items]
    if len(words) < 2:
        return "".join(words)
    return ", ".join(words[:-1]) + f" {conjunction} " + words[-1]


def _repeat(left: Any, right: Any) -> Any:
    """`*`, but no repeating text or a list past the length of a value."""
    from jinja2.exceptions import SecurityError

    sequence, times = (left, right) if isinstance(right, int) else (right, left)
    if isinstance(sequence, str | list | tuple) and isinstance(times, int) and (
        len(sequence) * times > textfile.MAX_TEXT
    ):
        raise SecurityError(f"'*' would repeat it past {textfile.MAX_TEXT:,} items")
    return left * right


_MAX_BLOCK = 4 * textfile.MAX_DOCUMENT


def _printed(value: Any) -> str:
    """A value a template prints, as Markdown text; one longer than a document stops the template
    at once, before any time goes into escaping it."""
    if isinstance(value, str) and len(value) > _MAX_BLOCK:
        raise ValueError(f"it prints a value of {len(value):,} characters, more than a "
                         f"document may hold ({textfile.MAX_DOCUMENT:,})")
    return escape_markdown(value)


def _power(left: Any, right: Any) -> Any:
    from jinja2.exceptions import SecurityError

    raise SecurityError("'**' is not allowed: a power can take hours to compute")


def default_date() -> dt.date:
    """SOURCE_DATE_EPOCH when set, for reproducible builds; else today."""
    return epoch_date() or dt.date.today()


def epoch_date() -> dt.date | None:
    """The date SOURCE_DATE_EPOCH gives, None when it is not set."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch is None:
        return None
    try:
        # Digits only: int() would also take " 1", "+1" and "1_000", and a build that meant to be
        # reproducible must not quietly take today's date from an empty value.
        if not epoch.isascii() or not epoch.isdigit():
            raise ValueError(epoch)
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date()
    except (ValueError, OverflowError, OSError):
        raise UsageError(
            f"SOURCE_DATE_EPOCH is not a number of seconds: {epoch!r}",
            hint="unset it or give an integer",
        ) from None


@dataclass(frozen=True)
class Source:
    """Where a template comes from: the user's folder or the bundled one."""

    name: str
    path: Path
    origin: str  # "user" or "bundled"


# Names a bundled template even where the user's folder has one of the same name.
BUNDLED = "<bundled>/"


class Templates:
    """Loads templates and labels: the user's folder first, then the bundled templates."""

    def __init__(self, user_dir: Path | None = None) -> None:
        if user_dir is not None and not user_dir.is_dir():
            raise UsageError(f"templates folder not found: {user_dir}", hint="check --templates")
        self.dirs = [d for d in (user_dir, templates_dir()) if d is not None]
        self.languages = languages.load(user_dir)
        self._labels: dict[str, Labels] = {}
        self._found: dict[str, Path | None] = {}
        self._books: dict[tuple[tuple[str, ...], str], str] = {}
        self._renderer = Renderer(self._render_here, self._path, isolated=user_dir is not None)

    @cached_property
    def environment(self) -> Any:
        from jinja2 import StrictUndefined
        from jinja2.sandbox import ImmutableSandboxedEnvironment

        environment = ImmutableSandboxedEnvironment(
            loader=_parsed_once()(self),
            undefined=StrictUndefined,
            keep_trailing_newline=True,
            trim_blocks=True,
            lstrip_blocks=True,
            autoescape=False,  # templates write Markdown: `finalize` escapes for it
            finalize=_printed,
            # Folding constants computes `'x'|center(10**8)` while compiling, into the compiled
            # code, where nothing checks the size of what a template prints.
            optimized=False,
        )
        table = self.languages
        # 'à' + 'le Président' -> 'au Président', as the table of languages contracts them.
        environment.filters["prep"] = lambda phrase, preposition, lang: table.get(lang).join(
            preposition, phrase)
        environment.filters["join_and"] = _join
        environment.filters["capitalize_first"] = lambda text: text[:1].upper() + text[1:]
        # The sandbox stops a template reaching outside; these stop one from computing for hours.
        environment.intercepted_binops = frozenset(("*", "**"))
        environment.binop_table = {**environment.binop_table, "*": _repeat, "**": _power}
        return environment

    def find(self, name: str) -> Path | None:
        """The file of a template or labels name (en/letter.md.j2): the user's, else the bundled
        one. A file that is a link out of its folder is refused: through it, a template from a
        pull request could print any file the program can read."""
        if name not in self._found:  # a run's templates do not change under it
            self._found[name] = self._find(name)
        return self._found[name]

    def _find(self, name: str) -> Path | None:
        from jinja2.loaders import split_template_path  # refuses '..'

        dirs = self.dirs
        if name.startswith(BUNDLED):
            name, dirs = name.removeprefix(BUNDLED), self.dirs[-1:]
        pieces = split_template_path(name)
        for directory in dirs:
            path = directory.joinpath(*pieces)
            if path.exists() and not path.is_file():  # a pipe would be passed over, unsaid
                raise InvalidInput("this is not a regular file", place=Place(str(path)),
                                   hint="give a template file, or remove it")
            if path.is_file():
                if not path.resolve().is_relative_to(directory.resolve()):
                    raise InvalidInput(f"leads outside {directory}", place=Place(str(path)),
                                       hint="copy the file there instead of linking to it")
                # A hard link has no "outside" to see: it may be /etc/passwd under another name.
                # (Only the user's: installers link the bundled files into their caches.)
                if directory != self.dirs[-1] and path.stat().st_nlink > 1:
                    raise InvalidInput("a hard link, which may be any file of the system",
                                       place=Place(str(path)), hint="copy the file instead")
                return path
        return None

    def sources(self) -> list[Source]:
        """Every template file and label file, and the one that wins for each name."""
        found: dict[str, Source] = {}
        for directory, origin in zip(self.dirs, ("user", "bundled")[-len(self.dirs):], strict=True):
            for path in sorted(directory.rglob("*")):
                if path.is_file() and path.suffix in (".j2", ".yaml"):
                    name = path.relative_to(directory).as_posix()
                    found.setdefault(name, Source(name, path, origin))
        return sorted(found.values(), key=lambda s: s.name)

    def labels(self, lang: str) -> Labels:
        """templates/<lang>/labels.yaml: the words drafting needs; a user's file is laid over
        the bundled one."""
        if lang not in self._labels:
            from caac_toolkit import labels

            self.languages.get(lang)  # an unknown code is a usage error naming the known ones

            name = f"{lang}/labels.yaml"
            bundled = templates_dir() / lang / "labels.yaml"
            user = self.find(name) if len(self.dirs) > 1 else None
            if not bundled.is_file():
                if user is None:
                    raise UsageError(f"no labels for language '{lang}'",
                                     hint=f"add {lang}/labels.yaml to the templates folder")
                bundled, user = user, None
            self._labels[lang] = labels.load(bundled, None if user == bundled else user)
        return self._labels[lang]

    def render_phrases(self, phrasebooks: tuple[str, ...],
                       phrases: Sequence[tuple[str, Mapping[str, Any]]],
                       known: Iterable[str]) -> list[str]:
        """Each phrase (its id, its values) rendered from the first of `phrasebooks` that has
        its block, all of a document's in one exchange with the process that bounds a user's
        templates in time and memory (`caac_toolkit.rendering`); template errors name file and
        line. `known`: every phrase id of the document's kind; a user's block that is none of
        them is an error, not ignored."""
        # A user's phrasebook overrides the phrases it defines; the bundled one words the rest.
        return self._renderer(Phrases(self._names(phrasebooks), tuple((b, dict(v)) for b, v in phrases),
                                      frozenset(known)))

    def reads(self, phrasebooks: tuple[str, ...], phrases: Iterable[str]) -> set[str]:
        """The names the blocks of `phrases` read, in the files that word them (a user's first):
        which forms of the situation a document needs. The files are parsed, never run."""
        return set(self._reads(self._names(phrasebooks), frozenset(phrases)))

    @cache  # noqa: B019  (one Templates per run; its files do not change under it)
    def _reads(self, names: tuple[str, ...], phrases: frozenset[str]) -> frozenset[str]:
        return frozenset().union(*(self._block_reads(names, phrase) for phrase in phrases))

    @cache  # noqa: B019  (one Templates per run; its files do not change under it)
    def _block_reads(self, names: tuple[str, ...], phrase: str) -> frozenset[str]:
        """The names one phrase's block reads, in the first of `names` that has it."""
        from jinja2 import nodes

        for name in names:
            path = self.find(name)
            if path is None:
                continue
            for block in self._tree(path).find_all(nodes.Block):
                if block.name == phrase:
                    return frozenset(n.name for n in block.find_all(nodes.Name))
        return frozenset()

    @cache  # noqa: B019  (as above)
    def _tree(self, path: Path) -> Any:
        """A template file parsed, once: it is compiled from this tree (`_parsed_once`) and
        `reads` looks into it."""
        return self.environment.parse(textfile.read_text(path), filename=str(path))

    def _names(self, phrasebooks: tuple[str, ...]) -> tuple[str, ...]:
        """The phrasebooks' names, each a user's before the bundled one of the same name."""
        return tuple(n for name in phrasebooks
                     for n in ((name, BUNDLED + name) if len(self.dirs) > 1 else (name,)))

    def _render_here(self, request: Phrases) -> list[str]:
        self._check_phrases(request)
        return [self._render_block(self._phrasebook(request.phrasebooks, block), block, values)
                for block, values in request.phrases]

    def _check_phrases(self, request: Phrases) -> None:
        """A user's phrasebook defines only phrases its kind has: a block named otherwise (an
        old template's `body`, a typo) would silently never print."""
        from jinja2 import TemplateNotFound

        for name in request.phrasebooks:
            path = self.find(name)
            if name.startswith(BUNDLED) or path is None or path.is_relative_to(self.dirs[-1]):
                continue
            try:
                blocks = self._template(name).blocks
            except TemplateNotFound:
                continue
            for block in blocks:
                if block not in request.known:
                    raise InvalidInput(
                        f"block '{block}' is no phrase of this document", place=Place(str(path)),
                        hint="its phrases: " + ", ".join(sorted(request.known)))

    def _phrasebook(self, names: tuple[str, ...], block: str) -> str:
        """The first template of `names` that defines `block`."""
        if (names, block) not in self._books:  # a run's templates do not change under it
            self._books[names, block] = self._find_phrasebook(names, block)
        return self._books[names, block]

    def _find_phrasebook(self, names: tuple[str, ...], block: str) -> str:
        from jinja2 import TemplateNotFound

        found = []
        for name in names:
            try:
                if block in self._template(name).blocks:
                    return name
                found.append(name)
            except TemplateNotFound as exc:
                if exc.name != name:
                    raise
        if not found:
            raise UsageError(f"template not found: {names[0]}", hint="see 'caac templates'")
        shown = list(dict.fromkeys(self._path(name) for name in found))
        raise InvalidInput(
            f"no phrase '{block}'" + (f" here or in {', '.join(shown[1:])}" if shown[1:] else ""),
            place=Place(shown[0]), hint=f"define {{% block {block} %}} in it")

    def _template(self, name: str) -> Any:
        from jinja2 import TemplateSyntaxError

        try:
            return self.environment.get_template(name)
        except TemplateSyntaxError as exc:
            raise InvalidInput(
                f"template error: {exc.message}",
                place=Place(exc.filename or self._path(name), exc.lineno),
            ) from None

    def _render_block(self, name: str, block: str, context: Mapping[str, Any]) -> str:
        from jinja2 import TemplateNotFound, TemplateSyntaxError
        from jinja2.exceptions import SecurityError

        try:
            template = self._template(name)
            try:
                return self._bounded(name, block, template.blocks[block](
                    template.new_context(dict(context))))
            except Exception:
                # Rendering a block directly skips Jinja2's traceback rewriting; this redoes it,
                # so that the error's frames point at template lines.
                self.environment.handle_exception()
                raise
        except CaacError:
            raise
        except TemplateNotFound as exc:
            if exc.name == name:
                raise UsageError(f"template not found: {name}", hint="see 'caac templates'") from None
            raise InvalidInput(f"template not found: {exc.name}", hint="see 'caac templates'",
                               place=self._place_in_traceback(name)) from None
        except TemplateSyntaxError as exc:
            raise InvalidInput(
                f"template error: {exc.message}",
                place=Place(exc.filename or self._path(name), exc.lineno),
            ) from None
        except SecurityError as exc:
            raise InvalidInput(
                f"template refused by the sandbox: {exc}", place=self._place_in_traceback(name),
                hint="templates may only read the values they are given",
            ) from None
        except MemoryError:
            raise out_of_memory(self._place_in_traceback(name)) from None
        except Exception as exc:  # a template is a program: what it raises is its own error
            raise InvalidInput(
                f"template error: {str(exc) or type(exc).__name__}",
                place=self._place_in_traceback(name),
            ) from None

    def _bounded(self, name: str, block: str, pieces: Iterable[str]) -> str:
        """The text a block writes, stopped far past the size of a document: a loop may write
        for ever. (Short of that, the writers say the document is too long.)"""
        written: list[str] = []
        size = 0
        for piece in pieces:
            size += len(piece)
            if size > _MAX_BLOCK:
                raise InvalidInput(
                    f"the block '{block}' writes more than {_MAX_BLOCK:,} characters",
                    place=Place(self._path(name)),
                    hint="look for a loop that repeats text, or long values repeated")
            written.append(piece)
        return "".join(written)

    def _path(self, name: str) -> str:
        return str(self.find(name) or name)

    def _place_in_traceback(self, name: str) -> Place:
        """The template line that failed: Jinja2 rewrites tracebacks to point into templates."""
        for frame in reversed(traceback.extract_tb(sys.exc_info()[2])):
            if frame.filename.endswith(".j2"):
                return Place(frame.filename, frame.lineno)
        return Place(self._path(name))


def _parsed_once() -> type:
    """The loader's class, made where jinja2 is imported (not at start-up)."""
    from jinja2 import BaseLoader, TemplateNotFound

    class ParsedOnce(BaseLoader):
        """Compiles each template file from the tree `Templates.reads` also looks into, so that
        a file is parsed once; no up-to-date check: a run is short, and its templates do not
        change under it."""

        def __init__(self, templates: Templates) -> None:
            self.templates = templates

        def load(self, environment: Any, name: str, globals: Any = None) -> Any:  # noqa: A002
            path = self.templates.find(name)
            if path is None:
                raise TemplateNotFound(name)
            code = environment.compile(self.templates._tree(path), name, str(path))
            return environment.template_class.from_code(environment, code, globals or {}, None)

    return ParsedOnce

