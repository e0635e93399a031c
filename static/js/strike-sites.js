/*
 * The strike sites on the map: a Leaflet layer of packed columns, for ten sites or a million
 * (strikes/page/markers.py packs them and adds the layer to a map).
 *
 *     const Sites = L.StrikeSites.extend({options: {colours: ["#c00", "#888"], maxZoom: 18}});
 *     new Sites(packed).addTo(map);  // or L.strikeSites(packed, options).addTo(map)
 *
 * `packed` is one deflated, base64-coded JSON document {columns, icons} (strikes.page.markers.SiteData).
 * The layer inflates it with the browser's DecompressionStream, puts the points in supercluster's
 * spatial index and draws only what is on screen: each site as its icon, each cluster as a pie of
 * its sites' statuses (options.colours, by status_index). Popups are built when opened, with
 * textContent, or are HTML strikes/page/markup.py has already escaped (the `popup` column): no text of
 * the data ever becomes markup here. For the search box (strike-search.js) and the fit button the
 * layer says `strikeSites: true`, and `openSite(id)` goes to a site and opens its popup.
 *
 * In node (static/js/test) the pure parts are module.exports: decode, inflate, text, firstActions,
 * siteCoordinates, statusCounts, pieStops, clusterSize, sliceLetters, sliceCounts, spokeEnd, letterImage,
 * clusterHtml, popupContent, siteList, siteLabel, clusterLabel, expansionChildren, firstRevealed, DEFAULTS.
 */
/* global Supercluster */
(function () {
    "use strict";

    // radius in supercluster's 512-pixel tiles: 70 is 35 of Leaflet's screen pixels; listed: the most
    // sites a cluster too tight to part lists; scale: coordinates are integers of 1/scale degrees
    // empty: what to say over the map when there is no site to draw
    // mapLabel, landmark: the map's name and role for screen readers (the page's "main", or a "region" of two)
    const DEFAULTS = {colours: [], radius: 70, maxZoom: 18, scale: 100000, listed: 50, empty: "", mapLabel: "Map",
                      landmark: "main"};
    const POPUP = {maxWidth: 380, maxHeight: 360};
    const SPOKE = {color: "#444", weight: 1, opacity: 0.8, dashArray: "2 3", interactive: false};

    /** Base64 text as its bytes. */
    function decode(base64) {
        const chars = atob(base64), bytes = new Uint8Array(chars.length);
        for (let k = 0; k < chars.length; k++) { bytes[k] = chars.charCodeAt(k); }
        return bytes;
    }

    /** The packed document: base64 of zlib-deflated JSON, as Python's zlib.compress writes it. */
    function inflate(base64) {
        return new Response(new Blob([decode(base64)]).stream().pipeThrough(new DecompressionStream("deflate"))).json();
    }

    /** A text column's row: a list, or each value once and a code per row (no codes: one value). */
    function text(column, i) {
        return Array.isArray(column) ? column[i] : column.values[column.codes ? column.codes[i] : 0];
    }

    /** Where each site's actions start in the action columns (and, last, where they end). */
    function firstActions(actions) {
        const first = new Int32Array(actions.length + 1);
        for (let i = 0; i < actions.length; i++) { first[i + 1] = first[i] + actions[i]; }
        return first;
    }

    /** The sites' degrees from the scaled integers, and a GeoJSON point for each, for supercluster. */
    function siteCoordinates(columns, scale) {
        const n = columns.lat.length, lat = new Float64Array(n), lon = new Float64Array(n), points = new Array(n);
        for (let i = 0; i < n; i++) {
            lat[i] = columns.lat[i] / scale;
            lon[i] = columns.lon[i] / scale;
            points[i] = {type: "Feature", geometry: {type: "Point", coordinates: [lon[i], lat[i]]}, properties: {i: i}};
        }
        return {lat: lat, lon: lon, points: points};
    }

    /** supercluster's map and reduce: a cluster counts its sites per status (0 .. statuses - 1), for its pie. */
    function statusCounts(statusIndex, statuses) {
        return {
            map: function (p) {
                const counts = {};
                for (let k = 0; k < statuses; k++) { counts[k] = statusIndex[p.i] === k ? 1 : 0; }
                return counts;
            },
            reduce: function (sum, p) { for (let k = 0; k < statuses; k++) { sum[k] += p[k]; } },
        };
    }

    /**
     * A pie as SVG: each colour's share of the total, clockwise from the top, in order; a share of the whole
     * is a circle. SVG, not a CSS conic-gradient, so that a PDF or SVG of the map keeps it as vectors.
     */
    function pieSvg(colours, counts, total, size) {
        const r = size / 2;
        let at = 0;
        function point(turn) {
            const angle = 2 * Math.PI * turn;
            return (r + r * Math.sin(angle)).toFixed(2) + " " + (r - r * Math.cos(angle)).toFixed(2);
        }
        const slices = colours.map(function (colour, k) {
            const share = counts[k] / total, from = at;
            at += share;
            if (!share) { return ""; }
            if (share >= 1) { return '<circle cx="' + r + '" cy="' + r + '" r="' + r + '" fill="' + colour + '"/>'; }
            return '<path d="M' + r + " " + r + "L" + point(from) + "A" + r + " " + r + " 0 " + (share > 0.5 ? 1 : 0) +
                " 1 " + point(at) + 'Z" fill="' + colour + '"/>';
        }).join("");
        return '<svg width="' + size + '" height="' + size + '" viewBox="0 0 ' + size + " " + size +
            '" aria-hidden="true" focusable="false">' + slices + "</svg>";
    }

    /** A cluster's width in pixels: bigger for tens, bigger again for hundreds. */
    function clusterSize(total) {
        return total < 10 ? 34 : total < 100 ? 40 : 46;
    }

    /**
     * Where each slice's letter stands (a second cue beside its colour): slices of a fifth or more of the
     * pie, at the middle of their arc, `radius` pixels from the centre; [letter, x, y] from the top left.
     */
    function sliceLetters(letters, counts, total, size) {
        const placed = [], radius = size / 2 - 4;
        let at = 0;
        letters.forEach(function (letter, k) {
            const share = counts[k] / total, middle = 2 * Math.PI * (at + share / 2);
            at += share;
            if (letter && share >= 0.2) {
                placed.push([letter, Math.round(size / 2 + radius * Math.sin(middle)),
                             Math.round(size / 2 - radius * Math.cos(middle))]);
            }
        });
        return placed;
    }

    /** Each status's letter and count in a cluster, "A 9 · AN 2 · N 1": a cue for the slices too small to letter. */
    function sliceCounts(letters, counts) {
        return letters.map(function (letter, k) { return counts[k] ? letter + " " + counts[k] : ""; })
            .filter(Boolean).join(" · ");
    }

    /**
     * A slice's letter as a picture (an SVG data: URL), not as text: the cluster's spoken name already says
     * what it holds, and a name must contain every piece of visible text (WCAG 2.5.3). The letter is a wave
     * name's initial, which an upload supplies: it is URL-encoded inside the picture's markup, escaped.
     */
    function letterImage(letter) {
        const glyph = String(letter).replace(/[&<>"']/g, function (c) { return "&#" + c.charCodeAt(0) + ";"; });
        return "data:image/svg+xml," + encodeURIComponent(
            '<svg xmlns="http://www.w3.org/2000/svg" width="14" height="10"><text x="7" y="8" text-anchor="middle" ' +
            'font-family="DejaVu Sans,Arial,sans-serif" font-size="8" font-weight="bold" fill="#fff" stroke="#000" ' +
            'stroke-width="1.6" paint-order="stroke">' + glyph + "</text></svg>");
    }

    /**
     * A cluster's icon: a pie of its statuses, each large slice lettered as the markers are, with its
     * count (numbers, the colours and letters given: no data text).
     */
    function clusterHtml(colours, counts, total, letters) {
        const size = clusterSize(total);
        const marks = sliceLetters(letters || [], counts, total, size).map(function (mark) {
            return '<i style="left:' + mark[1] + "px;top:" + mark[2] + "px;background-image:url(&quot;" +
                letterImage(mark[0]) + '&quot;)"></i>';
        }).join("");
        return '<div class="strike-cluster" style="width:' + size + "px;height:" + size + 'px">' +
            pieSvg(colours, counts, total, size) + "<span>" + Number(total) + "</span>" + marks + "</div>";
    }

    function line(doc, parent, tag, content) {
        const el = doc.createElement(tag);
        el.textContent = content;
        parent.appendChild(el);
        return el;
    }

    /**
     * Site i's popup: the escaped HTML of the `popup` column if there is one, else an element built
     * with textContent from the site's columns and its actions' (from first[i] to first[i + 1]); the
     * columns `local` (its other name), `oblast` and `located` (its position's source) where given.
     */
    function popupContent(d, i, first, doc) {
        if (d.popup) { return text(d.popup, i); }
        doc = doc || document;
        const div = doc.createElement("div");
        div.className = "strike-popup";
        line(doc, div, "b", text(d.name, i));
        if (d.local && text(d.local, i)) { line(doc, div, "div", text(d.local, i)).className = "local"; }
        const place = [text(d.town, i), d.oblast ? text(d.oblast, i) : ""].filter(Boolean).join(", ");
        line(doc, div, "div", [place, text(d.sector, i)].filter(Boolean).join(" · "));
        const source = d.located ? text(d.located, i) : "";
        line(doc, div, "div", d.labels.position + ": " + text(d.position, i) + (source ? " (" + source + ")" : "")).className = "where";
        line(doc, div, "div", d.labels.actions.replace("{n}", d.actions[i]) + " · " + text(d.status, i));
        for (let k = first[i]; k < first[i + 1]; k++) {
            const action = line(doc, div, "div", "");
            action.className = "action";
            line(doc, action, "b", text(d.when, k));
            if (text(d.size, k)) { action.appendChild(doc.createTextNode(" · " + text(d.size, k))); }
            line(doc, action, "blockquote", "“" + text(d.quote, k) + "”");
            const source = line(doc, action, text(d.url, k) ? "a" : "div", text(d.source, k));
            if (text(d.url, k)) {
                source.href = text(d.url, k);
                source.target = "_blank";
                source.rel = "noopener";
                source.style.display = "block";
            }
            source.className = "source";
            if (text(d.notes, k)) { line(doc, action, "div", text(d.notes, k)).className = "note"; }
        }
        return div;
    }

    /** Where site i's spoke ends: its town's centre, [lat, lon] in degrees, or null for a site drawn where it is. */
    function spokeEnd(d, i, scale) {
        const centre = d.centre ? text(d.centre, i) : "";
        if (!centre) { return null; }
        const parts = centre.split(",");
        return [Number(parts[0]) / scale, Number(parts[1]) / scale];
    }

    /** Site i's name for screen readers: made in Python for small sets, else from its columns. */
    function siteLabel(d, i) {
        if (d.label) { return text(d.label, i); }
        const town = d.town ? text(d.town, i) : "";
        return text(d.name, i) + (town ? ", " + town : "") + ": " + text(d.status, i) + "; " + text(d.position, i);
    }

    /** A cluster's name for screen readers: how many sites, and the town of one of them where known. */
    function clusterLabel(d, total, firstSite) {
        const town = d.town && firstSite !== undefined ? text(d.town, firstSite) : "";
        return (town ? d.labels.clusterAt.replace("{town}", town) : d.labels.cluster).replace("{n}", total);
    }

    /**
     * What cluster `id` parts into when the map zooms in to its expansion zoom: its children in the `index`
     * (supercluster), through any cluster of one, as supercluster's getClusterExpansionZoom walks them.
     */
    function expansionChildren(index, id) {
        let children = index.getChildren(id);
        while (children.length === 1 && children[0].properties.cluster) {
            children = index.getChildren(children[0].properties.cluster_id);
        }
        return children;
    }

    /**
     * Where the keyboard's focus goes after a cluster parts: the first of the `features` it parted into in
     * reading order (north to south, then west to east), as the layer keys what it draws (a site's index, or
     * "c" and a cluster's id); null for none.
     */
    function firstRevealed(features) {
        let best = null;
        features.forEach(function (feature) {
            const at = feature.geometry.coordinates;
            if (!best || at[1] > best.geometry.coordinates[1] ||
                (at[1] === best.geometry.coordinates[1] && at[0] < best.geometry.coordinates[0])) { best = feature; }
        });
        if (!best) { return null; }
        return best.properties.cluster ? "c" + best.properties.cluster_id : best.properties.i;
    }

    /**
     * The sites of a cluster too tight to part (indices `sites` of `total`): a list of their names,
     * each a link that calls pick(i), and how many more there are.
     */
    function siteList(d, sites, total, pick, doc) {
        doc = doc || document;
        const list = doc.createElement("div");
        list.className = "strike-popup";
        sites.forEach(function (i) {
            const item = line(doc, list, "a", text(d.name, i));
            item.href = "#";
            item.style.display = "block";
            item.addEventListener("click", function (event) { event.preventDefault(); pick(i); });
        });
        const more = total - sites.length;
        if (more > 0) { line(doc, list, "div", d.labels.more.replace("{n}", more)); }
        return list;
    }

    if (typeof L !== "undefined") {
        L.StrikeSites = L.Layer.extend({
            options: Object.assign({}, DEFAULTS),
            strikeSites: true, // how the search box and the fit button find this layer

            initialize: function (packed, options) {
                L.setOptions(this, options);
                this._group = L.layerGroup();
                this._shown = new Map(); // what is drawn now: a site's index, or "c" and a cluster's id
                this.ready = inflate(packed).then(this._load.bind(this));
            },

            _load: function (data) {
                const d = this._d = data.columns, options = this.options;
                this._icons = data.icons.map(function (svg) {
                    return L.divIcon({html: svg, className: "strike-marker", iconSize: [26, 26], iconAnchor: [13, 13]});
                });
                const sites = siteCoordinates(d, options.scale);
                this._lat = sites.lat;
                this._lon = sites.lon;
                const counts = statusCounts(d.status_index, options.colours.length);
                this._index = new Supercluster({radius: options.radius, maxZoom: options.maxZoom,
                                                map: counts.map, reduce: counts.reduce}).load(sites.points);
                this._byId = new Map((d.id || []).map(function (id, i) { return [id, i]; }));
                if (!d.popup) { this._firstAction = firstActions(d.actions); }
                this._update();
                this._sayIfEmpty();
                this._describe();
            },

            /**
             * Say what the map now shows, politely, to screen readers (after every filter or day change a new
             * layer loads), and name the map by it: one live region per map, reused by each layer.
             */
            _describe: function () {
                if (!this._map || !this._d) { return; }
                const container = this._map.getContainer();
                let live = container.querySelector(".strike-live");
                if (!live) {
                    live = L.DomUtil.create("div", "strike-live", container);
                    live.id = "strike-live-" + L.stamp(this._map);
                    live.setAttribute("role", "status");
                    live.setAttribute("aria-live", "polite");
                }
                live.textContent = this._d.labels.describe;
                container.setAttribute("role", this.options.landmark);
                container.setAttribute("aria-label", this.options.mapLabel);
                container.setAttribute("aria-describedby", live.id);
            },

            /** No site to draw (a filter or a day with none): say so over the map, which stays as it is. */
            _sayIfEmpty: function () {
                if (!this._map || !this._lat || this._lat.length || !this.options.empty || this._empty) { return; }
                this._empty = L.DomUtil.create("div", "strike-empty", this._map.getContainer());
                this._empty.setAttribute("role", "status");
                this._empty.textContent = this.options.empty;
            },

            onAdd: function (map) {
                this._group.addTo(map);
                map.on("moveend", this._update, this);
                this._update();
                this._sayIfEmpty();
                this._describe();
            },

            onRemove: function (map) {
                map.off("moveend", this._update, this);
                if (this._empty) { L.DomUtil.remove(this._empty); this._empty = null; }
                this._group.remove();
                this._shown = new Map();
                this._spokes = new Map();
                this._group.clearLayers();
            },

            getBounds: function () { // for a FeatureGroup that holds this layer, and the fit button
                const bounds = L.latLngBounds([]);
                if (this._lat) { for (let i = 0; i < this._lat.length; i++) { bounds.extend([this._lat[i], this._lon[i]]); } }
                return bounds;
            },

            _update: function () {
                if (!this._map || !this._index) { return; }
                const b = this._map.getBounds().pad(0.2);
                const found = this._index.getClusters(
                    [b.getWest(), Math.max(b.getSouth(), -90), b.getEast(), Math.min(b.getNorth(), 90)],
                    Math.floor(this._map.getZoom() + 1e-9));  // a snapshot's fractional zoom: the coarser level
                const next = new Map();
                for (const feature of found) {
                    const p = feature.properties, key = p.cluster ? "c" + p.cluster_id : p.i;
                    next.set(key, this._shown.get(key) || (p.cluster ? this._cluster(feature) : this._site(p.i)));
                }
                for (const [key, marker] of this._shown) {
                    if (!next.has(key)) { this._group.removeLayer(marker); this._spoke(key, false); }
                }
                for (const [key, marker] of next) {
                    if (!this._shown.has(key)) { this._group.addLayer(marker); this._spoke(key, true); }
                }
                this._shown = next;
            },

            /**
             * A site set around its town's centre (not at its workplace) gets a thin dashed spoke to the centre,
             * and the centre a dot, while it is drawn as itself: the ring reads as an arrangement.
             */
            _spoke: function (key, on) {
                const at = typeof key === "number" && this._d.centre ? spokeEnd(this._d, key, this.options.scale) : null;
                if (!at) { return; }
                this._spokes = this._spokes || new Map();
                if (!on) {
                    const spoke = this._spokes.get(key);
                    if (spoke) { this._group.removeLayer(spoke); this._spokes.delete(key); }
                    return;
                }
                const spoke = L.layerGroup([
                    L.polyline([[this._lat[key], this._lon[key]], at], SPOKE),
                    L.circleMarker(at, {radius: 3, weight: 1, color: "#444", fillColor: "#fff", fillOpacity: 1,
                                        interactive: false}),
                ]);
                this._spokes.set(key, spoke);
                this._group.addLayer(spoke);
            },

            _content: function (i) {
                return popupContent(this._d, i, this._firstAction, document);
            },

            _site: function (i) {
                const d = this._d, self = this;
                const marker = L.marker([this._lat[i], this._lon[i]], {icon: this._icons[d.icon[i]]});
                marker.bindPopup(function () { return self._content(i); }, POPUP);
                if (d.tooltip) { marker.bindTooltip(text(d.tooltip, i)); }
                marker.on("add", function () { marker.getElement().setAttribute("aria-label", siteLabel(d, i)); });
                return marker;
            },

            _cluster: function (feature) {
                const p = feature.properties, total = p.point_count, size = clusterSize(total);
                const latlng = [feature.geometry.coordinates[1], feature.geometry.coordinates[0]];
                const marker = L.marker(latlng, {icon: L.divIcon({html: clusterHtml(this.options.colours, p, total,
                                                                                    this._d.labels.letters),
                                                                  className: "strike-cluster-icon", iconSize: [size, size]})});
                const expand = this._expand.bind(this, p.cluster_id, total, marker), index = this._index, d = this._d;
                marker.on("click", expand);
                marker.on("add", function () {
                    const icon = marker.getElement(), first = index.getLeaves(p.cluster_id, 1)[0];
                    icon.setAttribute("aria-label", clusterLabel(d, total, first && first.properties.i));
                    icon.title = sliceCounts(d.labels.letters || [], p);  // every slice's letter and count, on hover
                    L.DomEvent.on(icon, "keydown", function (event) {
                        if (event.key === "Enter" || event.key === " ") { L.DomEvent.preventDefault(event); expand(); }
                    });
                });
                return marker;
            },

            _expand: function (id, total, marker) {
                const map = this._map, zoom = this._index.getClusterExpansionZoom(id), self = this;
                if (zoom <= map.getMaxZoom() && zoom > map.getZoom()) {
                    // a keyboard's focus, on the cluster that is about to go, moves to what it parts into
                    const element = marker.getElement(), focused = element && element.contains(document.activeElement);
                    const first = firstRevealed(expansionChildren(this._index, id));
                    if (focused && first !== null) {
                        map.once("moveend", function () {
                            const next = self._shown.get(first), target = next && next.getElement();
                            if (target) { target.focus({preventScroll: true}); }
                        });
                    }
                    map.setView(marker.getLatLng(), zoom);
                    return;
                }
                // sites too close to part even at the closest zoom: list them, each opens its popup
                const leaves = this._index.getLeaves(id, this.options.listed).map(function (leaf) { return leaf.properties.i; });
                const list = siteList(this._d, leaves, total, this._open.bind(this), document);
                L.popup({maxWidth: POPUP.maxWidth}).setLatLng(marker.getLatLng()).setContent(list).openOn(map);
            },

            _open: function (i) {
                const marker = this._shown.get(i);
                if (marker) { marker.openPopup(); return; }
                L.popup(POPUP).setLatLng([this._lat[i], this._lon[i]]).setContent(this._content(i)).openOn(this._map);
            },

            _alone: function (i, zoom) { // drawn as itself, not in a cluster, at this zoom
                const lat = this._lat[i], lon = this._lon[i], e = 1e-6;
                return this._index.getClusters([lon - e, lat - e, lon + e, lat + e], zoom)
                    .some(function (f) { return !f.properties.cluster && f.properties.i === i; });
            },

            /** The search box: go to a site, close enough to see it alone, and open its popup (resolves to false if unknown). */
            openSite: function (id) {
                const self = this;
                return this.ready.then(function () {
                    const i = self._byId.get(id), map = self._map;
                    if (i === undefined || !map) { return false; }
                    let zoom = Math.max(map.getZoom(), 14);
                    while (zoom < map.getMaxZoom() && !self._alone(i, zoom)) { zoom++; }
                    map.setView([self._lat[i], self._lon[i]], zoom, {animate: false});
                    self._update();
                    self._open(i);
                    return true;
                });
            },
        });
        L.strikeSites = function (packed, options) { return new L.StrikeSites(packed, options); };
    }

    if (typeof module !== "undefined" && module.exports) {
        module.exports = {decode: decode, inflate: inflate, text: text, firstActions: firstActions,
                          siteCoordinates: siteCoordinates, statusCounts: statusCounts, pieSvg: pieSvg,
                          clusterSize: clusterSize, sliceLetters: sliceLetters, sliceCounts: sliceCounts, spokeEnd: spokeEnd,
                          letterImage: letterImage,
                          clusterHtml: clusterHtml,
                          popupContent: popupContent,
                          siteList: siteList, siteLabel: siteLabel, clusterLabel: clusterLabel,
                          expansionChildren: expansionChildren, firstRevealed: firstRevealed, DEFAULTS: DEFAULTS};
    }
})();
