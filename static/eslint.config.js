// ESLint for the map's own Leaflet plugins (static/js) and their node tests: `make lint-js`.
const js = require("@eslint/js");
const globals = require("globals");

module.exports = [
    js.configs.recommended,
    {
        // a plugin is a classic script in the page, Leaflet's L a global there; node's tests
        // require it as a CommonJS module (module.exports)
        files: ["js/**/*.js"],
        languageOptions: {
            ecmaVersion: 2022,
            sourceType: "script",
            globals: {...globals.browser, ...globals.node, L: "readonly"},
        },
    },
    {
        files: ["js/test/**/*.js"],
        languageOptions: {sourceType: "commonjs"},
    },
];
