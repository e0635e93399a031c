// The edition's boot script: which language's files it preloads (node --test static/js/test/).
const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");

const {preloads} = require(path.join(__dirname, "..", "edition-boot.js"));
const MANIFEST = {default: "en", en: {words: "w-en.js", map: "m-en.js"}, be: {words: "w-be.js", map: "m-be.js"}};

test("the link's language, else the default: never a name the build did not make", () => {
    assert.deepEqual(preloads("?lang=be&sector=mining", MANIFEST), ["w-be.js", "m-be.js"]);
    assert.deepEqual(preloads("", MANIFEST), ["w-en.js", "m-en.js"]);
    assert.deepEqual(preloads("?lang=default", MANIFEST), ["w-en.js", "m-en.js"]);
    assert.deepEqual(preloads("?lang=constructor", MANIFEST), ["w-en.js", "m-en.js"]);
    assert.deepEqual(preloads("?lang=<x>", MANIFEST), ["w-en.js", "m-en.js"]);
});
