// The upload token's cookie line, without a browser: node --test static/js/test/
// (tests/unit/test_js.py runs this and eslint; tests/browser/test_upload_kept.py reloads the page in Chromium).
const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");

const {cookieLine} = require(path.join(__dirname, "..", "keep-cookie.js"));

test("cookieLine: the whole site, strict same-site, for maxAge seconds", () => {
    assert.equal(
        cookieLine("strikes_upload", "abc-_D9", 86400, false),
        "strikes_upload=abc-_D9; Path=/; Max-Age=86400; SameSite=Strict",
    );
});

test("cookieLine: Secure on an https page", () => {
    assert.match(cookieLine("strikes_upload", "t", 60, true), /; Secure$/);
});

test("cookieLine: an empty token with maxAge 0 deletes the cookie", () => {
    assert.equal(cookieLine("strikes_upload", "", 0, false), "strikes_upload=; Path=/; Max-Age=0; SameSite=Strict");
});

test("cookieLine: a negative or missing maxAge is 0, a fraction is cut", () => {
    assert.match(cookieLine("n", "t", -5, false), /Max-Age=0;/);
    assert.match(cookieLine("n", "t", undefined, false), /Max-Age=0;/);
    assert.match(cookieLine("n", "t", 10.9, false), /Max-Age=10;/);
});

test("cookieLine: a token that would add an attribute or another cookie is refused", () => {
    assert.throws(() => cookieLine("strikes_upload", "x; Domain=evil.example", 60, false));
    assert.throws(() => cookieLine("strikes_upload", "x\nSet-Cookie: y", 60, false));
    assert.throws(() => cookieLine("a=b", "x", 60, false));
});
