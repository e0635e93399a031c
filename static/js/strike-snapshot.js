/*
 * A snapshot's map: the reader's whole view inside whatever shape the snapshot has, no marker cut at its
 * edge, and nothing printed over a marker (strikes/page/frame.py hands it its data and adds it to a map):
 *
 *     L.strikeSnapshot(map, {bounds: [[s, w], [n, e]], centre: [lat, lon] or null, maxZoom: 9, padding: 16,
 *                            footer: ".strike-foot", fitted: "strike-snapshot-fitted"});
 *
 * A social card or a print page is not the shape of the reader's map. Opened on the reader's centre and
 * zoom it would cut their view to a strip; instead the map keeps the reader's centre (or the middle of
 * `bounds`) and zooms out, by fractions of a zoom level (zoomSnap 0), until `bounds` (the reader's view,
 * or the data's extent) is inside with `padding` pixels to spare, never past maxZoom (the reader's own
 * zoom). Then, once the site layers are drawn, it zooms out a little further while any marker or cluster
 * stands across the map's edge. The scale bar and attribution move out of the map into the footer, under
 * it, where they cover no marker. The container gets the class `fitted` when done, and
 * window.strikeSnapshot.fit() does it again (after the page's header changed height) and returns the
 * map's bounds ([[s, w], [n, e]]), so the title can count the sites the picture shows.
 *
 * In node (static/js/test) the pure parts are module.exports: snapshotZoom, straddles.
 */
(function () {
    "use strict";

    const MARKERS = ".strike-marker, .strike-cluster-icon";
    const STEP = 0.1; // how far to zoom out, each time a marker stands across the edge
    const STEPS = 30;

    /** The zoom that shows the whole of bounds (boundsZoom, Leaflet's getBoundsZoom) but never past maxZoom. */
    function snapshotZoom(boundsZoom, maxZoom) {
        return Math.min(boundsZoom, maxZoom);
    }

    /**
     * Whether a box ({left, top, right, bottom}) stands across the edge of another: partly inside, partly out.
     * A box wholly outside is not drawn in the picture; one wholly inside is whole.
     */
    function straddles(box, frame) {
        const meets = box.right > frame.left && box.left < frame.right && box.bottom > frame.top && box.top < frame.bottom;
        const inside = box.left >= frame.left && box.right <= frame.right && box.top >= frame.top && box.bottom <= frame.bottom;
        return meets && !inside;
    }

    if (typeof L !== "undefined") {
        L.strikeSnapshot = function (map, o) {
            const container = map.getContainer();
            const footer = document.querySelector(o.footer);
            if (footer) {
                const notes = L.DomUtil.create("div", "strike-map-notes");
                footer.insertBefore(notes, footer.firstChild);
                [".leaflet-control-scale", ".leaflet-control-attribution"].forEach(function (selector) {
                    const control = container.querySelector(selector);
                    if (control) { notes.appendChild(control); }
                });
            }
            map.options.zoomSnap = 0;
            const bounds = L.latLngBounds(o.bounds), pad = L.point(2 * o.padding, 2 * o.padding);

            function cut() {
                const frame = container.getBoundingClientRect();
                return Array.prototype.some.call(container.querySelectorAll(MARKERS), function (marker) {
                    return straddles(marker.getBoundingClientRect(), frame);
                });
            }

            function fit() {
                map.invalidateSize({pan: false});
                const centre = o.centre ? L.latLng(o.centre) : bounds.getCenter();
                let zoom = snapshotZoom(map.getBoundsZoom(bounds, false, pad), o.maxZoom);
                map.setView(centre, zoom, {animate: false});
                for (let step = 0; step < STEPS && cut(); step++) {
                    zoom -= STEP;
                    map.setView(centre, zoom, {animate: false});
                }
                const shown = map.getBounds();
                return [[shown.getSouth(), shown.getWest()], [shown.getNorth(), shown.getEast()]];
            }

            const layers = [];
            map.eachLayer(function (layer) { if (layer.strikeSites && layer.ready) { layers.push(layer.ready); } });
            fit();
            Promise.all(layers).then(function () {
                fit();
                container.classList.add(o.fitted);
            });
            window.strikeSnapshot = {fit: fit, centre: function () { return map.getCenter(); }};
        };
    }

    if (typeof module !== "undefined" && module.exports) {
        module.exports = {snapshotZoom: snapshotZoom, straddles: straddles};
    }
})();
