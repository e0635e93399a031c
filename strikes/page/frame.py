"""A snapshot's page: its title above the map and its key and sources below it, as newsroom chart tools lay
them out, so that nothing printed over the map hides a marker.

On the app's own page the legend is a control in the map's corner that a reader can fold; a PNG or an
exported page cannot be folded by its reader, and boxes over the map covered a third of a social card.
"""

from __future__ import annotations

from typing import Any

from folium.template import Template

from .assets import plugin_js
from .elements import DataElement, RawScript, page_of, script_json

# The page a column: header, the map taking what is left, footer. The map's own style (folium's) gives it
# the whole height; here it gets the rest once header and footer have theirs. On a phone the page scrolls
# instead: the map takes most of the screen and the key and sources follow it.
FRAME_CSS = """<style>
html,body{height:100%}
body{display:flex;flex-direction:column;font:12px/1.35 "DejaVu Sans",Arial,sans-serif;color:#222;background:#fff}
body>.folium-map{flex:1 1 0;min-height:0;height:auto!important;position:relative!important}
.strike-head{padding:8px 12px 6px;flex:none}
.strike-head .strike-h1{margin:0 0 2px;font-size:18px;line-height:1.2}
.strike-head div{font-size:12px;color:#333}
.strike-foot{padding:5px 12px 6px;flex:none;border-top:1px solid #ccc;font-size:11px}
.strike-foot h2{margin:2px 0 1px;font-size:11px}
.strike-foot ol{margin:0;padding-left:16px}
.strike-key{margin:1px 0}.strike-key .item{display:inline-flex;align-items:center;gap:3px;margin-right:9px}
.strike-key .item svg,.strike-key .item span{flex:none}
@media (max-width:640px){html,body{height:auto}body>.folium-map{flex:none;height:70vh!important}}
.strike-sr{position:absolute!important;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.strike-map-notes{display:flex;justify-content:space-between;align-items:flex-start;gap:12px;margin:0 0 3px}
.strike-map-notes .leaflet-control{float:none;clear:none;margin:0;box-shadow:none}
.strike-map-notes .leaflet-control-attribution{background:none;padding:0;text-align:right;color:#444}
.strike-map-notes .leaflet-control-scale-line{background:none;font-size:10px}
.strike-foot .strike-shown{margin:2px 0}
@media print{*{box-shadow:none!important;text-shadow:none!important}.strike-cluster{box-shadow:0 0 0 2px #fff!important}
 .leaflet-control-zoom,.leaflet-control-layers,.strike-search,.leaflet-bar:has(.strike-fit){display:none!important}}
</style>"""


# Set on a snapshot's map once it is fitted to what it must show (what a picture waits for).
FITTED_CLASS = "strike-snapshot-fitted"


class PageFrame(DataElement):
    """The header and footer around a map (HTML made and escaped in strikes.page.markup), placed as the
    page is rendered: the header first, the footer after the map's own element.

    Add it to the figure after the map, so the map's element is in the page before the footer goes in.
    """

    def __init__(self, header: str, footer: str) -> None:
        super().__init__()
        self._name = "PageFrame"
        self.header_html, self.footer_html = header, footer

    def render(self, **kwargs: Any) -> None:  # type: ignore[override]  # into its page, as DataElement.render
        figure = page_of(self)
        figure.header.add_child(RawScript(FRAME_CSS), name="strike_frame_css")
        figure.html.add_child(
            RawScript(f'<header class="strike-head">{self.header_html}</header>'), name="strike_head", index=0
        )
        figure.html.add_child(RawScript(f'<footer class="strike-foot">{self.footer_html}</footer>'), name="strike_foot")


class SnapshotFit(DataElement):
    """A snapshot's map shows the whole of ``bounds`` whatever its shape: the reader's view (``centre``,
    never closer than their ``max_zoom``) or the data's extent, zoomed out by fractions of a level until it
    fits with ``padding`` pixels to spare and no marker stands across the map's edge; its scale bar and
    attribution go to the footer, under the map, where they hide no marker.

    A Leaflet plugin, static/js/strike-snapshot.js (``L.strikeSnapshot``); add it after the site layer.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        L.strikeSnapshot({{ this._parent.get_name() }}, {{ this.options_json }});
        {% endmacro %}
        """
    )

    default_js = [("strike_snapshot", plugin_js("strike-snapshot.js"))]

    def __init__(
        self, bounds: list[list[float]], centre: tuple[float, float] | None, max_zoom: float, padding: int
    ) -> None:
        super().__init__()
        self._name = "SnapshotFit"
        self.options_json = script_json(
            {
                "bounds": bounds,
                "centre": list(centre) if centre else None,
                "maxZoom": max_zoom,
                "padding": int(padding),
                "footer": ".strike-foot",
                "fitted": FITTED_CLASS,
            }
        )
