"""Leaflet's own words on every map in the reader's language: its zoom, layers and close buttons and its
credit link are named in English by Leaflet, which a screen reader on a Belarusian page would read so."""

from __future__ import annotations

from folium.template import Template

from ..core.i18n import Lang, t
from .assets import plugin_js
from .elements import DataElement, script_json


class LeafletNames(DataElement):
    """The map's Leaflet controls named in ``lang`` (static/js/strike-names.js, ``L.strikeNames``)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        L.strikeNames({{ this._parent.get_name() }}, {{ this.words_json }});
        {% endmacro %}
        """
    )

    default_js = [("strike_names", plugin_js("strike-names.js"))]

    def __init__(self, lang: Lang) -> None:
        super().__init__()
        self._name = "LeafletNames"
        self.words_json = script_json(
            {
                "zoomIn": t(lang, "ed_zoom_in"),
                "zoomOut": t(lang, "ed_zoom_out"),
                "layers": t(lang, "ed_layers"),
                "close": t(lang, "ed_close"),
                "leaflet": t(lang, "leaflet_link"),
            }
        )
