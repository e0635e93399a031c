// The review page's pure parts, without a browser: node --test static/js/test/
// (tests/unit/test_js.py runs this and eslint; tests/unit/test_curate.py writes the page).
const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");

const {layersOf, boundsOf} = require(path.join(__dirname, "..", "curate-review.js"));

const workplace = {
    name: "Naftan oil refinery",
    point: [55.52618, 28.59308],
    candidates: [
        {ref: "way/5", lat: 55.50, lon: 28.55, name: "Нафтан", sources: ["overpass", "nominatim"],
            outline: [[[55.49, 28.54], [55.51, 28.54], [55.51, 28.56], [55.49, 28.56]]]},
        {ref: "Q7", lat: 55.45, lon: 28.75, name: "", sources: ["wikidata"], outline: []},
    ],
};

test("layersOf: today's point first, then each candidate's outline before its numbered point", () => {
    const layers = layersOf(workplace);
    assert.deepEqual(layers.map(function (l) { return l.kind; }), ["today", "outline", "candidate", "candidate"]);
    assert.equal(layers[2].number, 1);
    assert.equal(layers[2].label, "1. way/5 Нафтан");
    assert.equal(layers[3].label, "2. Q7");
    assert.equal(layers[3].source, "wikidata");
});

test("layersOf: an unplaced workplace has no point of today", () => {
    const layers = layersOf({name: "x", point: null, candidates: []});
    assert.deepEqual(layers, []);
});

test("boundsOf: the box around today's point, the outlines and the candidates; null when empty", () => {
    assert.deepEqual(boundsOf(layersOf(workplace)), [[55.45, 28.54], [55.52618, 28.75]]);
    assert.equal(boundsOf([]), null);
});
