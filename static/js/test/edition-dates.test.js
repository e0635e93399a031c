// The edition's date selects (edition-dates.js), without a browser: node --test static/js/test/
const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");

const {parts, daysInMonth, compose, choices} = require(path.join(__dirname, "..", "edition-dates.js"));

const SPAN = ["2020-08-10", "2020-10-26"];

test("a date's parts, and a month's length, leap years too", () => {
    assert.deepEqual(parts("2020-08-10"), [2020, 8, 10]);
    assert.equal(daysInMonth(2020, 2), 29);
    assert.equal(daysInMonth(2021, 2), 28);
    assert.equal(daysInMonth(2020, 9), 30);
});

test("a day the month has not is cut to its last; a date outside the span is its nearest end", () => {
    assert.equal(compose(2020, 9, 31, SPAN), "2020-09-30");
    assert.equal(compose(2020, 10, 31, SPAN), "2020-10-26");
    assert.equal(compose(2020, 8, 1, SPAN), "2020-08-10");
    assert.equal(compose(2020, 9, 5, SPAN), "2020-09-05");
});

test("each select offers only what the span holds", () => {
    assert.deepEqual(choices("2020-08-10", SPAN), {years: [2020], months: [8, 9, 10], days: [...Array(22).keys()].map((k) => k + 10), value: [2020, 8, 10]});
    assert.deepEqual(choices("2020-10-26", SPAN).days, [...Array(26).keys()].map((k) => k + 1));
    assert.equal(choices("2020-09-15", SPAN).days.length, 30);
    const long = ["2019-11-20", "2021-02-03"];
    assert.deepEqual(choices("2020-05-05", long).months, [...Array(12).keys()].map((k) => k + 1));
    assert.deepEqual(choices("2019-12-01", long).months, [11, 12]);
    assert.deepEqual(choices("2021-01-31", long), {years: [2019, 2020, 2021], months: [1, 2], days: [...Array(31).keys()].map((k) => k + 1), value: [2021, 1, 31]});
});
