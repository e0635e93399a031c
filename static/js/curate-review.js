// The review page of `make curate` (strikes/curate/review.py): one Leaflet map per workplace,
// today's town-centre point beside each candidate and its outline. The page's data is JSON in
// #curate-data; nothing here is fetched but OpenStreetMap's background tiles.
(function () {
    "use strict";

    const SOURCE_COLOURS = {overpass: "#1f5fa8", nominatim: "#7a3e9d", wikidata: "#9c4a00"};

    // What one workplace's map draws: today's point, then each candidate's outline rings and point,
    // numbered as the table below the map numbers them.
    function layersOf(workplace) {
        const layers = [];
        if (workplace.point) {
            layers.push({kind: "today", latlngs: [workplace.point], label: "today: the town centre"});
        }
        workplace.candidates.forEach(function (candidate, i) {
            const label = (i + 1) + ". " + candidate.ref + (candidate.name ? " " + candidate.name : "");
            candidate.outline.forEach(function (ring) {
                layers.push({kind: "outline", latlngs: ring, label: label, source: candidate.sources[0]});
            });
            layers.push({kind: "candidate", latlngs: [[candidate.lat, candidate.lon]], label: label,
                number: i + 1, source: candidate.sources[0]});
        });
        return layers;
    }

    // [[south, west], [north, east]] around every layer, or null for a map with nothing to show.
    function boundsOf(layers) {
        let box = null;
        layers.forEach(function (layer) {
            layer.latlngs.forEach(function (p) {
                if (!box) { box = [[p[0], p[1]], [p[0], p[1]]]; return; }
                box[0][0] = Math.min(box[0][0], p[0]); box[0][1] = Math.min(box[0][1], p[1]);
                box[1][0] = Math.max(box[1][0], p[0]); box[1][1] = Math.max(box[1][1], p[1]);
            });
        });
        return box;
    }

    function draw(element, workplace) {
        const map = L.map(element, {scrollWheelZoom: false});
        L.tileLayer("https://tile.openstreetmap.org/{z}/{x}/{y}.png", {
            maxZoom: 19,
            attribution: "&copy; <a href=\"https://www.openstreetmap.org/copyright\">OpenStreetMap</a> contributors",
        }).addTo(map);
        const layers = layersOf(workplace);
        layers.forEach(function (layer) {
            const colour = SOURCE_COLOURS[layer.source] || "#333333";
            let drawn;
            if (layer.kind === "today") {
                drawn = L.circleMarker(layer.latlngs[0], {radius: 9, color: "#222222", weight: 3, fill: false});
            } else if (layer.kind === "outline") {
                drawn = L.polygon(layer.latlngs, {color: colour, weight: 2, fillOpacity: 0.12});
            } else {
                drawn = L.circleMarker(layer.latlngs[0], {radius: 7, color: "#ffffff", weight: 2, fillColor: colour,
                    fillOpacity: 1});
                drawn.bindTooltip(String(layer.number), {permanent: true, direction: "right"});
            }
            drawn.bindPopup(document.createTextNode(layer.label));
            drawn.addTo(map);
        });
        const box = boundsOf(layers);
        if (box) { map.fitBounds(box, {padding: [24, 24], maxZoom: 16}); } else { map.setView([53.7, 27.9], 6); }
    }

    if (typeof document !== "undefined" && typeof L !== "undefined") {
        const data = JSON.parse(document.getElementById("curate-data").textContent);
        document.querySelectorAll(".curate-map").forEach(function (element) {
            draw(element, data[Number(element.dataset.index)]);
        });
    }

    if (typeof module !== "undefined" && module.exports) {
        module.exports = {layersOf: layersOf, boundsOf: boundsOf};
    }
})();
