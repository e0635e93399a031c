"""The map's small controls and manners: an HTML panel (legend, title, sources), the fit-to-all
button, popups that stand above the controls and fit a phone, and touch gestures that leave the page
scrollable.

Each is a Leaflet plugin in static/js/strike-controls.js; the Python side only hands it JSON.
"""

from __future__ import annotations

import re

from folium.template import Template

from ..core.i18n import Lang, t
from .assets import npm_asset, plugin_js
from .elements import DataElement, RawScript, page_of, script_json


class HtmlControl(DataElement):
    """A Leaflet control holding HTML built here (a legend, a title): part of the map, so exports keep it.

    The control is a Leaflet plugin, static/js/strike-controls.js (``L.control.strikeHtml``); the
    HTML is passed to it as a JSON string, never spliced into the script. On a screen narrower than
    ``collapse_below`` a legend (its <details>) starts folded, so it never hides the map.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        L.control.strikeHtml({{ this.html_json }}, {{ this.options_json }}).addTo({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    default_js = [("strike_controls", plugin_js("strike-controls.js"))]

    def __init__(
        self, html: str, position: str = "bottomleft", css_class: str = "strike-control", collapse_below: int = 0
    ) -> None:
        super().__init__()
        self._name = "HtmlControl"
        self.html_json = script_json(html)
        self.options_json = script_json(
            {"position": position, "className": css_class, "collapseBelow": int(collapse_below)}
        )


class FitControl(DataElement):
    """A button that brings back the whole picture: the map fits every marker group on it.

    Given ``bounds``, it also fits the map to them when it opens, with room for the
    legend only where the map is wide enough for the legend to start open. The button is
    a Leaflet plugin, static/js/strike-controls.js (``L.control.strikeFit``).
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
            const start = {{ this.bounds_json }};
            L.control.strikeFit(start, {{ this.options_json }}).addTo({{ this._parent.get_name() }});
        })();
        {% endmacro %}
        """
    )

    default_js = [("strike_controls", plugin_js("strike-controls.js"))]

    def __init__(self, bounds: list[list[float]] | None = None, legend_from: int = 1100, *, lang: Lang) -> None:
        super().__init__()
        self._name = "FitControl"
        self.bounds_json = script_json(bounds)
        self.options_json = script_json({"title": t(lang, "fit"), "legendFrom": int(legend_from)})


class PopupFit(DataElement):
    """Popups above every control, inside the map on any screen, and the keyboard's focus kept with them."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        L.strikePopups({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    default_js = [("strike_controls", plugin_js("strike-controls.js"))]

    def __init__(self) -> None:
        super().__init__()
        self._name = "PopupFit"


class ClearControls(DataElement):
    """The credits and the scale bar never cover a marker: each moves to a corner where it covers none
    (static/js/strike-controls.js, ``L.strikeClearControls``), however the map is fitted, panned or zoomed."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        L.strikeClearControls({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    default_js = [("strike_controls", plugin_js("strike-controls.js"))]

    def __init__(self) -> None:
        super().__init__()
        self._name = "ClearControls"


class TabOrder(DataElement):
    """The controls (search, zoom, fit, layers) before the markers for the Tab key (WCAG 2.4.3)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        L.strikeTabOrder({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    default_js = [("strike_controls", plugin_js("strike-controls.js"))]

    def __init__(self) -> None:
        super().__init__()
        self._name = "TabOrder"


class GestureHandling(DataElement):
    """On touch screens, one finger scrolls the page and two move the map (leaflet-gesture-handling),
    with its hint in the reader's language: a map in an article must not trap the reader's thumb."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        L.strikeGestures({{ this._parent.get_name() }}, {{ this.text_json }});
        {% endmacro %}
        """
    )

    def __init__(self, lang: Lang) -> None:
        super().__init__()
        self._name = "GestureHandling"
        self.default_js = [
            ("gesture_handling", npm_asset("leaflet-gesture-handling/dist/leaflet-gesture-handling.min.js")),
            ("strike_controls", plugin_js("strike-controls.js")),
        ]
        self.default_css = [
            ("gesture_handling_css", npm_asset("leaflet-gesture-handling/dist/leaflet-gesture-handling.min.css"))
        ]
        self.text_json = script_json(
            {
                "touch": t(lang, "gesture_touch"),
                "scroll": t(lang, "gesture_scroll"),
                "scrollMac": t(lang, "gesture_scroll_mac"),
            }
        )


class ZoomableViewport(DataElement):
    """Readers may zoom the page on a phone (WCAG 1.4.4): folium's map header forbids it with
    ``maximum-scale=1.0, user-scalable=no``, so this child rewrites its parent map's header without them.
    A child renders after its parent has put its header on the page."""

    _template = Template("")
    LOCK = re.compile(r",\s*maximum-scale=[\d.]+,\s*user-scalable=no")

    def render(self, **kwargs: object) -> None:  # type: ignore[override]  # into its page, as DataElement.render
        header = page_of(self).header
        assert self._parent is not None, "add the viewport to a map"
        name = self._parent.get_name()
        if name in header._children:
            header.add_child(RawScript(self.LOCK.sub("", header._children[name].render())), name=name)
