/*
 * The strike map's small controls (strikes/page/controls.py hands them their data and adds them to a map):
 *
 *     L.control.strikeHtml(html, {position: "bottomright", className: "strike-control", collapseBelow: 1100});
 *     L.control.strikeFit(bounds, {title: "Show all", legendFrom: 1100});
 *     L.strikePopups(map);                 // popups above the controls, fitted to the map, focus kept
 *     L.strikeTabOrder(map);               // search and controls before the markers for the Tab key
 *     L.strikeGestures(map, {touch: "Use two fingers to move the map", scroll: "...", scrollMac: "..."});
 *     L.strikeClearControls(map);          // the credits and scale bar moved off any marker they cover
 *
 * strikeHtml holds HTML built (and escaped) in Python: a legend, a title, a list of sources; on a
 * screen narrower than collapseBelow a legend (<details>) starts folded, so it never hides the map.
 * strikeFit is a button that fits the map to every marker group on it (layers marked strikeSites,
 * strikes/page/markers.py), with room for the legend only where the map is wide enough for the legend to
 * start open; given bounds, it also fits the map to them when added.
 * strikePopups puts an open popup above every control (Leaflet's controls stand above its panes, so the
 * controls step back while a popup is open), fits it inside the map (a phone's too: width, height with
 * scrolling inside, and room kept from the edges when it pans into view), moves the keyboard's focus
 * into it and gives the focus back to the marker that opened it when it closes (Escape closes it).
 * strikeTabOrder puts the controls first in the page's order (they are drawn where they were), so the
 * Tab key reaches the search box, zoom and fit buttons before hundreds of markers.
 * strikeGestures, on touch screens only, lets one finger scroll the page and two move the map, with a
 * hint in the reader's language (leaflet-gesture-handling, from npm).
 * strikeClearControls keeps the credits and the scale bar off the markers: after every move, zoom, resize
 * or new set of markers, a control that covers a marker moves to the first corner where it covers none
 * (the credits: bottom right, bottom left, top right; the scale: bottom left, top right, bottom right, top
 * left), and where every corner would cover one the scale bar steps out of sight until the next move.
 *
 * In node (static/js/test) the pure parts are module.exports: startsFolded, fitOptions, unionBounds,
 * popupFit, overlapsAny, firstClear.
 */
(function () {
    "use strict";

    /** Whether a legend starts folded: on a screen narrower than collapseBelow (0: never). */
    function startsFolded(width, collapseBelow) {
        return width < collapseBelow;
    }

    /**
     * fitBounds' options: room for the zoom buttons, and for the legend where it starts open; on a map
     * narrower than NARROW (a phone's) only the buttons' own width, so the data fills the map (with the
     * map's quarter zoom steps Belarus then fills a phone's map, where at 56 + 24 pixels it fell a step short).
     */
    const NARROW = 600;
    function fitOptions(mapWidth, legendFrom) {
        if (mapWidth < NARROW) { return {paddingTopLeft: [44, 16], paddingBottomRight: [12, 16], maxZoom: 12}; }
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

    /** A popup's size and panning room inside a map of width x height pixels (380 x 360 at most). */
    function popupFit(width, height) {
        return {maxWidth: Math.max(160, Math.min(380, width - 60)), maxHeight: Math.max(120, Math.min(360, height - 110)),
                autoPanPaddingTopLeft: [10, 60], autoPanPaddingBottomRight: [10, 30]};
    }

    /** Whether a box ({left, top, right, bottom}) overlaps any of `boxes`. */
    function overlapsAny(box, boxes) {
        return boxes.some(function (other) {
            return box.left < other.right && other.left < box.right && box.top < other.bottom && other.top < box.bottom;
        });
    }

    /** The first of `corners` where `covers(corner)` is false, or null where each covers something. */
    function firstClear(corners, covers) {
        for (const corner of corners) {
            if (!covers(corner)) { return corner; }
        }
        return null;
    }

    const MARKER_ICONS = ".strike-marker, .strike-cluster-icon";
    // Each control that must cover no marker, and the corners it may stand in, its own first; hide: whether
    // it may step out of sight where every corner covers one (the credits must stay).
    const CLEAR = [
        {selector: ".leaflet-control-attribution", corners: ["bottomright", "bottomleft", "topright"], hide: false},
        {selector: ".leaflet-control-scale", corners: ["bottomleft", "topright", "bottomright", "topleft"], hide: true},
    ];

    if (typeof L !== "undefined") {
        L.strikeClearControls = function (map) {
            const container = map.getContainer(), spacers = [];
            let pending = false;
            function box(element) {
                const r = element.getBoundingClientRect();
                return {left: r.left, top: r.top, right: r.right, bottom: r.bottom};
            }
            function place() {
                pending = false;
                const markers = Array.prototype.map.call(container.querySelectorAll(MARKER_ICONS), box);
                const placed = [];
                CLEAR.forEach(function (rule, k) {
                    const control = container.querySelector(rule.selector);
                    if (!control) { return; }
                    control.style.visibility = "";
                    // away from its own corner, a control leaves a blank of its size there, so that the
                    // controls stacked beside it (the legend over the credits) stay where they were
                    const spacer = spacers[k] = spacers[k] || L.DomUtil.create("div", "leaflet-control strike-spacer");
                    function covers(corner) {
                        const target = map._controlCorners[corner], home = corner === rule.corners[0];
                        if (home && spacer.parentNode === target) {
                            target.replaceChild(control, spacer);
                        } else if (control.parentNode !== target) {
                            if (control.parentNode === map._controlCorners[rule.corners[0]]) {
                                spacer.style.cssText = "visibility:hidden;width:" + control.offsetWidth + "px;height:" +
                                    control.offsetHeight + "px";
                                control.parentNode.replaceChild(spacer, control);
                            }
                            // on top of the corner's stack, where it moves none of the controls already there
                            target.insertBefore(control, corner.indexOf("bottom") === 0 ? target.firstChild : null);
                        }
                        const at = box(control);
                        return overlapsAny(at, markers) || overlapsAny(at, placed);
                    }
                    const clear = firstClear(rule.corners, covers);
                    if (clear === null) {
                        covers(rule.corners[0]);
                        if (rule.hide) { control.style.visibility = "hidden"; }
                    } else {
                        covers(clear);
                    }
                    placed.push(box(control));
                });
            }
            function soon() {
                if (!pending) { pending = true; requestAnimationFrame(place); }
            }
            map.on("moveend zoomend resize layeradd", soon);
            map.whenReady(soon);
        };

        L.strikePopups = function (map) {
            const container = map.getContainer();
            let opener = null, open = null;
            map.on("popupopen", function (event) {
                const popup = open = event.popup, size = map.getSize(), fit = popupFit(size.x, size.y);
                if (popup.options.maxWidth !== fit.maxWidth || popup.options.maxHeight !== fit.maxHeight) {
                    L.setOptions(popup, fit);
                    popup.update();
                }
                container.classList.add("strike-popup-open");
                const active = document.activeElement;
                opener = active && active !== document.body && container.contains(active) ? active : null;
                const target = popup.getElement().querySelector("a[href], button, [tabindex]");
                const content = popup.getElement().querySelector(".leaflet-popup-content");
                content.setAttribute("tabindex", "-1");
                (target && target.classList.contains("leaflet-popup-close-button") ? content : target || content).focus({preventScroll: true});
            });
            // Leaflet closes a popup on Escape only while the map itself has the focus, not a marker or a link
            L.DomEvent.on(container, "keydown", function (event) {
                if (event.key === "Escape" && open) { map.closePopup(open); }
            });
            map.on("popupclose", function () {
                open = null;
                container.classList.remove("strike-popup-open");
                if (opener && document.contains(opener)) { opener.focus({preventScroll: true}); }
                opener = null;
            });
        };

        L.strikeTabOrder = function (map) {
            const container = map.getContainer(), controls = container.querySelector(".leaflet-control-container");
            if (controls) { container.insertBefore(controls, container.firstChild); }
        };

        L.strikeGestures = function (map, text) {
            if (!map.gestureHandling || !window.matchMedia("(pointer: coarse)").matches) { return; }
            map.options.gestureHandlingOptions = {text: text, duration: 1500};
            map.gestureHandling.enable();
        };

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

            /**
             * Fit the map to `bounds`, leaving room for the controls; `animate` false to be there at once, as
             * the map opens: an animated zoom ends after streamlit-folium's first view report, which then
             * reports the view before the fit, and each report reruns the map on the server.
             */
            fit: function (bounds, animate) {
                const map = this._map;
                const options = fitOptions(map.getSize().x, this.options.legendFrom);
                map.fitBounds(bounds, L.extend(options, {animate: animate !== false}));
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
                if (this._start) { this.fit(this._start, false); }
                return this;
            },
        });
        L.control.strikeFit = function (bounds, options) { return new L.Control.StrikeFit(bounds, options); };
    }

    if (typeof module !== "undefined" && module.exports) {
        module.exports = {startsFolded: startsFolded, fitOptions: fitOptions, unionBounds: unionBounds, popupFit: popupFit,
                          overlapsAny: overlapsAny, firstClear: firstClear};
    }
})();
