"""The HTML writer, read back with the standard library's parser: what a reader would see."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from samples import letter

from caac_toolkit.document import Bullet, Document, Part
from caac_toolkit.writers import render as render_any
from caac_toolkit.writers.html import render

HOSTILE = "<script>alert(1)</script>&\"'"
VOID = {"meta", "br", "hr", "img", "link", "input", "base", "col", "embed", "source", "wbr"}


@dataclasses.dataclass
class Node:
    tag: str
    attrs: dict[str, str]
    children: list[Node | str] = dataclasses.field(default_factory=list)

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    @property
    def text(self) -> str:
        parts = [c if isinstance(c, str) else c.text for c in self.children]
        return " ".join("".join(parts).split())

    def all(self, tag: str, css: str | None = None) -> list[Node]:
        found = []
        for child in self.children:
            if isinstance(child, Node):
                if child.tag == tag and (css is None or css in child.classes):
                    found.append(child)
                found += child.all(tag, css)
        return found

    def one(self, tag: str, css: str | None = None) -> Node:
        (found,) = self.all(tag, css)
        return found

    def elements(self) -> list[Node]:
        return [c for c in self.children if isinstance(c, Node)]

    def walk(self) -> list[Node]:
        return [self, *(node for child in self.elements() for node in child.walk())]


class TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {})
        self.stack = [self.root]
        self.doctype: str | None = None

    def handle_decl(self, decl: str) -> None:
        self.doctype = decl

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {name: value or "" for name, value in attrs})
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack[-1].tag == tag, f"</{tag}> closes <{self.stack[-1].tag}>"
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def parse(data: bytes) -> TreeBuilder:
    builder = TreeBuilder()
    builder.feed(data.decode("utf-8"))
    builder.close()
    assert builder.stack == [builder.root], "unclosed elements"
    return builder


@pytest.fixture(scope="module")
def en() -> Node:
    return parse(render(letter("en"))).root


def test_document_shell(en: Node) -> None:
    data = render(letter("en"))
    assert data.startswith(b"<!DOCTYPE html>\n")
    assert parse(data).doctype == "DOCTYPE html"
    html = en.one("html")
    assert html.attrs["lang"] == "en"
    assert [child.tag for child in html.elements()] == ["head", "body"]
    assert [child.tag for child in html.one("body").elements()] == ["header", "main", "footer"]
    head = html.one("head")
    assert head.elements()[0].attrs == {"charset": "utf-8"}
    assert en.one("title").text == letter("en").title
    csp = [m for m in head.all("meta") if m.attrs.get("http-equiv") == "Content-Security-Policy"]
    assert csp[0].attrs["content"] == "default-src 'none'; style-src 'unsafe-inline'"


def test_print_css(en: Node) -> None:
    css = en.one("style").text
    assert "size: A4" in css
    assert 'font-family: "Times New Roman", "Liberation Serif", serif' in css
    assert "12pt" in css
    assert "break-before: page" in css
    assert 'content: "S/AC.51/2007/17"' in css  # symbol at the top of continuation pages
    assert "counter(page)" in css
    assert "@page :first" in css


def test_masthead(en: Node) -> None:
    header = en.one("header")
    left = [p.text for p in header.one("div", "left").all("p")]
    right = header.one("div", "right").all("p")
    assert left == ["United Nations", "Security Council"]
    assert right[0].text == "S/AC.51/2007/17" and "symbol" in right[0].classes
    assert [p.text for p in right[1:]] == ["Distr.: General", "24 July 2007", "Original: English"]
    assert header.one("p", "organ").text == "Working Group on Children and Armed Conflict"


def test_parts_and_blocks(en: Node) -> None:
    sections = en.one("main").all("section")
    assert len(sections) == 2
    assert sections[0].one("h1").text == letter("en").title
    assert sections[1].one("h2", "title").text == "Annex to the letter dated 24 July 2007"
    assert "new-page" in sections[1].classes and "new-page" not in sections[0].classes
    assert sections[0].one("h2").text == "I. Recommendations"

    numbered = sections[0].all("p", "numbered")
    assert [p.one("span", "num").text for p in numbered] == ["1.", "2."]
    assert numbered[0].text.startswith("1. In accordance with paragraph 9 of resolution 1612")
    assert numbered[1].text == "2. The Working Group will follow up."

    points = sections[0].all("p", "point")
    assert [p.one("span", "label").text for p in points] == ["(a)", "(b)"]
    assert all("nested" in p.classes for p in points)
    assert points[1].text == "(b) Calling upon all parties to release children."
    annex_point = sections[1].one("p", "point")
    assert "nested" not in annex_point.classes and annex_point.text == "(a) An annexed point"

    assert [li.text for li in sections[0].one("ul").all("li")] == ["A bullet that stays a bullet"]
    assert [p.text for p in sections[0].one("div", "signature").all("p")] == [
        "(Signed) Jean-Marc de La Sablière",
        "Chair of the Security Council Working Group on Children and Armed Conflict",
    ]
    assert en.one("footer").text == "07-43210 (E) 240707"


def test_document_order(en: Node) -> None:
    text = en.one("main").text
    order = ["Sir,", "I have the honour", "I. Recommendations", "1. In accordance", "(a) Strongly",
             "(b) Calling", "2. The Working Group", "A bullet", "Accept, Sir", "(Signed)", "Annex"]
    positions = [text.index(item) for item in order]
    assert positions == sorted(positions)


def test_consecutive_bullets_share_a_list() -> None:
    document = Document(
        kind="letter", lang="en", title="t",
        parts=(Part("t", (Bullet("one"), Bullet("two"), Bullet("three"))),),
    )
    root = parse(render(document)).root
    assert [li.text for li in root.one("ul").all("li")] == ["one", "two", "three"]


def test_french() -> None:
    data = render(letter("fr"))
    root = parse(data).root
    assert root.one("html").attrs["lang"] == "fr"
    left = [p.text for p in root.one("div", "left").all("p")]
    assert left == ["Nations Unies", "Conseil de sécurité"]
    assert "Conseil de sécurité".encode() in data  # UTF-8, not character references
    assert root.one("div", "right").all("p")[-1].text == "Original : français"
    assert root.one("div", "signature").all("p")[0].text == "(Signé) Jean-Marc de La Sablière"
    assert root.one("footer").text == "07-43210 (F) 240707"
    for english in (b"United Nations", b"Signed", b"Distr.:"):
        assert english not in data


def test_hostile_values_are_escaped() -> None:
    document = dataclasses.replace(
        letter("en", HOSTILE),
        title=HOSTILE, lang='en" onload="x', author=HOSTILE, subject=HOSTILE,
        symbol='S/1"; } </style><script>x</script> \\', job_line=HOSTILE,
    )
    data = render(document)
    text = data.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;&amp;&quot;&#x27;" in text
    assert "<script" not in text.lower()
    assert text.lower().count("</style") == 1
    root = parse(data).root
    assert root.one("html").attrs["lang"] == 'en" onload="x'
    assert root.one("title").text == HOSTILE
    author = [m.attrs["content"] for m in root.all("meta") if m.attrs.get("name") == "author"]
    assert author == [HOSTILE]
    assert root.one("footer").text == HOSTILE
    assert HOSTILE in root.one("main").all("p")[1].text


def test_nothing_external_loads() -> None:
    data = render(letter("en", HOSTILE))
    text = data.decode().lower()
    for marker in ("<script", "<link", "<img", "<iframe", "<object", "url(", "@import",
                   "http:", "https:", "//"):
        assert marker not in text
    nodes = parse(data).root.walk()
    assert not {"a", "img", "link", "script", "iframe", "object", "embed", "source"} & {
        node.tag for node in nodes
    }
    attributes = {name: value for node in nodes for name, value in node.attrs.items()}
    assert not {"src", "href", "action", "srcset", "poster", "data"} & attributes.keys()
    assert not [value for value in attributes.values() if "http" in value.lower()]


def test_without_masthead() -> None:
    document = dataclasses.replace(letter("en"), masthead=None, symbol=None, job_line=None)
    data = render(document)
    body = parse(data).root.one("body")
    assert [child.tag for child in body.elements()] == ["main"]
    assert b"@top-left" not in data
    with_symbol = dataclasses.replace(document, symbol="S/2024/1")
    assert b'content: "S/2024/1"' in render(with_symbol)


def test_deterministic(tmp_path: Path) -> None:
    first = render(letter("fr"))
    assert render(letter("fr")) == first
    assert render_any(letter("fr"), "html") == first
    tests = Path(__file__).parent
    program = (
        "import sys; sys.path.insert(0, sys.argv[1]);"
        "from samples import letter; from caac_toolkit.writers.html import render;"
        "sys.stdout.buffer.write(render(letter('fr')))"
    )
    other = subprocess.run(
        [sys.executable, "-c", program, str(tests)], capture_output=True, check=True
    ).stdout
    assert other == first
