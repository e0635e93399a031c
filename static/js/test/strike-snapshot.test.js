// A snapshot's fit, without a browser: node --test static/js/test/
// (tests/unit/test_js.py runs this and eslint; tests/browser/test_export_browser.py draws snapshots in Chromium).
const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");

const {snapshotZoom, straddles} = require(path.join(__dirname, "..", "strike-snapshot.js"));

test("snapshotZoom: the zoom that shows the whole view, never closer than the reader was", () => {
    assert.equal(snapshotZoom(6.4, 8), 6.4);  // a card smaller than the reader's map: zoomed out, by a fraction
    assert.equal(snapshotZoom(9.2, 8), 8);    // a page bigger than it: the reader's zoom, with more round it
});

test("straddles: a marker across the frame's edge, not one inside or wholly outside", () => {
    const frame = {left: 0, top: 100, right: 1200, bottom: 600};
    assert.equal(straddles({left: 10, top: 580, right: 36, bottom: 606}, frame), true);   // cut at the bottom
    assert.equal(straddles({left: -5, top: 300, right: 21, bottom: 326}, frame), true);   // cut at the left
    assert.equal(straddles({left: 10, top: 560, right: 36, bottom: 586}, frame), false);  // whole
    assert.equal(straddles({left: 10, top: 640, right: 36, bottom: 666}, frame), false);  // not in the picture
    assert.equal(straddles({left: 10, top: 574, right: 36, bottom: 600}, frame), false);  // touching the edge, whole
});
