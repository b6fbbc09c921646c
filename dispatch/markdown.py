"""Issue bodies: Markdown written by staff, turned into safe HTML and plain text."""

from html.parser import HTMLParser

import markdown as markdown_lib
import nh3

ALLOWED_TAGS = {"p", "br", "h2", "h3", "h4", "strong", "em", "ul", "ol", "li", "a", "blockquote", "hr"}
ALLOWED_ATTRIBUTES = {"a": {"href"}}
URL_SCHEMES = {"http", "https", "mailto", "tel"}


def render_html(source: str) -> str:
    """Markdown to HTML, then cleaned: raw HTML, scripts, styles, images and
    javascript: links in the source never reach an email."""
    html = markdown_lib.markdown(source, extensions=["sane_lists"], output_format="html")
    # Headings in an issue sit under the email's own heading.
    for level in (3, 2, 1):
        html = html.replace(f"<h{level}>", f"<h{level + 1}>").replace(f"</h{level}>", f"</h{level + 1}>")
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
    )


class _TextWriter(HTMLParser):
    BLOCKS = {"p", "h2", "h3", "h4", "h5", "ul", "ol", "blockquote", "hr"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.lists: list[list] = []  # [kind, counter]
        self.href = ""
        self.link_text: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in self.BLOCKS:
            self.parts.append("\n\n")
        if tag == "hr":
            self.parts.append("----")
        elif tag in {"ul", "ol"}:
            self.lists.append([tag, 0])
        elif tag == "li" and self.lists:
            current = self.lists[-1]
            current[1] += 1
            bullet = f"{current[1]}." if current[0] == "ol" else "-"
            self.parts.append("\n" + "  " * (len(self.lists) - 1) + bullet + " ")
        elif tag == "br":
            self.parts.append("\n")
        elif tag == "a":
            self.href = dict(attrs).get("href", "")
            self.link_text = []

    def handle_endtag(self, tag):
        if tag in {"ul", "ol"} and self.lists:
            self.lists.pop()
        elif tag == "a":
            text = "".join(self.link_text).strip()
            if self.href and self.href not in text:
                self.parts.append(f" ({self.href.removeprefix('mailto:')})")
            self.href = ""

    def handle_data(self, data):
        if self.lists or not self.parts or not self.parts[-1].endswith("\n"):
            data = " ".join(data.split("\n"))
        self.parts.append(data)
        if self.href:
            self.link_text.append(data)


def render_text(html: str) -> str:
    """The plain-text part of an email, from the cleaned HTML."""
    writer = _TextWriter()
    writer.feed(html)
    writer.close()
    lines = [line.rstrip() for line in "".join(writer.parts).split("\n")]
    text = "\n".join(lines).strip()
    while "\n\n\n" in text:
        text = text.replace("\n\n\n", "\n\n")
    return text
