/*
 * The edition's first script, run as the page's head is read: it asks for the reader's language's words
 * and map at once (preload), beside the libraries, rather than after them, so the first markers wait for
 * one round of requests, not two. edition.js then finds them in the cache. The language is the link's
 * lang= if it is one the build made, else the first the build lists (strikes.core.i18n.DEFAULT).
 */
(function () {
    "use strict";

    /** The files to preload for a query string, given the build's manifest {lang: {words, map}, default}. */
    function preloads(search, manifest) {
        const asked = new URLSearchParams(search || "").get("lang");
        const lang = asked && Object.prototype.hasOwnProperty.call(manifest, asked) && asked !== "default" ? asked : manifest.default;
        const files = manifest[lang];
        return files ? [files.words, files.map] : [];
    }

    if (typeof document !== "undefined" && document.getElementById("edition-files")) {
        const manifest = JSON.parse(document.getElementById("edition-files").textContent);
        for (const href of preloads(location.search, manifest)) {
            const link = document.createElement("link");
            link.rel = "preload";
            link.as = "script";
            link.href = href;
            document.head.appendChild(link);
        }
    }
    if (typeof module !== "undefined" && module.exports) { module.exports = {preloads: preloads}; }
})();
