"""The map's small controls: an HTML panel (legend, title, sources) and the fit-to-all button.

Each is a Leaflet plugin in static/js/strike-controls.js; the Python side only hands it JSON.
"""

from __future__ import annotations

from folium.template import Template

from ..i18n import t
from .assets import plugin_js
from .elements import DataElement, script_json


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

    def __init__(self, html: str, position: str = "bottomleft", css_class: str = "strike-control",
                 collapse_below: int = 0) -> None:
        super().__init__()
        self._name = "HtmlControl"
        self.html_json = script_json(html)
        self.options_json = script_json({"position": position, "className": css_class,
                                         "collapseBelow": int(collapse_below)})


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

    def __init__(self, bounds: list[list[float]] | None = None, legend_from: int = 1100, lang: str = "en") -> None:
        super().__init__()
        self._name = "FitControl"
        self.bounds_json = script_json(bounds)
        self.options_json = script_json({"title": t(lang, "fit"), "legendFrom": int(legend_from)})
