// Leaflet's controls named in the reader's language (strike-names.js): node --test static/js/test/
const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");

const {NAMED, name} = require(path.join(__dirname, "..", "strike-names.js"));

// An element that remembers its attributes, and a root that finds them by the selectors of NAMED.
function element() {
    return {title: "", attributes: {}, setAttribute: function (k, v) { this.attributes[k] = v; }};
}

test("each of Leaflet's controls gets its word as its name and its hover text; the credit link its hover text", () => {
    const found = {};
    NAMED.forEach(function (pair) { found[pair[0]] = [element()]; });
    const root = {querySelectorAll: function (selector) { return found[selector] || []; }};
    const words = {zoomIn: "Наблізіць", zoomOut: "Аддаліць", layers: "Пласты мапы", close: "Закрыць", leaflet: "Бібліятэка"};
    name(root, words);
    NAMED.forEach(function (pair) {
        const node = found[pair[0]][0];
        assert.equal(node.title, words[pair[1]]);
        // the credit link's name is its text (Leaflet); the buttons' is their aria-label
        assert.equal(node.attributes["aria-label"], pair[1] === "leaflet" ? undefined : words[pair[1]]);
    });
    assert.deepEqual(NAMED.map((pair) => pair[1]).sort(), Object.keys(words).sort());
});

test("a word the map was not given leaves Leaflet's own", () => {
    const zoom = element();
    zoom.title = "Zoom in";
    name({querySelectorAll: () => [zoom]}, {});
    assert.equal(zoom.title, "Zoom in");
});
