/*
 * Find a place on the strike map: a Leaflet control, a search box for sites and towns by any of
 * their names (strikes/page/search.py lists them and adds the box to a map).
 *
 *     L.control.strikeSearch(entries, {placeholder: "Find a site or town", townWord: "town"}).addTo(map);
 *
 * Each entry is {kind: "site" | "town", id, label, detail, lat, lon, names}. The box folds the query
 * and every name as strikes.data.gazetteer.name_key does (case, accents, apostrophes, y as i; a test
 * holds the two to the same answers), ranks prefix and substring matches first, lets a typo or two
 * through (edit distance), then flies to the choice and opens its popup. Whatever is typed and
 * however long the names, a keystroke's work is bounded: the query is read to maxQuery characters,
 * each distinct name (to maxName) is searched once, and the typo search stops after fuzzyCells
 * edit-distance cells (issue 24). The box is an ARIA combobox: its list is a listbox, the arrow keys
 * move through the options, Enter picks one (the first when none is chosen), Escape closes the list.
 *
 * In node (static/js/test) the pure parts are module.exports: fold, distance, searchIndex, matches, label,
 * step.
 */
(function () {
    "use strict";

    const DEFAULT_LIMITS = {maxQuery: 100, maxName: 1000, fuzzyCells: 500000, shown: 8};

    // Where Python's str.casefold (full Unicode case folding) and toLowerCase differ, as far as
    // fold can tell: on lower-cased text in canonical decomposition (NFD, so ᾳ is α and an iota
    // subscript), before the compatibility decomposition (NFKD: ϲ becomes ς after case folding, as
    // in name_key). tests/unit/test_js.py holds fold to name_key for every character and the map's names.
    const OLD_CYRILLIC = "вдосттъѣꙋ"; // U+1C80..U+1C88, letter shapes of old Church Slavonic print
    const CASEFOLDS = [
        [/ß/g, "ss"], // Straße ~ Strasse (capital ẞ lower-cases to ß)
        [/ς/g, "σ"], // Greek final sigma
        [/\u0345/g, "ι"], // Greek iota subscript: ᾳ ~ αι
        [/[\u1C80-\u1C88]/g, function (c) { return OLD_CYRILLIC[c.charCodeAt(0) - 0x1C80]; }],
        // Cherokee small letters fold to the capitals, not the other way
        [/[\uAB70-\uABBF]/g, function (c) { return String.fromCharCode(c.charCodeAt(0) - 0x97D0); }],
        [/[\u13F8-\u13FD]/g, function (c) { return String.fromCharCode(c.charCodeAt(0) - 8); }],
    ];

    /** A name as strikes.data.gazetteer.name_key folds it: МІНСК ~ мінск, Homyel’ ~ homiel, Straße ~ strasse. */
    function fold(text) {
        let folded = text.toLowerCase().normalize("NFD");
        for (const [letters, replacement] of CASEFOLDS) { folded = folded.replace(letters, replacement); }
        return folded.normalize("NFKD").replace(/\p{M}/gu, "").replace(/['’ʼ`.]/g, "").replace(/[^\p{L}\p{N}]+/gu, " ")
            .trim().replace(/y/g, "i");
    }

    const FAR = 1 << 20;

    /**
     * The edit distance of a and b if it is at most `most`, else most + 1. Only the cells within
     * `most` of the diagonal can lie on such a path, and once a whole row of them exceeds `most` no
     * later one comes back under it: at most (2 most + 1) cells a letter, often a few letters.
     * `work` holds two rows of at least b.length + 2 cells and counts the cells filled (work.cells).
     */
    function distance(a, b, most, work) {
        if (Math.abs(a.length - b.length) > most) { return most + 1; }
        const m = b.length;
        if (!work) { work = {above: new Int32Array(m + 2), row: new Int32Array(m + 2), cells: 0}; }
        let above = work.above, row = work.row;
        for (let j = 0; j <= Math.min(m, most + 1); j++) { above[j] = j; }
        for (let i = 1; i <= a.length; i++) {
            const lo = Math.max(1, i - most), hi = Math.min(m, i + most), letter = a.charCodeAt(i - 1);
            row[lo - 1] = lo === 1 ? i : FAR;
            let least = row[lo - 1];
            for (let j = lo; j <= hi; j++) {
                const cell = Math.min(above[j - 1] + (letter === b.charCodeAt(j - 1) ? 0 : 1),
                                      above[j] + 1, row[j - 1] + 1);
                row[j] = cell;
                if (cell < least) { least = cell; }
            }
            if (hi < m) { row[hi + 1] = FAR; }
            work.cells += hi - lo + 2;
            if (least > most) { return most + 1; }
            const done = above; above = row; row = done;
        }
        return Math.min(above[m], most + 1);
    }

    /**
     * What matches() searches: each distinct folded name once (a town's names are shared by all its
     * sites), read to maxName characters, with the entries it names; and each distinct word (a whole
     * name counts as one) short enough to be a typo of a query, by length.
     */
    function searchIndex(entries, limits) {
        const options = Object.assign({}, DEFAULT_LIMITS, limits);
        const names = new Map();
        entries.forEach(function (entry, i) {
            const keys = entry.names.map(function (name) { return fold(name).slice(0, options.maxName).trim(); });
            for (const name of new Set(keys)) {
                if (!names.has(name)) { names.set(name, []); }
                names.get(name).push(i);
            }
        });
        const words = new Map();
        for (const [name, at] of names) {
            for (const word of new Set([name, ...name.split(" ")])) {
                if (word.length > options.maxQuery + 2) { continue; }
                if (!words.has(word.length)) { words.set(word.length, new Map()); }
                const same = words.get(word.length);
                if (!same.has(word)) { same.set(word, []); }
                const named = same.get(word);
                for (const i of at) { named.push(i); }
            }
        }
        const cells = options.maxQuery + 4;
        return {entries: entries, names: names, words: words, options: options,
                work: {above: new Int32Array(cells), row: new Int32Array(cells), cells: 0}};
    }

    /**
     * The entries a query finds, best first, at most `shown`: a name starting with it, then one
     * holding it, then one a typo or two away (one for 4-7 letters, two from 8); sites before towns
     * at the same rank. Bounded work, whatever the query and the names (see searchIndex).
     */
    function matches(index, text) {
        const options = index.options, entries = index.entries, work = index.work;
        const query = fold(text.slice(0, options.maxQuery)).slice(0, options.maxQuery).trim();
        if (query.length < 2) { return []; }
        const allowed = 2 + (query.length >= 8 ? 2 : query.length >= 4 ? 1 : 0), most = allowed - 2;
        const score = new Array(entries.length).fill(99);
        for (const [name, at] of index.names) {
            const found = name.startsWith(query) ? 0 : name.includes(query) ? 1 : 99;
            if (found < 99) { for (const i of at) { score[i] = Math.min(score[i], found); } }
        }
        work.cells = 0;
        for (let length = query.length - most; most > 0 && length <= query.length + most; length++) {
            for (const [word, at] of index.words.get(length) || []) {
                if (work.cells > options.fuzzyCells) { break; }
                const typos = distance(query, word, most, work);
                if (typos <= most) { for (const i of at) { score[i] = Math.min(score[i], 2 + typos); } }
            }
        }
        return entries.map(function (entry, i) { return [score[i], entry]; })
            .filter(function (pair) { return pair[0] <= allowed; })
            .sort(function (a, b) { return a[0] - b[0] || (a[1].kind === b[1].kind ? 0 : a[1].kind === "site" ? -1 : 1); })
            .slice(0, options.shown).map(function (pair) { return pair[1]; });
    }

    /** A match as the list shows it: "Belaruskali — Salihorsk", "Salihorsk — Minsk (town)". */
    function label(entry, townWord) {
        return entry.label + (entry.detail ? " — " + entry.detail : "") +
            (entry.kind === "town" ? " (" + townWord + ")" : "");
    }

    /** The option a key moves to in a list of `count` (-1: none): down and up wrap round, other keys stay. */
    function step(active, count, key) {
        if (!count) { return -1; }
        if (key === "ArrowDown") { return (active + 1) % count; }
        if (key === "ArrowUp") { return active <= 0 ? count - 1 : active - 1; }
        return active;
    }

    if (typeof L !== "undefined") {
        L.Control.StrikeSearch = L.Control.extend({
            options: Object.assign({position: "topleft", placeholder: "Find a site or town", townWord: "town"},
                                   DEFAULT_LIMITS),

            initialize: function (entries, options) {
                L.setOptions(this, options);
                this._index = searchIndex(entries, this.options);
            },

            onAdd: function () {
                const control = this, options = this.options;
                const box = L.DomUtil.create("div", "strike-search leaflet-bar");
                const input = L.DomUtil.create("input", "", box);
                input.type = "search";
                input.maxLength = options.maxQuery;
                input.placeholder = options.placeholder;
                input.setAttribute("aria-label", options.placeholder);
                // an ARIA combobox: the list is its listbox, the arrow keys move through it, Enter picks
                const list = L.DomUtil.create("ul", "", box);
                list.id = "strike-search-list-" + L.stamp(this);
                list.setAttribute("role", "listbox");
                list.setAttribute("aria-label", options.placeholder);
                input.setAttribute("role", "combobox");
                input.setAttribute("aria-autocomplete", "list");
                input.setAttribute("aria-controls", list.id);
                input.setAttribute("aria-expanded", "false");
                let shown = [], active = -1;
                function mark(next) {
                    active = next;
                    [...list.children].forEach(function (item, k) { item.setAttribute("aria-selected", String(k === active)); });
                    if (active >= 0) { input.setAttribute("aria-activedescendant", list.children[active].id); }
                    else { input.removeAttribute("aria-activedescendant"); }
                }
                function show(found) {
                    shown = found;
                    input.setAttribute("aria-expanded", String(found.length > 0));
                    list.replaceChildren(...found.map(function (entry, k) {
                        const item = document.createElement("li");
                        item.id = list.id + "-" + k;
                        item.setAttribute("role", "option");
                        item.textContent = label(entry, options.townWord);
                        // after the click has run its course: a popup opened during it would close again
                        item.addEventListener("click", function () {
                            show([]);
                            setTimeout(function () { control.go(entry); }, 0);
                        });
                        return item;
                    }));
                    mark(-1);
                }
                input.addEventListener("input", function () { show(matches(control._index, input.value)); });
                input.addEventListener("keydown", function (event) {
                    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
                        event.preventDefault();
                        mark(step(active, shown.length, event.key));
                    }
                    if (event.key === "Enter" && shown.length) { control.go(shown[Math.max(active, 0)]); show([]); }
                    if (event.key === "Escape") { event.stopPropagation(); show([]); }
                });
                L.DomEvent.disableClickPropagation(box);
                L.DomEvent.disableScrollPropagation(box);
                return box;
            },

            /** Open a site's popup through the map's site layer (strikes/page/markers.py), else fly to the place. */
            go: function (entry) {
                const map = this._map;
                let sites = null;
                map.eachLayer(function (layer) { if (layer.strikeSites) { sites = layer; } });
                const opened = entry.kind === "site" && sites ? sites.openSite(entry.id) : Promise.resolve(false);
                opened.then(function (done) {
                    if (!done) { map.flyTo([entry.lat, entry.lon], entry.kind === "site" ? 14 : 12); }
                });
            },

            matches: function (text) { return matches(this._index, text); },
        });
        L.control.strikeSearch = function (entries, options) { return new L.Control.StrikeSearch(entries, options); };
    }

    if (typeof module !== "undefined" && module.exports) {
        module.exports = {fold: fold, distance: distance, searchIndex: searchIndex, matches: matches, label: label,
                          step: step, DEFAULT_LIMITS: DEFAULT_LIMITS};
    }
})();
