"""How text that a user or the dataset wrote reaches a page: as escaped data, never as template source.

Names, sectors, waves, quotes and source titles are anyone's text once
uploads exist. On a page they can do harm three ways, and this module is the
one place that stops each:

- as HTML: every value is escaped (``text``), every link checked (``safe_url``)
  before it joins the markup built here (popups, legend, titles, source lists);
- in a script: markup and data travel as JSON (``script_json``) with <, >, &
  and ' escaped, so "</script>", "<!--" or "{{'name'}}" stay inside a string;
- as a Jinja template: branca's MacroElement.render hands each rendered macro
  to ``Element(...)``, which compiles it as a template again, so "{{ 7*7 }}"
  in a wave name would run (and "{#" would crash the render). ``DataElement``
  places its rendered parts on the page as they are (``RawScript``); every
  element of this package derives from it, so a template's source is only
  ever the fixed text written in this package.
"""

from __future__ import annotations

import json
import math
import re
from html import escape
from typing import Any

import pandas as pd
from branca.element import CssLink, Element, Figure, JavascriptLink
from folium.elements import JSCSSMixin


def text(value: Any) -> str:
    """HTML-escaped text, or empty for a missing value."""
    missing = value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))
    return "" if missing else escape(str(value))


def web_link(url: Any) -> str:
    """The URL if it is an http(s) link, else "": no javascript: or data: URL from the data becomes a link."""
    return url if isinstance(url, str) and url.lower().startswith(("https://", "http://")) else ""


def safe_url(url: Any) -> str | None:
    """An http(s) link escaped for HTML, or None."""
    link = web_link(url)
    return text(link) if link else None


def markdown_text(value: Any) -> str:
    """Text for Streamlit's markdown, shown literally: markdown's special characters escaped."""
    return re.sub(r"([\\`*_{}\[\]()#+\-.!|<>~$])", r"\\\1", str(value))


def script_json(value: Any) -> str:
    """JSON that stays data inside a <script> element, whatever the text in it.

    <, > and & as \\u escapes keep "</script>" and "<!--" (which would put the
    HTML parser in an escaped state) out of the script's text; ' as \\u0027
    keeps streamlit-folium's rewrite of "{{'name'}}" from touching a string.
    """
    data = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    for char, code in (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e"), ("'", "\\u0027")):
        data = data.replace(char, code)
    return data


def css_string(value: Any) -> str:
    """Text as a quoted CSS string (for ``content:``): every character but letters, digits and spaces as a
    CSS escape, so no quote, backslash or ``</style>`` can end it."""
    return '"' + "".join(ch if ch.isalnum() or ch == " " else f"\\{ord(ch):x} " for ch in str(value)) + '"'


# --------------------------------------------------------------------------
# Elements that never recompile what they rendered.


class RawScript(Element):
    """Text placed in the page as it is, never parsed as a Jinja template."""

    def __init__(self, script: str) -> None:
        super().__init__()
        self.script = script

    def render(self, **kwargs: Any) -> str:
        return self.script


def page_of(element: Element) -> Figure:
    """The page (branca's Figure) an element is on: where its header, body and script parts go."""
    figure = element.get_root()
    assert isinstance(figure, Figure), "render this element inside a Figure"
    return figure


class DataElement(JSCSSMixin):
    """A MacroElement whose rendered header, html and script go to the page as they are.

    Its template is fixed source written in this package; data reaches it only
    as attributes already made safe (``script_json``). It is a JSCSSMixin so
    that streamlit-folium, which collects the JS and CSS links of those, loads
    its ``default_js`` and ``default_css``.
    """

    # branca types Element.render as returning the element's HTML; a MacroElement renders into its page
    # and returns nothing, as this one does.
    def render(self, **kwargs: Any) -> None:  # type: ignore[override]
        figure = page_of(self)
        for name, url in self.default_js:
            figure.header.add_child(JavascriptLink(url), name=name)
        for name, url in self.default_css:
            figure.header.add_child(CssLink(url), name=name)
        macros = self._template.module.__dict__
        for part, target in (("header", figure.header), ("html", figure.html), ("script", figure.script)):
            if part in macros:
                target.add_child(RawScript(macros[part](self, kwargs)), name=self.get_name())
        for child in self._children.values():
            child.render(**kwargs)
