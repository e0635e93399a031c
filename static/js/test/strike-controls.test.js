// The small controls' pure parts, without a browser: node --test static/js/test/
// (tests/unit/test_js.py runs this and eslint; tests/browser/test_browser.py clicks them in Chromium).
const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");

const {startsFolded, fitOptions, unionBounds, popupFit, overlapsAny, firstClear} = require(path.join(__dirname, "..", "strike-controls.js"));

// Just enough of L.LatLngBounds: [south, west, north, east].
function box(south, west, north, east) {
    const b = {s: south, w: west, n: north, e: east};
    b.isValid = function () { return b.s <= b.n && b.w <= b.e; };
    b.getSouthWest = function () { return [b.s, b.w]; };
    b.getNorthEast = function () { return [b.n, b.e]; };
    b.extend = function (other) {
        b.s = Math.min(b.s, other.s); b.w = Math.min(b.w, other.w);
        b.n = Math.max(b.n, other.n); b.e = Math.max(b.e, other.e);
        return b;
    };
    return b;
}

function make(sw, ne) { return box(sw[0], sw[1], ne[0], ne[1]); }

function layer(bounds, sites = true) {
    return {strikeSites: sites, getBounds: function () { return bounds; }};
}

test("startsFolded: only on a screen narrower than collapseBelow", () => {
    assert.equal(startsFolded(390, 1100), true);
    assert.equal(startsFolded(1099, 1100), true);
    assert.equal(startsFolded(1100, 1100), false);
    assert.equal(startsFolded(390, 0), false); // 0: never folded
});

test("fitOptions: room for the legend only where it starts open", () => {
    assert.deepEqual(fitOptions(1280, 1100), {paddingTopLeft: [56, 24], paddingBottomRight: [250, 24], maxZoom: 12});
    assert.deepEqual(fitOptions(1100, 1100).paddingBottomRight, [250, 24]);
    assert.deepEqual(fitOptions(700, 1100), {paddingTopLeft: [56, 24], paddingBottomRight: [24, 24], maxZoom: 12});
    // a phone's map: only the zoom buttons' width, so the data fills it
    assert.deepEqual(fitOptions(358, 1100), {paddingTopLeft: [44, 16], paddingBottomRight: [12, 16], maxZoom: 12});
});

test("unionBounds: every site layer's extent, and nothing else's", () => {
    const minsk = box(53.8, 27.4, 54.0, 27.7), gomel = box(52.3, 30.9, 52.5, 31.1);
    const tiles = box(-85, -180, 85, 180);
    const found = unionBounds([layer(tiles, false), layer(minsk), {}, layer(gomel)], make);
    assert.deepEqual([found.getSouthWest(), found.getNorthEast()], [[52.3, 27.4], [54.0, 31.1]]);
    // the layers' own bounds are copied, not extended
    assert.deepEqual([minsk.getSouthWest(), minsk.getNorthEast()], [[53.8, 27.4], [54.0, 27.7]]);
});

test("unionBounds: null with no site layer or only empty ones", () => {
    assert.equal(unionBounds([], make), null);
    assert.equal(unionBounds([layer(box(1, 1, 0, 0))], make), null); // an empty group's bounds are invalid
    assert.equal(unionBounds([layer(box(53, 27, 54, 28), false)], make), null);
});

test("a popup fits a phone's map and keeps its size on a wide one", () => {
    const phone = popupFit(358, 620);
    assert.equal(phone.maxWidth, 298);
    assert.equal(phone.maxHeight, 360);
    const laptop = popupFit(1000, 620);
    assert.equal(laptop.maxWidth, 380);
    const tiny = popupFit(150, 150);
    assert.deepEqual([tiny.maxWidth, tiny.maxHeight], [160, 120]);
});

test("overlapsAny: a control's box against the markers' boxes, touching edges not overlapping", () => {
    const scale = {left: 10, top: 700, right: 110, bottom: 740};
    assert.equal(overlapsAny(scale, [{left: 100, top: 720, right: 126, bottom: 746}]), true);
    assert.equal(overlapsAny(scale, [{left: 110, top: 700, right: 136, bottom: 726}]), false);
    assert.equal(overlapsAny(scale, []), false);
});

test("firstClear: the first corner where the control covers no marker, else null", () => {
    const covered = new Set(["bottomleft", "topright"]);
    const tried = [];
    const covers = (corner) => { tried.push(corner); return covered.has(corner); };
    assert.equal(firstClear(["bottomleft", "topright", "bottomright", "topleft"], covers), "bottomright");
    assert.deepEqual(tried, ["bottomleft", "topright", "bottomright"]);  // its own corner first, and no further
    assert.equal(firstClear(["bottomleft", "topright"], covers), null);
});
