/*
 * The strike map's small controls (strikes/page/controls.py hands them their data and adds them to a map):
 *
 *     L.control.strikeHtml(html, {position: "bottomright", className: "strike-control", collapseBelow: 1100});
 *     L.control.strikeFit(bounds, {title: "Show all", legendFrom: 1100});
 *
 * strikeHtml holds HTML built (and escaped) in Python: a legend, a title, a list of sources; on a
 * screen narrower than collapseBelow a legend (<details>) starts folded, so it never hides the map.
 * strikeFit is a button that fits the map to every marker group on it (layers marked strikeSites,
 * strikes/page/markers.py), with room for the legend only where the map is wide enough for the legend to
 * start open; given bounds, it also fits the map to them when added.
 *
 * In node (static/js/test) the pure parts are module.exports: startsFolded, fitOptions, unionBounds.
 */
(function () {
    "use strict";

    /** Whether a legend starts folded: on a screen narrower than collapseBelow (0: never). */
    function startsFolded(width, collapseBelow) {
        return width < collapseBelow;
    }

    /** fitBounds' options: room for the zoom buttons, and for the legend where it starts open. */
    function fitOptions(mapWidth, legendFrom) {
        const wide = mapWidth >= legendFrom;
        return {paddingTopLeft: [56, 24], paddingBottomRight: [wide ? 250 : 24, 24], maxZoom: 12};
    }

    /**
     * The bounds of every layer marked strikeSites, or null: `layers` is any list of layers with
     * getBounds(); `make(southWest, northEast)` copies a bounds (L.latLngBounds) before extending it.
     */
    function unionBounds(layers, make) {
        let bounds = null;
        layers.forEach(function (layer) {
            if (!layer.strikeSites) { return; }
            const extent = layer.getBounds();
            if (extent.isValid()) {
                bounds = bounds ? bounds.extend(extent) : make(extent.getSouthWest(), extent.getNorthEast());
            }
        });
        return bounds;
    }

    if (typeof L !== "undefined") {
        L.Control.StrikeHtml = L.Control.extend({
            options: {position: "bottomleft", className: "strike-control", collapseBelow: 0},

            initialize: function (html, options) {
                L.setOptions(this, options);
                this._html = html;
            },

            onAdd: function () {
                const div = L.DomUtil.create("div", this.options.className);
                div.innerHTML = this._html;
                const details = div.querySelector("details");
                if (details && startsFolded(window.innerWidth, this.options.collapseBelow)) { details.open = false; }
                L.DomEvent.disableClickPropagation(div);
                L.DomEvent.disableScrollPropagation(div);
                return div;
            },
        });
        L.control.strikeHtml = function (html, options) { return new L.Control.StrikeHtml(html, options); };

        L.Control.StrikeFit = L.Control.extend({
            options: {position: "topleft", title: "Show all", legendFrom: 1100},

            initialize: function (bounds, options) {
                L.setOptions(this, options);
                this._start = bounds;
            },

            /** Fit the map to `bounds`, leaving room for the controls. */
            fit: function (bounds) {
                const map = this._map;
                map.fitBounds(bounds, fitOptions(map.getSize().x, this.options.legendFrom));
            },

            onAdd: function (map) {
                const control = this;
                const bar = L.DomUtil.create("div", "leaflet-bar");
                const button = L.DomUtil.create("a", "strike-fit", bar);
                button.href = "#";
                button.title = this.options.title;
                button.setAttribute("role", "button");
                button.setAttribute("aria-label", this.options.title);
                button.textContent = "⤢";
                L.DomEvent.disableClickPropagation(bar);
                L.DomEvent.on(button, "click", function (event) {
                    L.DomEvent.preventDefault(event);
                    const layers = [];
                    map.eachLayer(function (layer) { layers.push(layer); });
                    const bounds = unionBounds(layers, L.latLngBounds);
                    if (bounds) { control.fit(bounds); }
                });
                return bar;
            },

            addTo: function (map) {
                L.Control.prototype.addTo.call(this, map);
                if (this._start) { this.fit(this._start); }
                return this;
            },
        });
        L.control.strikeFit = function (bounds, options) { return new L.Control.StrikeFit(bounds, options); };
    }

    if (typeof module !== "undefined" && module.exports) {
        module.exports = {startsFolded: startsFolded, fitOptions: fitOptions, unionBounds: unionBounds};
    }
})();
