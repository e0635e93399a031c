// The app page's names in the reader's language (app-names.js), without a browser: node --test static/js/test/
const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");

const {translated} = require(path.join(__dirname, "..", "app-names.js"));

const WORDS = {
    names: {"Main menu": "Галоўнае меню", "Open": "Адкрыць спіс"},
    patterns: [["", " — start", "{label}, ад"], ["", " — end", "{label}, да"], ["Help for ", "", "Даведка: {label}"]],
};

test("Streamlit's exact names become the reader's words", () => {
    assert.equal(translated("Main menu", WORDS), "Галоўнае меню");
    assert.equal(translated("Open", WORDS), "Адкрыць спіс");
});

test("names made from a widget's label keep the label and word the rest", () => {
    assert.equal(translated("Дата акцыі — start", WORDS), "Дата акцыі, ад");
    assert.equal(translated("Дата акцыі — end", WORDS), "Дата акцыі, да");
    assert.equal(translated("Help for Толькі працоўныя акцыі", WORDS), "Даведка: Толькі працоўныя акцыі");
});

test("the page's own names, already translated ones and empty ones are left alone", () => {
    assert.equal(translated("Галоўнае меню", WORDS), null);
    assert.equal(translated("Дата акцыі, ад", WORDS), null);
    assert.equal(translated(" — start", WORDS), null);  // a pattern with nothing in the middle is no label
    assert.equal(translated("Help for ", WORDS), null);
    assert.equal(translated("", WORDS), null);
    assert.equal(translated(null, WORDS), null);
    assert.equal(translated("toString", WORDS), null);  // not an inherited property of the table
});

test("an English page's empty tables change nothing", () => {
    assert.equal(translated("Main menu", {names: {}, patterns: []}), null);
});
