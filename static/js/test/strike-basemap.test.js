// The offline base layer's pure parts, without a browser: node --test static/js/test/
// (tests/unit/test_js.py runs this and eslint; tests/unit/test_basemap.py draws the layer in Chromium).
const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");

const {byKind, fillStyle, townLabel, placeName, lowZoom, tileWatch, needsWorld, townsInView} = require(path.join(__dirname, "..", "strike-basemap.js"));

// A clock whose timers run only when told to.
function fakeClock() {
    const clock = {timers: new Map(), next: 1};
    clock.set = function (fn, ms) { const id = clock.next++; clock.timers.set(id, {fn: fn, ms: ms}); return id; };
    clock.clear = function (id) { clock.timers.delete(id); };
    clock.runAll = function () {
        const due = [...clock.timers.values()];
        clock.timers.clear();
        due.forEach(function (timer) { timer.fn(); });
    };
    return clock;
}

function watched(options) {
    const clock = fakeClock(), calls = {n: 0};
    const watch = tileWatch(Object.assign({maxErrors: 3, timeoutMs: 6000}, options), function () { calls.n += 1; }, clock);
    return {watch: watch, clock: clock, calls: calls};
}

test("byKind: keeps the features of one kind", () => {
    const features = [{properties: {kind: "town"}}, {properties: {kind: "oblast"}}, {properties: {kind: "town"}}];
    assert.equal(features.filter(byKind("town")).length, 2);
    assert.equal(features.filter(byKind("oblast")).length, 1);
    assert.equal(features.filter(byKind("road")).length, 0);
});

test("fillStyle: a plain, unstroked fill in the layer's pane, not clickable", () => {
    const inert = {pane: "strikesBasemap", interactive: false};
    assert.deepEqual(fillStyle("#9cc3e6", inert), {
        style: {stroke: false, fillColor: "#9cc3e6", fillOpacity: 1}, pane: "strikesBasemap", interactive: false,
    });
    assert.deepEqual(inert, {pane: "strikesBasemap", interactive: false}); // not changed
});

test("placeName: the page's name for the place where it has one, else the file's", () => {
    const towns = {"622428": "Салігорск", "0": ""};
    assert.equal(placeName(towns, "622428", "Soligorsk"), "Салігорск");
    assert.equal(placeName(towns, "630376", "Barysaw"), "Barysaw");
    assert.equal(placeName({"Minsk City": "горад Мінск"}, "Minsk City"), "горад Мінск");
    assert.equal(placeName({}, "toString"), "toString");  // no inherited member is taken for a name
});

const DETAIL = [[50.9, 22.8], [56.5, 33.1]];

test("needsWorld: not while view and data stay in Belarus; once either leaves it", () => {
    assert.equal(needsWorld([53.9, 27.6], [[51.3, 23.5], [55.8, 31.0]], DETAIL), false);  // the curated map
    assert.equal(needsWorld([53.9, 27.6], null, DETAIL), false);
    assert.equal(needsWorld([50.4, 30.5], [[51.3, 23.5], [55.8, 31.0]], DETAIL), true);  // panned to Kyiv
    assert.equal(needsWorld([53.9, 27.6], [[41.0, -93.3], [45.0, 27.6]], DETAIL), true);  // data abroad
});

test("townsInView: the zoom's largest towns inside the view, largest first, at most the limit", () => {
    const rows = [["Big", 10, 10, 2000000, "XX"], ["Out", 50, 50, 1500000, "XX"], ["Mid", 11, 11, 300000, "XX"],
                  ["Small", 12, 12, 20000, "XX"]];
    const view = [[0, 0], [20, 20]], steps = [[4, 1000000], [6, 200000], [9, 15000]];
    assert.deepEqual(townsInView(rows, view, 3, steps, 10).map(r => r[0]), []);
    assert.deepEqual(townsInView(rows, view, 5, steps, 10).map(r => r[0]), ["Big"]);
    assert.deepEqual(townsInView(rows, view, 7, steps, 10).map(r => r[0]), ["Big", "Mid"]);
    assert.deepEqual(townsInView(rows, view, 9, steps, 10).map(r => r[0]), ["Big", "Mid", "Small"]);
    assert.deepEqual(townsInView(rows, view, 9, steps, 1).map(r => r[0]), ["Big"]);
});

test("townLabel: a world town's label is never hidden at low zoom", () => {
    assert.match(townLabel({world: true}, [], "labels").className, /strikes-world-town/);
    assert.doesNotMatch(townLabel({name: "Lida"}, [], "labels").className, /strikes-world-town/);
});

test("townLabel: right of the town, left where listed, bold for a capital", () => {
    const right = townLabel({geonameid: "625144", name: "Minsk", capital: true}, ["624784"], "labels");
    assert.deepEqual(right, {permanent: true, direction: "right", offset: [3, 0], pane: "labels",
                             className: "strikes-town-label strikes-capital"});
    const left = townLabel({geonameid: "624784", name: "Novopolotsk"}, ["624784"], "labels");
    assert.equal(left.direction, "left");
    assert.deepEqual(left.offset, [-3, 0]);
    assert.equal(left.className, "strikes-town-label");
});

test("lowZoom: only below the zoom where every town is named", () => {
    assert.equal(lowZoom(6, 8), true);
    assert.equal(lowZoom(7.5, 8), true);
    assert.equal(lowZoom(8, 8), false);
    assert.equal(lowZoom(12, 8), false);
});

test("tileWatch: falls back after maxErrors tile errors", () => {
    const {watch, calls} = watched({maxErrors: 3});
    watch.start();
    watch.error();
    watch.error();
    assert.equal(calls.n, 0);
    watch.error();
    assert.equal(calls.n, 1);
});

test("tileWatch: falls back when the clock runs out with no tile loaded", () => {
    const {watch, clock, calls} = watched({timeoutMs: 2500});
    watch.start();
    watch.start(); // one clock per round, however many tiles are requested
    assert.equal(clock.timers.size, 1);
    assert.equal([...clock.timers.values()][0].ms, 2500);
    clock.runAll();
    assert.equal(calls.n, 1);
});

test("tileWatch: never falls back once a tile has loaded", () => {
    const {watch, clock, calls} = watched({maxErrors: 2});
    watch.start();
    watch.loaded();
    assert.equal(clock.timers.size, 0); // the clock is stopped
    watch.error();
    watch.error();
    watch.error();
    watch.start();
    clock.runAll();
    assert.equal(calls.n, 0);
});

test("tileWatch: a reset (the tile layer removed) starts a new round", () => {
    const {watch, clock, calls} = watched({maxErrors: 2});
    watch.start();
    watch.loaded();
    watch.reset();
    watch.error();
    assert.equal(calls.n, 0); // the errors were counted afresh
    watch.error();
    assert.equal(calls.n, 1);
    watch.reset();
    watch.start();
    assert.equal(clock.timers.size, 1);
    watch.reset();
    assert.equal(clock.timers.size, 0);
});
