// The edition's address: the app's parameters, every value checked (node --test static/js/test/).
const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");

const A = require(path.join(__dirname, "..", "edition-address.js"));

const KNOWN = {
    options: {wave: ["august", "november"], sector: ["health", "mining"], oblast: ["Minsk"], town: ["Minsk"], type: ["strike"]},
    span: ["2020-08-10", "2020-10-27"], play: ["2020-08-09", "2020-11-30"], waves: ["august", "november"],
};

test("a link's filters, day, view and place are read as the app reads them", () => {
    const s = A.parse("?sector=mining&sector=health&from=2020-08-12&day=2020-08-11&view=compare&lang=be&lat=53.9&lon=27.5&z=9", KNOWN);
    assert.equal(s.lang, "be");
    assert.deepEqual(s.filters.sector, ["mining", "health"]);
    assert.equal(s.filters.from, "2020-08-12");
    assert.equal(s.filters.to, null);
    assert.equal(s.day, "2020-08-11");
    assert.equal(s.view, "compare");
    assert.deepEqual(s.view_, {lat: 53.9, lon: 27.5, z: 9});
});

test("unknown or hostile values are dropped, never kept", () => {
    const s = A.parse("?sector=<img src=x onerror=alert(1)>&lang=xx&from=2020-13-01&to=nope&day=1999-01-01" +
                      "&view=<b>&z=5.5.5&lat=1&lon=1&pair=august&pair=august", KNOWN);
    assert.deepEqual(s.filters.sector, []);
    assert.equal(s.lang, "en");
    assert.equal(s.filters.from, null);
    assert.equal(s.filters.to, null);
    assert.equal(s.day, null);
    assert.equal(s.view, "map");
    assert.equal(s.view_, null);
    assert.equal(s.pair, null);
    assert.equal(A.parseView("91", "0", "5"), null);
    assert.equal(A.parseView("50", "0", "19"), null);
    assert.deepEqual(A.parseView("53.9", "27.5", "6.25"), {lat: 53.9, lon: 27.5, z: 6.25});  // a fitted map's zoom
});

test("dates are clamped to the data, and crossed ends mean the whole span", () => {
    assert.deepEqual(A.parse("?from=2019-01-01&to=2030-01-01", KNOWN).filters.from, null);
    const crossed = A.parse("?from=2020-10-01&to=2020-09-01", KNOWN).filters;
    assert.deepEqual([crossed.from, crossed.to], [null, null]);
});

test("a state is written in the app's order, and read back the same", () => {
    const query = "?from=2020-08-12&sector=health&sector=mining&day=2020-08-11&view=compare&lang=ru&lat=53.90000&lon=27.50000&z=9";
    const state = A.parse(query, KNOWN);
    assert.equal("?" + A.format(state, KNOWN), query);
    assert.equal(A.format(A.parse("", KNOWN), KNOWN), "");
});
