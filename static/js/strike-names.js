/*
 * Leaflet's own words on a map, in the reader's language (strikes/page/access.py hands them over):
 *
 *     L.strikeNames(map, {zoomIn: "Наблізіць", zoomOut: "Аддаліць", layers: "Пласты мапы", close: "Закрыць",
 *                         leaflet: "Бібліятэка JavaScript для інтэрактыўных карт"});
 *
 * Leaflet names its zoom buttons, its layers button, a popup's close button and its own credit link in
 * English ("Zoom in", "Layers", "Close popup", "A JavaScript library for interactive maps"); a screen reader
 * on a Belarusian page would read them so. Each gets the reader's word as its name and its hover text.
 *
 * In node (static/js/test) the pure part is module.exports: NAMED.
 */
(function () {
    "use strict";

    // Leaflet's controls, by the word that names each.
    const NAMED = [[".leaflet-control-zoom-in", "zoomIn"], [".leaflet-control-zoom-out", "zoomOut"],
                   [".leaflet-control-layers-toggle", "layers"], [".leaflet-popup-close-button", "close"],
                   [".leaflet-control-attribution a[href*='leafletjs.com']", "leaflet"]];

    /** Every control of NAMED inside `root` named with its word. */
    function name(root, words) {
        NAMED.forEach(function (pair) {
            const word = words[pair[1]];
            if (!word) { return; }
            root.querySelectorAll(pair[0]).forEach(function (node) {
                node.title = word;
                if (pair[1] !== "leaflet") { node.setAttribute("aria-label", word); }
            });
        });
    }

    if (typeof L !== "undefined") {
        L.strikeNames = function (map, words) {
            const container = map.getContainer(), controls = container.querySelector(".leaflet-control-container");
            name(container, words);
            // controls added after this one (the layers button), and the credits as layers bring theirs
            if (controls) {
                new MutationObserver(function () { name(controls, words); }).observe(controls, {childList: true, subtree: true});
            }
            map.on("popupopen", function (event) { name(event.popup.getElement(), words); });
        };
    }

    if (typeof module !== "undefined" && module.exports) {
        module.exports = {NAMED: NAMED, name: name};
    }
})();
