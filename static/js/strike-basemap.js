/*
 * The offline base map of Belarus as a Leaflet base layer, and the switch to it when tiles fail
 * (strikes/page/basemap.py hands both their data and adds them to a map).
 *
 *     const offline = L.strikeBasemap(map, options);          // a featureGroup, not yet on the map
 *     L.strikeTileFallback(map, tiles, offline, {maxErrors: 3, timeoutMs: 6000});
 *
 * The layer fetches its shapes (options.urls: base, urban, water, transport; app URLs, or data: URLs
 * in an export), once per file and page, and draws them back to front in a pane between the tiles
 * and the markers: a plain background, oblasts, built-up areas, water, roads, railways, the border,
 * then the towns, with their names in a pane above the markers. Below options.allLabelsFrom only
 * the oblast capitals are named. Once drawn and on the map, the map's container has the class
 * options.drawn (what a snapshot waits for). With options.vector every shape is SVG, none on a canvas: a print.
 *
 * The fallback switches from `tiles` to `offline` while `tiles` is the shown base layer and none of
 * its tiles has loaded, after maxErrors 'tileerror' events or timeoutMs after the first tile request
 * with no 'tileload'; once a tile has loaded it never switches; removing `tiles` resets it.
 *
 * In node (static/js/test) the pure parts are module.exports: byKind, fillStyle, townLabel,
 * placeName, lowZoom, tileWatch, needsWorld, townsInView.
 */
(function () {
    "use strict";

    /** A GeoJSON filter: the features of one kind ("oblast", "town", "road"...). */
    function byKind(name) {
        return function (feature) { return feature.properties.kind === name; };
    }

    /** GeoJSON options for a plain fill (built-up areas, water), drawn in `inert`'s pane, never clicked. */
    function fillStyle(colour, inert) {
        return Object.assign({style: {stroke: false, fillColor: colour, fillOpacity: 1}}, inert);
    }

    /**
     * A town's permanent label: on its right, or its left where listed, bold for an oblast capital; a world
     * town's (properties.world) is never hidden at low zoom, since only the zoom's largest are drawn.
     */
    function townLabel(properties, labelLeft, pane) {
        const left = labelLeft.includes(properties.geonameid);
        return {
            permanent: true,
            direction: left ? "left" : "right",
            offset: [left ? -3 : 3, 0],
            pane: pane,
            className: "strikes-town-label" + (properties.capital ? " strikes-capital" : "")
                + (properties.world ? " strikes-world-town" : ""),
        };
    }

    /**
     * A place's name as the rest of the page gives it in the reader's language (options.names: towns by
     * GeoNames id, oblasts by their English name), else the file's own name.
     */
    function placeName(names, key, fallback) {
        return Object.prototype.hasOwnProperty.call(names, key) ? names[key] : (fallback === undefined ? key : fallback);
    }

    /**
     * Whether the world's layers are needed: once the view's centre, or the data (dataBounds, [[south, west],
     * [north, east]] or null), lies outside the box Belarus' detailed layers cover. A Belarusian view never
     * fetches them, so the curated map is drawn as it always was.
     */
    function needsWorld(centre, dataBounds, detail) {
        function inside(lat, lng) {
            return lat >= detail[0][0] && lat <= detail[1][0] && lng >= detail[0][1] && lng <= detail[1][1];
        }
        const dataOutside = dataBounds !== null
            && !(inside(dataBounds[0][0], dataBounds[0][1]) && inside(dataBounds[1][0], dataBounds[1][1]));
        return dataOutside || !inside(centre[0], centre[1]);
    }

    /**
     * The world's towns to name at this zoom inside bounds ([[south, west], [north, east]]): those of at least
     * the zoom's population (steps: [[zoom, population], ...], the first whose zoom is reached, from the
     * highest), the largest first, at most `limit`. Rows are [name, lat, lon, population, country], sorted by
     * population, largest first.
     */
    function townsInView(rows, bounds, zoom, steps, limit) {
        let least = Infinity;
        for (const step of steps) {
            if (zoom >= step[0]) { least = Math.min(least, step[1]); }
        }
        const shown = [];
        for (const row of rows) {
            if (row[3] < least || shown.length >= limit) { break; }
            if (row[1] >= bounds[0][0] && row[1] <= bounds[1][0] && row[2] >= bounds[0][1] && row[2] <= bounds[1][1]) {
                shown.push(row);
            }
        }
        return shown;
    }

    /** Whether the map is zoomed out too far to name every town. */
    function lowZoom(zoom, allLabelsFrom) {
        return zoom < allLabelsFrom;
    }

    /**
     * When to give up on a tile layer: feed it the layer's events, it calls fallBack at most once
     * per round (a round ends with reset). `clock` is {set, clear} (setTimeout, clearTimeout).
     */
    function tileWatch(options, fallBack, clock) {
        let errors = 0, loaded = false, timer = null;
        function fire() {
            clock.clear(timer);
            if (!loaded) { fallBack(); }
        }
        return {
            reset: function () {
                errors = 0;
                loaded = false;
                clock.clear(timer);
                timer = null;
            },
            start: function () {
                if (!loaded && timer === null) { timer = clock.set(fire, options.timeoutMs); }
            },
            loaded: function () {
                loaded = true;
                clock.clear(timer);
            },
            error: function () {
                errors += 1;
                if (errors >= options.maxErrors) { fire(); }
            },
        };
    }

    function addStyle(id, css) {
        // Added by script, not in the page header: streamlit-folium passes on each map's scripts
        // but not the headers of a DualMap's two maps.
        if (document.getElementById(id)) { return; }
        const style = document.createElement("style");
        style.id = id;
        style.textContent = css;
        document.head.appendChild(style);
    }

    // one fetch per file and page, shared by the maps of a comparison
    function load(url) {
        const files = window.strikesBasemapFiles = window.strikesBasemapFiles || {};
        return files[url] = files[url] || fetch(url).then(function (response) {
            if (!response.ok) { throw new Error(url + ": HTTP " + response.status); }
            return response.json();
        });
    }

    function strikeBasemap(map, o) {
        addStyle("strikes-basemap-css", o.css);
        o.panes.forEach(function (pane) {
            if (!map.getPane(pane[0])) {
                const created = map.createPane(pane[0]);
                created.style.zIndex = pane[1];
                created.style.pointerEvents = pane[2];
            }
        });
        function declutter() {
            map.getContainer().classList.toggle("strikes-zoom-low", lowZoom(map.getZoom(), o.allLabelsFrom));
        }
        map.on("zoomend", declutter);
        map.whenReady(declutter);

        const layer = L.featureGroup([], {attribution: o.attribution});
        const inert = {pane: o.shapes, interactive: false};
        // under Belarus' detailed shapes, on one canvas (Leaflet stacks a pane's SVG over its canvas): the sea,
        // then, once needed, the world's countries, regions and water; for a print (o.vector) as SVG, which a
        // PDF keeps as vectors where it would keep a canvas as a bitmap
        const world = o.vector ? L.svg({pane: o.world.pane}) : L.canvas({pane: o.world.pane});
        L.rectangle([[-85, -180], [85, 180]], {stroke: false, fillColor: o.background, fillOpacity: 1,
                                               pane: o.world.pane, interactive: false, renderer: world})
            .addTo(layer);
        strikeWorld(map, layer, o, world);
        function marked() {
            if (layer._map) { layer._map.getContainer().classList.add(o.drawn); }
        }
        const drawn = Promise.all([o.urls.base, o.urls.urban, o.urls.water, o.urls.transport].map(load)).then(function (data) {
            const base = data[0], transport = data[3];
            L.geoJSON(base, {filter: byKind("oblast"), pane: o.shapes, style: o.oblast, onEachFeature: function (feature, shape) {
                shape.bindTooltip(document.createTextNode(placeName(o.names.oblasts, feature.properties.name)),
                                  {sticky: true});
                // the tooltip's focus listeners make Chromium's SVG shape a Tab stop with no name: the oblasts
                // are background (their names are on the map), not something to stop at
                shape.on("add", function () { shape.getElement().setAttribute("tabindex", "-1"); });
            }}).addTo(layer);
            L.geoJSON(data[1], fillStyle(o.urban, inert)).addTo(layer);
            L.geoJSON(data[2], fillStyle(o.water, inert)).addTo(layer);
            ["road", "major_road", "railway"].forEach(function (name) {
                L.geoJSON(transport, Object.assign({filter: byKind(name), style: o[name]}, inert)).addTo(layer);
            });
            L.geoJSON(base, Object.assign({filter: byKind("country"), style: o.border}, inert)).addTo(layer);
            L.geoJSON(base, {filter: byKind("town"), pointToLayer: function (feature, at) {
                return L.circleMarker(at, Object.assign({radius: 2.5}, o.town, inert))
                    .bindTooltip(document.createTextNode(placeName(o.names.towns, feature.properties.geonameid,
                                                               feature.properties.name)),
                                 townLabel(feature.properties, o.labelLeft, o.labels));
            }}).addTo(layer);
        }).catch(function (error) { console.error("offline base map:", error); });
        layer.on("add", function () { drawn.then(marked); });
        layer.on("remove", function () { map.getContainer().classList.remove(o.drawn); });
        return layer;
    }

    /**
     * The world under Belarus' detailed layer, fetched only once needsWorld: countries (land and borders),
     * large lakes and rivers, first-level regions from o.world.regionsFrom, and the towns a zoom can name.
     * o.world: {urls: {countries, water, regions, towns} (app URLs, or data: URLs of the export's area;
     * any may be missing), pane, detail, dataBounds, land, border, region, townSteps, townLimit}.
     */
    function strikeWorld(map, layer, o, renderer) {
        const w = o.world;
        // a canvas for thousands of regions and towns: as SVG they would slow every pan
        const inert = {pane: w.pane, interactive: false, renderer: renderer};
        const towns = L.layerGroup();
        let started = false, regions = false, rows = [];
        function nameTowns() {
            towns.clearLayers();
            if (!layer._map || !rows.length) { return; }
            const b = map.getBounds();
            const bounds = [[b.getSouth(), b.getWest()], [b.getNorth(), b.getEast()]];
            townsInView(rows, bounds, map.getZoom(), w.townSteps, w.townLimit).forEach(function (row) {
                L.circleMarker([row[1], row[2]], Object.assign({radius: 2.5}, o.town, inert))
                    .bindTooltip(document.createTextNode(row[0]), townLabel({world: true}, [], o.labels))
                    .addTo(towns);
            });
        }
        function update() {
            if (!layer._map) { return; }
            const c = map.getCenter();
            if (!started && needsWorld([c.lat, c.lng], w.dataBounds, w.detail)) {
                started = true;
                towns.addTo(layer);
                const wanted = [w.urls.countries, w.urls.water, w.urls.towns];
                Promise.all(wanted.map(function (url) { return url ? load(url) : null; })).then(function (data) {
                    if (data[0]) {
                        L.geoJSON(data[0], Object.assign({style: w.land}, inert)).addTo(layer);
                    }
                    if (data[1]) { L.geoJSON(data[1], fillStyle(o.water, inert)).addTo(layer); }
                    if (data[0]) {
                        L.geoJSON(data[0], Object.assign({style: w.border}, inert)).addTo(layer);
                    }
                    rows = data[2] ? data[2].towns : [];
                    nameTowns();
                }).catch(function (error) { console.error("offline world map:", error); });
            }
            if (started && !regions && w.urls.regions && map.getZoom() >= w.regionsFrom) {
                regions = true;
                load(w.urls.regions).then(function (data) {
                    L.geoJSON(data, Object.assign({style: w.region}, inert)).addTo(layer);
                }).catch(function (error) { console.error("offline world regions:", error); });
            }
            nameTowns();
        }
        map.on("moveend", update);
        layer.on("add", update);
    }

    function strikeTileFallback(map, tiles, offline, options) {
        const watch = tileWatch(options, function () {
            if (!map.hasLayer(tiles)) { return; }
            map.removeLayer(tiles);
            map.addLayer(offline);
        }, {set: function (fn, ms) { return setTimeout(fn, ms); }, clear: function (id) { clearTimeout(id); }});
        tiles.on({remove: watch.reset, tileloadstart: watch.start, tileload: watch.loaded, tileerror: watch.error});
        // The layer was added, and its first tiles requested, before this script ran
        // (as on every add: Leaflet requests tiles before it fires 'add').
        if (map.hasLayer(tiles) && tiles.isLoading()) { watch.start(); }
        return watch;
    }

    if (typeof L !== "undefined") {
        L.strikeBasemap = strikeBasemap;
        L.strikeTileFallback = strikeTileFallback;
    }

    if (typeof module !== "undefined" && module.exports) {
        module.exports = {byKind: byKind, fillStyle: fillStyle, townLabel: townLabel, placeName: placeName,
                          lowZoom: lowZoom, tileWatch: tileWatch, needsWorld: needsWorld, townsInView: townsInView};
    }
})();
