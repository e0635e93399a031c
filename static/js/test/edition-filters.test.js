// The edition's filters without a browser: node --test static/js/test/ (tests/unit/test_js.py runs it).
// The Chromium parity test (tests/browser/test_publish_browser.py) holds them to strikes.core.filters.
const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");

const F = require(path.join(__dirname, "..", "edition-filters.js"));

// Four events on three sites, as strikes/publish/data.py codes them.
function column(values) {
    const uniques = [], codes = values.map(function (v) {
        let k = uniques.indexOf(v);
        if (k < 0) { uniques.push(v); k = uniques.length - 1; }
        return k;
    });
    return {values: uniques, codes: codes};
}

function dates(isos) {
    const c = column(isos);
    c.ms = c.values.map(function (v) { return Date.parse(v.length === 10 ? v + "T00:00:00Z" : v + "Z"); });
    return c;
}

const DATA = {
    columns: {
        event_id: column(["e1", "e2", "e3", "e4"]),
        site_id: column(["a", "a", "b", "c"]),
        lat: column([53.9, 53.9, 52.1, null]),
        wave: column(["august", "november", "august", "november"]),
        sector: column(["mining", "mining", "health", "health"]),
        oblast: column(["Minsk", "Minsk", "Brest", null]),
        town: column(["Minsk", "Minsk", "Brest", null]),
        action_type: column(["strike", "protest", "strike", "walkout"]),
        date_start: dates(["2020-08-10", "2020-10-26", "2020-08-12T12:00:00", "2020-10-26"]),
        date_end: dates(["2020-08-14", "2020-10-26", "2020-08-12T12:00:00", "2020-10-27"]),
    },
};
const TABLE = F.prepare(DATA);

test("no filter passes every event; the map shows the located sites only", () => {
    const all = F.mask(TABLE, {});
    assert.deepEqual(Array.from(all), [1, 1, 1, 1]);
    assert.deepEqual(F.shownSiteIds(TABLE, all), ["a", "b"]);
    assert.deepEqual(F.passingSites(TABLE, all), [0, 1, 2]);
});

test("dates bound the actions' spans, compared at midnight as pandas compares them", () => {
    assert.deepEqual(Array.from(F.mask(TABLE, {from: "2020-08-14"})), [1, 1, 0, 1]);
    assert.deepEqual(Array.from(F.mask(TABLE, {to: "2020-08-12"})), [1, 0, 0, 0]); // 12:00 starts after midnight
    assert.deepEqual(Array.from(F.mask(TABLE, {from: "2020-08-12", to: "2020-08-13"})), [1, 0, 1, 0]);
    assert.deepEqual(Array.from(F.mask(TABLE, F.onDay({}, "2020-10-27"))), [0, 0, 0, 1]);
});

test("each choice keeps its values; an unknown value matches nothing, as isin does", () => {
    assert.deepEqual(Array.from(F.mask(TABLE, {sector: ["health"]})), [0, 0, 1, 1]);
    assert.deepEqual(Array.from(F.mask(TABLE, {wave: ["november"], type: ["walkout", "protest"]})), [0, 1, 0, 1]);
    assert.deepEqual(Array.from(F.mask(TABLE, {town: ["Nowhere"]})), [0, 0, 0, 0]);
});

test("a site's status reads both waves, whatever the wave and date filters", () => {
    const status = F.siteStatus(TABLE, F.mask(TABLE, F.statusFilters({wave: ["august"], from: "2020-10-01"})), [0, 1]);
    assert.deepEqual(Array.from(status), [1, 0, 2]);
    assert.deepEqual(F.statusCounts(status), [1, 1, 1]);
    assert.deepEqual(F.whatChanged([1, 1, 1]), {first: 2, again: 1, joined: 1});
});

test("the pair is the chosen one when the data has both, else the first two in time", () => {
    assert.deepEqual(F.pickPair(["a", "b", "c"], ["c", "a"]), [2, 0]);
    assert.deepEqual(F.pickPair(["a", "b", "c"], ["c", "c"]), [0, 1]);
    assert.deepEqual(F.pickPair(["a"], null), [0, -1]);
});

test("playback: its days, the days with action, and the next day", () => {
    const [first, last] = F.playDays(["2020-08-10", "2020-10-27"]);
    assert.equal(F.isoDay(first), "2020-08-09");
    assert.equal(F.isoDay(last), "2020-11-30");
    const days = F.actionDays(TABLE, F.mask(TABLE, {}), first, last).map(F.isoDay);
    assert.deepEqual(days, ["2020-08-10", "2020-08-11", "2020-08-12", "2020-08-13", "2020-08-14", "2020-10-26", "2020-10-27"]);
    assert.equal(F.mostlyQuiet(days.length, first, last), true);
    assert.equal(F.nextPlayDay(first, last, null), first + 1);
    assert.equal(F.nextPlayDay(last, last, null), null);
    assert.equal(F.isoDay(F.nextPlayDay(F.dayNumber("2020-08-14"), last, F.actionDays(TABLE, F.mask(TABLE, {}), first, last))), "2020-10-26");
    assert.deepEqual(F.playDays(["2023-09-01", "2023-09-30"]).map(F.isoDay), ["2023-09-01", "2023-09-30"]);
});

test("a day that is not a day is no day", () => {
    assert.equal(F.dayNumber("2020-02-30"), null);
    assert.equal(F.dayNumber("<script>"), null);
    assert.equal(F.isoDay(F.dayNumber("2020-02-29")), "2020-02-29");
});
