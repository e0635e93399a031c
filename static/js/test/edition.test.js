// The edition page's pure parts: downloads, sorting, the embed's height message (node --test static/js/test/).
const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");

const E = require(path.join(__dirname, "..", "edition.js"));

test("a CSV cell that a spreadsheet would run is made text, as strikes/core/csvsafe.py does", () => {
    assert.equal(E.csvCell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
    assert.equal(E.csvCell("-12"), "-12");
    assert.equal(E.csvCell("@sum"), "'@sum");
    assert.equal(E.csvCell("'quoted"), "''quoted");
    assert.equal(E.csvCell("a,b"), "\"a,b\"");
    assert.equal(E.csvCell(null), "");
    assert.equal(E.csvCell(true), "True");
    assert.equal(E.csvCell(53.9), "53.9");
});

test("the CSV starts with a byte-order mark and ends lines in CRLF", () => {
    const text = E.csvText([E.EVENT_COLUMNS.map(function (c) { return c === "name" ? "+x" : null; })]);
    assert.ok(text.startsWith("\ufeffevent_id,site_id,name,"));
    assert.equal(text.split("\r\n")[1].split(",")[2], "'+x");
    assert.ok(text.endsWith("\r\n"));
});

test("GeoJSON has a point per located site with its actions, the rest unlocated", () => {
    const event = function (id, site, lat) {
        const e = {};
        for (const c of E.EVENT_COLUMNS) { e[c] = null; }
        return Object.assign(e, {event_id: id, site_id: site, lat: lat, lon: lat === null ? null : 27.1234567});
    };
    const out = E.geojson([event("e1", "a", 53.9), event("e2", "a", 53.9), event("e3", "b", null)]);
    assert.equal(out.features.length, 1);
    assert.deepEqual(out.features[0].geometry.coordinates, [27.123457, 53.9]);
    assert.equal(out.features[0].properties.actions.length, 2);
    assert.equal(out.unlocated[0].site_id, "b");
});

test("rows sort by number or by the language's order, stable, either way", () => {
    const rows = [{n: "b", k: 2}, {n: "a", k: 10}, {n: "B", k: 1}];
    assert.deepEqual(E.sortRows(rows, "k", true, "en").map(function (r) { return r.k; }), [1, 2, 10]);
    assert.deepEqual(E.sortRows(rows, "n", false, "en").map(function (r) { return r.k; }), [2, 1, 10]);
});

test("the embed's height goes out as Datawrapper's message, and a template is filled", () => {
    assert.deepEqual(E.heightMessage("strikes", 611.2), {"datawrapper-height": {strikes: 612}});
    assert.equal(E.format("{a} and {b}", {a: 1}), "1 and {b}");
});

test("a download is named by the data and its filters, as strikes.export.file_name names an export", () => {
    assert.equal(E.fileName("belarus-strikes-2020", {sector: ["mining", "chemicals"], from: "2020-10-26", to: "2020-10-26"}, "csv"),
                 "belarus-strikes-2020_mining-chemicals_2020-10-26.csv");
    assert.equal(E.fileName("x", {town: ["Мінск", "A", "B", "C"], from: "2020-08-10"}, "geojson"), "x_4-towns_from-2020-08-10.geojson");
    assert.equal(E.fileName("x", {oblast: ["Minsk City"], type: ["../evil"]}, "csv"), "x_minsk-city_evil.csv");
});
