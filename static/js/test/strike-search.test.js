// The search box's pure parts, without a browser: node --test static/js/test/
// (tests/unit/test_js.py runs this, eslint, and the parity of fold with strikes.data.gazetteer.name_key).
const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const vm = require("node:vm");

const PLUGIN = path.join(__dirname, "..", "strike-search.js");
const {fold, distance, searchIndex, matches, label, step, DEFAULT_LIMITS} = require(PLUGIN);

function site(id, names, detail = "") {
    return {kind: "site", id: id, label: names[0], detail: detail, lat: 53.9, lon: 27.56, names: names};
}

function town(id, names, detail = "") {
    return {kind: "town", id: id, label: names[0], detail: detail, lat: 53.9, lon: 27.56, names: names};
}

function ids(found) {
    return found.map(function (entry) { return entry.id; });
}

// Levenshtein's full table, to check the banded one against.
function levenshtein(a, b) {
    let above = Array.from({length: b.length + 1}, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
        const row = [i];
        for (let j = 1; j <= b.length; j++) {
            row[j] = Math.min(above[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1), above[j] + 1, row[j - 1] + 1);
        }
        above = row;
    }
    return above[b.length];
}

// A seeded generator, so a failure can be repeated.
function random(seed) {
    return function () {
        seed = (seed * 1103515245 + 12345) % 2147483648;
        return seed / 2147483648;
    };
}

test("fold: case, accents, apostrophes, punctuation and y as i", () => {
    assert.equal(fold("Homyel’"), "homiel");
    assert.equal(fold("Svyetlahorsk"), fold("Svietlahorsk"));
    assert.equal(fold("Żodino"), "zodino");
    assert.equal(fold("Z\u0307odino"), "zodino"); // a combining dot, not a precomposed letter
    assert.equal(fold("Салігорск"), "салігорск");
    assert.equal(fold("Кобрынʼ"), fold("Кобрын'"));
    assert.equal(fold("Кобрын’"), "кобрын");
    assert.equal(fold("ОАО «Гродно Азот»"), "оао гродно азот");
    assert.equal(fold("  grodno-azot__2020!  "), "grodno azot 2020");
    assert.equal(fold("St. Petersburg"), "st petersburg");
    assert.equal(fold(""), "");
    assert.equal(fold(" .'’ "), "");
});

test("fold: case-folds as Python's casefold, not just lower-cases", () => {
    assert.equal(fold("Straße"), "strasse");
    assert.equal(fold("STRASSE"), "strasse");
    assert.equal(fold("ẞ"), "ss"); // capital sharp s
    assert.equal(fold("İstanbul"), "istanbul"); // Turkish dotted capital I
    assert.equal(fold("ıi"), "ıi"); // dotless i stays: casefold keeps it
    assert.equal(fold("ΟΔΟΣ ΣΟΦΙΑΣ"), "οδοσ σοφιασ"); // final sigma
    assert.equal(fold("ᾼ"), "αι"); // iota subscript
    assert.equal(fold("ﬁeld"), "field");
});

test("distance: the edit distance up to `most`, most + 1 beyond", () => {
    assert.equal(distance("salihorsk", "salihorsk", 2), 0);
    assert.equal(distance("salihorsk", "salihorsc", 2), 1); // a letter changed
    assert.equal(distance("salihorsk", "salihrsk", 2), 1); // one left out
    assert.equal(distance("salihorsk", "salihoorsk", 2), 1); // one added
    assert.equal(distance("soligrosk", "soligorsk", 2), 2); // two swapped
    assert.equal(distance("abcdef", "uvwxyz", 2), 3);
    assert.equal(distance("ab", "abcdef", 2), 3); // too different in length to look
    assert.equal(distance("", "ab", 2), 2);
});

test("distance: the banded table agrees with the full one", () => {
    const next = random(42);
    const letters = "abcdeа";
    const word = (n) => Array.from({length: n}, () => letters[Math.floor(next() * letters.length)]).join("");
    for (let n = 0; n < 3000; n++) {
        const a = word(Math.floor(next() * 9)), b = word(Math.floor(next() * 9)), most = Math.floor(next() * 4);
        assert.equal(distance(a, b, most), Math.min(levenshtein(a, b), most + 1), `${a} ${b} ${most}`);
    }
});

test("distance: counts its cells and gives up on a row past `most`", () => {
    const work = {above: new Int32Array(40), row: new Int32Array(40), cells: 0};
    assert.equal(distance("a".repeat(30), "b".repeat(30), 1, work), 2);
    assert.equal(work.cells, 3 + 4); // two rows of the band (and the cell before each), not thirty
    work.cells = 0;
    assert.equal(distance("a".repeat(30), "a".repeat(29) + "b", 1, work), 1);
    assert.ok(work.cells <= 30 * 4, work.cells); // at most 2 most + 2 cells a letter
});

const KALI = site("belaruskali", ["Belaruskali", "ОАО «Беларуськалий»", "Salihorsk", "Soligorsk", "Салігорск"], "Salihorsk");
const SALIHORSK = town("628884", ["Salihorsk", "Soligorsk", "Салігорск"], "Minsk");
const AZOT = site("grodno-azot", ["Grodno Azot", "ОАО «Гродно Азот»", "Grodno", "Hrodna"], "Grodno");
const GRODNO = town("627904", ["Grodno", "Hrodna", "Гродно"], "Grodno");
const KALINKAVICHY = town("628658", ["Kalinkavichy", "Kalinkovichi"], "Gomel");
const ENTRIES = [SALIHORSK, KALI, GRODNO, AZOT, KALINKAVICHY];

test("matches: a prefix first, then a substring, then a typo; a site before a town", () => {
    const index = searchIndex(ENTRIES);
    assert.deepEqual(ids(matches(index, "Soligorsk")), ["belaruskali", "628884"]);
    assert.deepEqual(ids(matches(index, "Салігорск")), ["belaruskali", "628884"]);
    assert.deepEqual(ids(matches(index, "kali")), ["628658", "belaruskali"]); // a town's prefix, a site's substring
    assert.deepEqual(ids(matches(index, "kalinka")), ["628658"]);
    assert.deepEqual(ids(matches(index, "azot")), ["grodno-azot"]);
    assert.deepEqual(ids(matches(index, "hrodna")), ["grodno-azot", "627904"]);
    assert.deepEqual(ids(matches(index, "Soligrosk")), ["belaruskali", "628884"]); // two letters swapped
    assert.deepEqual(ids(matches(index, "Grdno Azt")), ["grodno-azot"]);
});

test("matches: how many typos a query may hold grows with its length", () => {
    const index = searchIndex([town("a", ["abc"]), town("b", ["abcd"]), town("c", ["abcdefgh"])]);
    assert.deepEqual(ids(matches(index, "abx")), []); // 3 letters: none
    assert.deepEqual(ids(matches(index, "abxd")), ["b"]); // 4 to 7: one
    assert.deepEqual(ids(matches(index, "axxd")), []);
    assert.deepEqual(ids(matches(index, "abxdefxh")), ["c"]); // 8 or more: two
    assert.deepEqual(ids(matches(index, "axxdefxh")), []);
});

test("matches: nothing for less than two letters; at most `shown` found", () => {
    const many = Array.from({length: 20}, (_, i) => town(`t${i}`, [`Town ${i}`]));
    const index = searchIndex(many);
    assert.deepEqual(matches(index, ""), []);
    assert.deepEqual(matches(index, " t "), []);
    assert.equal(matches(index, "town").length, DEFAULT_LIMITS.shown);
    assert.equal(matches(searchIndex(many, {shown: 3}), "town").length, 3);
});

test("matches: the query is read to maxQuery characters", () => {
    const name = "x".repeat(DEFAULT_LIMITS.maxQuery);
    const index = searchIndex([town("long", [name])]);
    assert.deepEqual(ids(matches(index, name + "zzzz")), ["long"]); // what lies past the cap is not read
    const small = searchIndex([town("abcd", ["abcd"])], {maxQuery: 3});
    assert.deepEqual(ids(matches(small, "abcz")), ["abcd"]); // "abc", a prefix
});

test("matches: a name is read to maxName characters", () => {
    const index = searchIndex([town("long", ["a".repeat(50) + " needle"])], {maxName: 50});
    assert.deepEqual(matches(index, "needle"), []);
    assert.deepEqual(ids(matches(index, "aaaa")), ["long"]);
    assert.ok(!index.words.has(57)); // nor is the whole name a typo candidate past the cap
});

test("matches: the typo search stops after fuzzyCells cells", () => {
    // 400 names three letters from a 100-letter query: each costs the typo search its whole band
    const next = random(7);
    const query = Array.from({length: 100}, () => "abcdefghij"[Math.floor(next() * 10)]).join("");
    const names = Array.from({length: 400}, () => {
        const letters = query.split("");
        for (const at of [10, 50, 90]) { letters[at + Math.floor(next() * 10)] = "x"; }
        return letters.join("");
    });
    const unbounded = searchIndex([town("t", names)], {fuzzyCells: Infinity});
    assert.deepEqual(matches(unbounded, query), []);
    const bounded = searchIndex([town("t", names)], {fuzzyCells: 1000});
    assert.deepEqual(matches(bounded, query), []);
    assert.ok(unbounded.work.cells > 100000, unbounded.work.cells);
    // it checks before each word, so it passes the cap by at most one word's band: 6 cells a letter
    assert.ok(bounded.work.cells > 1000 && bounded.work.cells <= 1000 + 6 * 100, bounded.work.cells);
    // and only words of about the query's length are looked at, however long the names
    assert.ok(Math.max(...unbounded.words.keys()) <= DEFAULT_LIMITS.maxQuery + 2);
});

test("matches: each distinct name is searched once, whatever number of entries share it", () => {
    const shared = ["Salihorsk", "Soligorsk", "Салігорск"];
    const entries = Array.from({length: 50}, (_, i) => site(`s${i}`, [`Site ${i}`, ...shared]));
    const index = searchIndex(entries);
    assert.equal(index.names.size, 50 + 3);
    assert.deepEqual(index.names.get("salihorsk"), Array.from({length: 50}, (_, i) => i));
    assert.equal(matches(index, "Salihorsk").length, DEFAULT_LIMITS.shown);
});

test("the map's own towns: Soligorsk by any name and by a typo", () => {
    const towns = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "..", "..", "geodata", "towns.json"), "utf8"))
        .map(function (entry) { return Object.assign({kind: "town"}, entry); });
    const index = searchIndex(towns);
    for (const query of ["Soligorsk", "Salihorsk", "Салігорск", "Солигорск", "Soligrosk"]) {
        assert.equal(matches(index, query)[0].label, "Soligorsk", query);
    }
    assert.equal(matches(index, "minsk")[0].label, "Minsk");
});

test("label: the name, where it is, and a town said to be one", () => {
    assert.equal(label(KALI, "town"), "Belaruskali — Salihorsk");
    assert.equal(label(SALIHORSK, "горад"), "Salihorsk — Minsk (горад)");
    assert.equal(label(town("x", ["Nowhere"]), "town"), "Nowhere (town)");
});

test("in a page it is a Leaflet control: L.control.strikeSearch(entries, options)", () => {
    // Leaflet's class machinery, as far as the plugin uses it when it is made
    const L = {
        Control: {extend: function (proto) {
            function Control() { this.initialize.apply(this, arguments); }
            Control.prototype = Object.assign({}, proto);
            return Control;
        }},
        control: {},
        setOptions: function (object, options) {
            object.options = Object.assign(Object.create(object.options), options);
            return object.options;
        },
    };
    vm.runInNewContext(fs.readFileSync(PLUGIN, "utf8"), {L: L}, {filename: PLUGIN});
    const control = L.control.strikeSearch(ENTRIES, {placeholder: "Знайсці месца або горад", maxQuery: 5});
    assert.ok(control instanceof L.Control.StrikeSearch);
    assert.equal(control.options.position, "topleft");
    assert.equal(control.options.placeholder, "Знайсці месца або горад");
    assert.equal(control.options.fuzzyCells, DEFAULT_LIMITS.fuzzyCells);
    assert.deepEqual(ids(control.matches("Soligxxxxxxx")), ["belaruskali", "628884"]); // read to 5: "solig"
});

test("the arrow keys move through the options and wrap round", () => {
    assert.equal(step(-1, 3, "ArrowDown"), 0);
    assert.equal(step(2, 3, "ArrowDown"), 0);
    assert.equal(step(0, 3, "ArrowUp"), 2);
    assert.equal(step(-1, 3, "ArrowUp"), 2);
    assert.equal(step(1, 3, "Enter"), 1);
    assert.equal(step(-1, 0, "ArrowDown"), -1);
});
