/*
 * The app page's own accessible names in the reader's language, and its skip link into the map
 * (strikes/web/names.py hands it the words and places it on the page with the skip links).
 *
 *     StrikeAppNames.start({names: {"Main menu": "Галоўнае меню", ...}, patterns: [["", " — start", "{label}, ад"]],
 *                           frame: "Карта месцаў страйкаў", upload: "Загрузіць"});
 *
 * Streamlit writes some names itself, in English whatever the page's language: its buttons' aria-labels
 * ("Main menu", "Download as CSV"), a slider's thumbs ("Дата акцыі — start"), a help button ("Help for …"),
 * a component's frame title ("streamlit_folium.st_folium"), a chart's parts (Vega's), and the uploader's
 * button, whose visible word a style sheet replaces (strikes/web/widgetwords.py) and so leaves it with no
 * name at all. This puts the reader's words in their place, now and whenever Streamlit draws them again (a
 * MutationObserver); a chart keeps the name the page gives it (st.bar_chart's alt) and Vega's English
 * descriptions of its parts are hidden under it.
 * The skip link "to the map" moves the keyboard's focus into the map's frame, onto its search box (or the
 * map itself where there is none, as in the comparison), which a link's #anchor cannot do across a frame.
 *
 * In node (static/js/test) the pure part is module.exports: translated.
 */
(function () {
    "use strict";

    // The attributes that carry a name or a hint Streamlit writes.
    const ATTRIBUTES = ["aria-label", "title", "placeholder", "aria-roledescription"];
    const FRAME_TITLE = "streamlit_folium.st_folium";
    const UPLOAD_BUTTON = "[data-testid=stFileUploaderDropzone] button";

    /**
     * The reader's words for one of Streamlit's English names, or null when it is not one: an exact name
     * first, then a pattern [prefix, suffix, template] whose middle is the widget's own label ("{label}").
     */
    function translated(name, words) {
        if (!name) { return null; }
        if (Object.prototype.hasOwnProperty.call(words.names, name)) { return words.names[name]; }
        for (const pattern of words.patterns) {
            const prefix = pattern[0], suffix = pattern[1];
            if (name.length > prefix.length + suffix.length && name.startsWith(prefix) && name.endsWith(suffix)) {
                return pattern[2].replace("{label}", name.slice(prefix.length, name.length - suffix.length));
            }
        }
        return null;
    }

    /** Every name in the document put in the reader's words; what is already theirs is left as it is. */
    function nameAll(doc, words) {
        const selector = ATTRIBUTES.map(function (a) { return "[" + a + "]"; }).join(",");
        doc.querySelectorAll(selector).forEach(function (node) {
            ATTRIBUTES.forEach(function (attribute) {
                const found = translated(node.getAttribute(attribute), words);
                if (found !== null) { node.setAttribute(attribute, found); }
            });
        });
        doc.querySelectorAll("iframe").forEach(function (frame) {
            if (frame.title === FRAME_TITLE) { frame.title = words.frame; }
        });
        if (words.upload) {
            doc.querySelectorAll(UPLOAD_BUTTON).forEach(function (button) {
                if (button.getAttribute("aria-label") !== words.upload) { button.setAttribute("aria-label", words.upload); }
            });
        }
        // a chart's name (its alt, in the reader's words) says what it shows; Vega's English words for its
        // axes, legend and bars ("value -- streamlit-generated: 6") would only repeat it, in English
        doc.querySelectorAll("[data-testid=stVegaLiteChart][aria-label] > svg:not([aria-hidden])").forEach(function (svg) {
            svg.setAttribute("aria-hidden", "true");
        });
        doc.querySelectorAll("[data-testid=stSkipToContent]").forEach(function (link) {
            if (words.skipMain && link.textContent !== words.skipMain) { link.textContent = words.skipMain; }
        });
    }

    /** The content of the first map frame after the skip link's anchor, or null (none yet, or not readable). */
    function mapDocument(doc, anchorId) {
        const anchor = doc.getElementById(anchorId);
        const frame = Array.prototype.find.call(doc.querySelectorAll("iframe"), function (f) {
            return !anchor || anchor.compareDocumentPosition(f) === Node.DOCUMENT_POSITION_FOLLOWING;
        });
        try {
            return frame ? frame.contentDocument : null;
        } catch {
            return null;  // a frame of another origin
        }
    }

    /** The map's search box, else the map itself, focused: false when there is no map to focus yet. */
    function focusMap(doc, anchorId) {
        const inner = mapDocument(doc, anchorId);
        const target = inner && (inner.querySelector(".strike-search input") || inner.querySelector(".leaflet-container"));
        if (!target) { return false; }
        inner.defaultView.frameElement.scrollIntoView({block: "nearest"});
        target.focus();
        return true;
    }

    function start(words) {
        const state = window.strikeAppNames = window.strikeAppNames || {};
        state.words = words;
        if (state.observer) { nameAll(document, words); return; }
        let queued = false;
        const run = function () {
            queued = false;
            nameAll(document, state.words);
        };
        state.observer = new MutationObserver(function () {
            if (!queued) { queued = true; window.requestAnimationFrame(run); }
        });
        state.observer.observe(document.body, {subtree: true, childList: true, attributes: true,
                                               attributeFilter: ATTRIBUTES});
        document.addEventListener("click", function (event) {
            const link = event.target.closest && event.target.closest("a.skip-link[data-into-map]");
            if (link && focusMap(document, link.getAttribute("href").slice(1))) { event.preventDefault(); }
        });
        run();
    }

    if (typeof module !== "undefined" && module.exports) { module.exports = {translated: translated}; }
    if (typeof window !== "undefined") { window.StrikeAppNames = {start: start}; }
})();
