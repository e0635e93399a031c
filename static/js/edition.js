/*
 * The published edition's page (strikes/publish): the app's map, filters, comparison, playback, table,
 * downloads and About, run in the reader's browser on the data the build wrote once.
 *
 * The build's files register themselves on window.strikesEditionParts: `data` (every events column,
 * strikes/publish/data.py), `words[lang]` (every word in one language) and `map[lang]` (the app's folium
 * map, a function that makes it in an element). This script loads the reader's language's two, then draws.
 * Filtering is edition-filters.js's, the address edition-address.js's; no text of the data or of a link
 * is ever written as markup here: every value goes in as textContent, an attribute or a property (the
 * legend and marker icons are HTML that strikes.page.markup escaped when the build made it).
 *
 * For tests, window.strikesEdition gives shownSiteIds(), state(), setFilters(f), setDay(day), timings.
 * In node the pure parts are module.exports: csvText, csvCell, geojson, siteTableRows, sortRows, format, heightMessage.
 */
/* global EditionFilters, EditionAddress, EditionDates */
(function () {
    "use strict";

    const FIRST_CHARS = ["=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠"];
    const PLAIN_NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
    // The table shows this many sites at a time (a page of 50,000 rows would take the browser seconds to lay out).
    const TABLE_ROWS = 200;
    const SPEEDS = {speed_1: 1000, speed_2: 500, speed_half: 2000}; // app.py's SPEEDS, in milliseconds
    const EVENT_COLUMNS = ["event_id", "site_id", "name", "local_name", "sector", "town", "oblast", "is_group", "lat",
        "lon", "precision", "geocode_source", "site_notes", "wave", "date_start", "date_end", "time_precision",
        "action_type", "size", "source_id", "source_title", "source_url", "quote", "notes"];
    const SITE_FIELDS = ["name", "local_name", "town", "sector", "precision", "is_group", "oblast", "geocode_source",
        "site_notes"];
    const ACTION_FIELDS = ["event_id", "wave", "date_start", "date_end", "time_precision", "action_type", "size",
        "source_id", "source_title", "source_url", "quote", "notes"];

    // ---------------------------------------------------------------------------------------------
    // Pure parts (node's tests: static/js/test/edition.test.js).

    /** A "{name}" template filled from `values` (the catalogue's placeholders, as Python's str.format). */
    function format(template, values) {
        return String(template).replace(/\{(\w+)\}/g, function (whole, name) {
            return values && Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : whole;
        });
    }

    /** A cell of the CSV download: text that a spreadsheet would run as a formula gets a leading apostrophe
     * (strikes/core/csvsafe.py), and a cell with a comma, quote or line break is quoted (RFC 4180). */
    function csvCell(value) {
        if (value === null || value === undefined) { return ""; }
        let text = typeof value === "boolean" ? (value ? "True" : "False") : String(value);
        if (typeof value === "string" && ((FIRST_CHARS.some(function (c) { return text.startsWith(c); }) &&
            !PLAIN_NUMBER.test(text)) || text.startsWith("'"))) {
            text = "'" + text;
        }
        return /[",\r\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
    }

    /** The CSV download of some events (rows of values in EVENT_COLUMNS' order): UTF-8 with a byte-order mark,
     * CRLF line ends, as the app's CSV export writes it. */
    function csvText(rows) {
        const lines = [EVENT_COLUMNS.join(",")].concat(rows.map(function (row) { return row.map(csvCell).join(","); }));
        return "\ufeff" + lines.join("\r\n") + "\r\n";
    }

    /** The GeoJSON download (strikes.export.to_geojson): a point per located site with its actions, the rest
     * under "unlocated". `events` are objects of EVENT_COLUMNS, the sites' first seen first. */
    function geojson(events) {
        const bySite = new Map();
        for (const event of events) {
            if (!bySite.has(event.site_id)) { bySite.set(event.site_id, []); }
            bySite.get(event.site_id).push(event);
        }
        const features = [], unlocated = [];
        for (const [id, actions] of bySite) {
            const site = actions[0], properties = {site_id: id};
            for (const name of SITE_FIELDS) { properties[name] = site[name]; }
            properties.actions = actions.map(function (a) {
                const action = {};
                for (const name of ACTION_FIELDS) { action[name] = a[name]; }
                return action;
            });
            if (site.lat === null) { unlocated.push(properties); continue; }
            features.push({type: "Feature", id: id, properties: properties,
                           geometry: {type: "Point", coordinates: [round6(site.lon), round6(site.lat)]}});
        }
        return {type: "FeatureCollection", features: features, unlocated: unlocated};
    }

    function round6(x) { return Math.round(x * 1e6) / 1e6; }

    /** Rows sorted by one column (numbers as numbers, text in the reader's language's order), stable. */
    function sortRows(rows, column, ascending, lang) {
        const collator = new Intl.Collator(lang, {numeric: true, sensitivity: "base"});
        return rows.map(function (row, k) { return [row, k]; }).sort(function (a, b) {
            const x = a[0][column], y = b[0][column];
            const order = typeof x === "number" && typeof y === "number" ? x - y : collator.compare(String(x), String(y));
            return (ascending ? order : -order) || a[1] - b[1];
        }).map(function (pair) { return pair[0]; });
    }

    /** A download's name that says what it holds, as strikes.export.file_name makes it: the data's label,
     * then the filters (belarus-strikes-2020_mining-chemicals_2020-10-26.csv). */
    function fileName(label, filters, ext) {
        const parts = [label];
        for (const name of ["wave", "sector", "oblast", "town", "type"]) {
            const chosen = filters[name] || [];
            if (chosen.length) { parts.push(chosen.length <= 3 ? chosen.join("-") : chosen.length + "-" + name + "s"); }
        }
        if (filters.from && filters.from === filters.to) {
            parts.push(filters.from);
        } else {
            if (filters.from) { parts.push("from-" + filters.from); }
            if (filters.to) { parts.push("to-" + filters.to); }
        }
        const stem = parts.map(function (part) {
            return part.toLowerCase().replace(/[^\p{L}\p{N}_.-]+/gu, "-").replace(/^[-.]+|[-.]+$/g, "") || "-";
        }).join("_");
        return stem.slice(0, 150) + "." + ext;
    }

    /** The message a newsroom's page listens for to fit an embedded frame to its content (Datawrapper's). */
    function heightMessage(id, height) {
        const inner = {};
        inner[id] = Math.ceil(height);
        return {"datawrapper-height": inner};
    }

    // ---------------------------------------------------------------------------------------------
    // The page.

    const parts = typeof window !== "undefined" ? (window.strikesEditionParts = window.strikesEditionParts || {}) : {};

    /** An element with attributes/properties and children (strings become text nodes: never markup). */
    function el(tag, props, children) {
        const node = document.createElement(tag);
        for (const [key, value] of Object.entries(props || {})) {
            if (value === null || value === undefined || value === false) { continue; }
            if (key === "text") { node.textContent = value; } else if (key === "className") { node.className = value; } else if (key.startsWith("on")) { node.addEventListener(key.slice(2), value); } else { node.setAttribute(key, value === true ? "" : value); }
        }
        for (const child of [].concat(children || [])) {
            if (child !== null && child !== undefined) { node.append(child); }
        }
        return node;
    }

    function loadScript(src) {
        return new Promise(function (resolve, reject) {
            const script = document.createElement("script");
            script.src = src;
            script.onload = resolve;
            script.onerror = function () { reject(new Error("could not load " + src)); };
            document.head.appendChild(script);
        });
    }

    function Edition(files) {
        this.files = files;
        this.data = parts.data;
        this.table = EditionFilters.prepare(this.data);
        this.timings = {};
        const c = this.data.columns;
        this.known = {options: this.data.options, span: this.data.span, play: this.data.play, waves: this.data.waves};
        this.state = EditionAddress.parse(location.search, this.known);
        this.lang = this.state.lang;
        // each site's first event, for its name, town and sector; the sectors in order, for its icon
        this.siteFirst = new Int32Array(this.table.sites).fill(-1);
        for (let i = 0; i < this.table.n; i++) { if (this.siteFirst[this.table.site[i]] < 0) { this.siteFirst[this.table.site[i]] = i; } }
        this.sectorOrder = c.sector.values.slice().sort();
        this.playing = null;
    }

    Edition.prototype.value = function (column, i) {
        const col = this.data.columns[column];
        return col.values[col.codes[i]];
    };

    Edition.prototype.t = function (key, values) { return format(this.words.t[key] !== undefined ? this.words.t[key] : key, values); };
    Edition.prototype.word = function (value) { return value === null ? "" : (this.words.word[value] || String(value)); };
    /** A note or size of the dataset in the page's language (an upload's own text as written; "" for none). */
    Edition.prototype.text = function (value) {
        return value ? (Object.prototype.hasOwnProperty.call(this.words.text, value) ? this.words.text[value] : value) : "";
    };
    Edition.prototype.town = function (i) { return this.words.town[this.data.columns.town.codes[i]] || ""; };
    Edition.prototype.longDate = function (day) {
        const d = new Date(day * EditionFilters.DAY);
        return d.getUTCDate() + " " + this.words.months[d.getUTCMonth()] + " " + d.getUTCFullYear();
    };

    Edition.prototype.start = function () {
        const lang = this.lang;
        return Promise.all([loadScript(this.files[lang].words), loadScript(this.files[lang].map)]).then(this.draw.bind(this));
    };

    Edition.prototype.draw = function () {
        this.words = parts.words[this.lang];
        document.documentElement.lang = this.lang;
        document.title = this.words.title;
        this.pairCodes = this.pickPair();
        this.pairWords = this.words.pairs[this.pairCodes[0] + "," + this.pairCodes[1]] || this.words.pairs[Object.keys(this.words.pairs)[0]];
        this.defaultFilters = {from: null, to: null, wave: [], sector: [], oblast: [], town: [], type: []};
        this.filters = Object.assign({}, this.defaultFilters, this.state.filters);
        document.body.classList.toggle("edition-embed", this.state.embed);
        // the map and its markers first; the panel and the sections under the map after them
        this.map = this.makeMap("map_edition", this.state.view_);
        this.map.on("moveend", this.remember.bind(this));
        this.setupDays();
        this.redraw();
        this.buildPage();
        this.updatePlayback();
        this.updateLater();
        this.showView();
        this.postHeight();
    };

    /**
     * The app's map in an element (its Leaflet words in the reader's language, as the app's: strike-names.js),
     * the search box first for the Tab key.
     */
    Edition.prototype.makeMap = function (id, view) {
        // a link's view replaces the map's opening fit to the data (the fit button still fits)
        const Fit = L.Control.StrikeFit.prototype, fit = Fit.fit;
        if (view) { Fit.fit = function () {}; }
        let map;
        try { map = parts.map[this.lang](id); } finally { Fit.fit = fit; }
        if (view) { map.setView([view.lat, view.lon], view.z, {animate: false}); }
        const container = map.getContainer();
        const search = container.querySelector(".strike-search");
        if (search && search.parentNode) { search.parentNode.insertBefore(search, search.parentNode.firstChild); }
        return map;
    };

    Edition.prototype.pickPair = function () {
        const order = this.data.waves, chosen = this.state.pair;
        const pair = EditionFilters.pickPair(order, chosen);
        const key = pair[0] + "," + pair[1];
        const usable = this.data.pairs.indexOf(key) >= 0 ? pair : this.data.pairs[0].split(",").map(Number);
        // as codes of the wave column
        const codes = this.data.columns.wave.values;
        return [codes.indexOf(order[usable[0]]), usable[1] >= 0 ? codes.indexOf(order[usable[1]]) : -1, usable[0], usable[1]];
    };

    // ---- building the page ------------------------------------------------------------------------

    Edition.prototype.buildPage = function () {
        const self = this, t = this.t.bind(this);
        document.getElementById("edition-skip").textContent = t("skip_map");
        document.getElementById("edition-title").textContent = this.words.title;
        const full = document.querySelector(".edition-full");
        full.textContent = t("ed_full");
        full.href = "?" + EditionAddress.format(Object.assign({}, this.state, {embed: false, view_: null}), this.known);
        const panel = document.getElementById("edition-panel");
        panel.replaceChildren();
        panel.setAttribute("aria-label", t("filters"));
        // languages: links, each in its own language, the same view
        const langs = el("nav", {"aria-label": t("ed_languages"), className: "edition-langs"});
        for (const code of EditionAddress.LANGS) {
            const state = Object.assign({}, this.state, {lang: code, filters: this.filters});
            langs.append(el("a", {href: "?" + EditionAddress.format(state, this.known), lang: code, hreflang: code,
                                  "aria-current": code === this.lang ? "true" : null, text: this.words.languages[code]}));
        }
        panel.append(langs);
        // the view: the map, or the two waves compared
        const views = el("fieldset", {className: "edition-views"}, [el("legend", {text: t("view")})]);
        for (const view of ["map", "compare"]) {
            const input = el("input", {type: "radio", name: "edition-view", value: view, id: "edition-view-" + view});
            input.checked = this.state.view === view;
            input.addEventListener("change", function () { self.state.view = view; self.showView(); self.remember(); });
            views.append(el("div", {className: "row"}, [input, el("label", {for: input.id, text: t("view_" + view)})]));
        }
        panel.append(views);
        // the filters
        const form = el("div", {className: "edition-filters", role: "group", "aria-labelledby": "edition-filters-h"},
                        [el("h2", {id: "edition-filters-h", text: t("filters")})]);
        const span = this.data.span;
        const dates = el("fieldset", {className: "edition-dates"}, [el("legend", {text: t("date_of_action")})]);
        this.dateInputs = {};
        for (const end of ["from", "to"]) {
            const edge = end === "from" ? span[0] : span[1];
            const field = this.dateField(end, span, function (value) {
                self.filters[end] = value !== edge ? value : null;
                if (self.filters.from && self.filters.to && self.filters.from > self.filters.to) { self.filters[end] = null; field.value = edge; }
                self.redraw();
            });
            field.value = this.filters[end] || edge;
            this.dateInputs[end] = field;
            dates.append(field.element);
        }
        form.append(dates);
        this.choiceInputs = {};
        for (const name of EditionFilters.NAMES) {
            const values = this.data.options[name] || [];
            const chosen = new Set(this.filters[name]);
            const box = el("fieldset", {className: "edition-choice"}, [el("legend", {className: "sr-only", text: t("filter_" + name)})]);
            const summary = el("summary", {text: t("filter_" + name)});
            const count = el("span", {className: "edition-chosen"});
            summary.append(count);
            const list = el("div", {className: "edition-options"});
            const inputs = [];
            values.forEach(function (value, k) {
                const id = "edition-" + name + "-" + k;
                const input = el("input", {type: "checkbox", id: id});
                input.checked = chosen.has(value);
                input.addEventListener("change", function () {
                    self.filters[name] = values.filter(function (v, j) { return inputs[j].checked; });
                    self.updateChosen();
                    self.redraw();
                });
                inputs.push(input);
                list.append(el("div", {className: "row"}, [input, el("label", {for: id, text: name === "town" ? self.townName(value) : self.word(value)})]));
            });
            box.append(list);
            this.choiceInputs[name] = {inputs: inputs, values: values, count: count};
            form.append(el("details", {className: "edition-filter", open: chosen.size > 0}, [summary, box]));
        }
        form.append(el("button", {type: "button", className: "edition-clear", text: t("ed_clear"), onclick: function () { self.clearFilters(); }}));
        panel.append(form);
        this.updateChosen();
        panel.append(this.buildPlayback());
        this.buildSections();
    };

    /**
     * One end of the date range as three selects, day, month by its name and year, in the page's language (a
     * browser's date input speaks the browser's): a group named by its end ("From"), each select by its part.
     * Returns {element, value, disabled}: setting value shows a date; `changed(date)` hears the reader's.
     */
    Edition.prototype.dateField = function (end, span, changed) {
        const t = this.t.bind(this), months = this.words.monthNames, id = "edition-" + end;
        const selects = {
            day: el("select", {id: id + "-day", "aria-label": t("ed_day")}),
            month: el("select", {id: id + "-month", "aria-label": t("ed_month")}),
            year: el("select", {id: id + "-year", "aria-label": t("ed_year")}),
        };
        let current = span[0];
        const fill = function (select, values, chosen, word) {
            select.replaceChildren.apply(select, values.map(function (v) {
                return el("option", {value: String(v), text: word ? word(v) : String(v), selected: v === chosen});
            }));
            select.value = String(chosen);
        };
        const show = function (iso) {
            current = iso;
            const c = EditionDates.choices(iso, span);
            fill(selects.day, c.days, c.value[2]);
            fill(selects.month, c.months, c.value[1], function (m) { return months[m - 1]; });
            fill(selects.year, c.years, c.value[0]);
        };
        Object.keys(selects).forEach(function (part) {
            selects[part].addEventListener("change", function () {
                show(EditionDates.compose(Number(selects.year.value), Number(selects.month.value),
                                          Number(selects.day.value), span));
                changed(current);
            });
        });
        const label = el("span", {id: id + "-label", className: "edition-date-end", text: t("ed_" + end)});
        const element = el("div", {className: "row", role: "group", "aria-labelledby": label.id},
                           [label, selects.day, selects.month, selects.year]);
        return {
            element: element,
            get value() { return current; },
            set value(iso) { show(iso); },
            set disabled(on) { Object.keys(selects).forEach(function (part) { selects[part].disabled = on; }); },
        };
    };

    Edition.prototype.townName = function (value) {
        const k = this.data.columns.town.values.indexOf(value);
        return k >= 0 ? this.words.town[k] : String(value);
    };

    Edition.prototype.updateChosen = function () {
        for (const name of EditionFilters.NAMES) {
            const entry = this.choiceInputs[name], n = this.filters[name].length;
            entry.count.textContent = n ? " (" + n + ")" : "";
        }
    };

    Edition.prototype.clearFilters = function () {
        this.filters = Object.assign({}, this.defaultFilters);
        for (const name of EditionFilters.NAMES) { for (const input of this.choiceInputs[name].inputs) { input.checked = false; } }
        this.dateInputs.from.value = this.data.span[0];
        this.dateInputs.to.value = this.data.span[1];
        this.updateChosen();
        this.redraw();
    };

    Edition.prototype.buildPlayback = function () {
        const self = this, t = this.t.bind(this);
        const box = el("div", {className: "edition-play", role: "group", "aria-labelledby": "edition-play-h"},
                       [el("h2", {id: "edition-play-h", text: t("play_header")})]);
        const toggle = el("input", {type: "checkbox", id: "edition-daymode"});
        const quiet = el("input", {type: "checkbox", id: "edition-actiondays"});
        const slider = el("input", {type: "range", id: "edition-day", min: "0", max: "0", step: "1"});
        const dayText = el("output", {for: "edition-day", id: "edition-day-text"});
        const play = el("button", {type: "button", id: "edition-playbutton", text: t("play")});
        const speed = el("select", {id: "edition-speed", "aria-label": t("speed")});
        for (const key of Object.keys(SPEEDS)) { speed.append(el("option", {value: key, text: t(key)})); }
        toggle.addEventListener("change", function () {
            self.state.day = toggle.checked ? EditionFilters.isoDay(self.steps()[0]) : null;
            self.stop();
            self.redraw();
        });
        quiet.addEventListener("change", function () { self.actionOnly = quiet.checked; self.snapDay(); self.redraw(); });
        slider.addEventListener("input", function () {
            self.state.day = EditionFilters.isoDay(self.steps()[Number(slider.value)]);
            self.redraw();
        });
        play.addEventListener("click", function () { if (self.playing) { self.stop(); } else { self.play(); } });
        quiet.checked = this.actionOnly;
        this.play_ = {toggle: toggle, quiet: quiet, slider: slider, dayText: dayText, button: play, speed: speed};
        box.append(el("div", {className: "row"}, [toggle, el("label", {for: toggle.id, text: t("day_mode")})]));
        box.append(el("div", {className: "row"}, [quiet, el("label", {for: quiet.id, text: t("action_days"), title: t("action_days_help")})]));
        box.append(el("div", {className: "edition-dayrow"}, [el("label", {for: slider.id, text: t("day")}), slider, dayText]));
        box.append(el("div", {className: "row"}, [play, speed]));
        return box;
    };

    Edition.prototype.buildSections = function () {
        const t = this.t.bind(this), main = document.getElementById("edition-sections");
        main.replaceChildren();
        this.sections = {};
        const section = function (id, title) {
            const node = el("section", {id: id, "aria-labelledby": id + "-h"}, [el("h2", {id: id + "-h", text: title, tabindex: "-1"})]);
            main.append(node);
            return node;
        };
        this.sections.unlocated = section("edition-unlocated", t("not_on_map"));
        this.sections.table = section("edition-table", t("sites"));
        this.sections.downloads = section("edition-downloads", t("ed_downloads"));
        this.sections.about = section("edition-about", t("about"));
        this.buildDownloads();
        this.buildAbout();
        const compare = document.getElementById("edition-compare");
        compare.replaceChildren();
    };

    // ---- days --------------------------------------------------------------------------------------

    Edition.prototype.setupDays = function () {
        const play = EditionFilters.playDays(this.data.play.length ? [this.data.span[0], this.data.span[1]] : this.data.span);
        this.first = play[0];
        this.last = play[1];
        const days = this.actionDays();
        const linked = this.state.day ? EditionFilters.dayNumber(this.state.day) : null;
        this.actionOnly = EditionFilters.mostlyQuiet(days.length, this.first, this.last) && (linked === null || days.indexOf(linked) >= 0);
    };

    Edition.prototype.actionDays = function () {
        const choices = Object.assign({}, this.filters, {from: null, to: null});
        const days = EditionFilters.actionDays(this.table, EditionFilters.mask(this.table, choices), this.first, this.last);
        return days.length ? days : [this.first];
    };

    /** The days the slider steps through: those with action, or every playable day. */
    Edition.prototype.steps = function () {
        if (this.actionOnly) { return this.actionDays(); }
        const all = [];
        for (let d = this.first; d <= this.last; d++) { all.push(d); }
        return all;
    };

    Edition.prototype.snapDay = function () {
        if (!this.state.day) { return; }
        const steps = this.steps(), day = EditionFilters.dayNumber(this.state.day);
        const next = steps.find(function (s) { return s >= day; });
        this.state.day = EditionFilters.isoDay(next === undefined ? steps[steps.length - 1] : next);
    };

    Edition.prototype.play = function () {
        const self = this;
        if (!this.state.day) { this.state.day = EditionFilters.isoDay(this.steps()[0]); }
        this.playing = setInterval(function () {
            const steps = self.actionOnly ? self.actionDays() : null;
            const next = EditionFilters.nextPlayDay(EditionFilters.dayNumber(self.state.day), self.last, steps);
            if (next === null) { self.stop(); return; }
            self.state.day = EditionFilters.isoDay(next);
            self.redraw();
        }, SPEEDS[this.play_.speed.value] || 1000);
        this.redraw();
    };

    Edition.prototype.stop = function () {
        if (this.playing) { clearInterval(this.playing); }
        this.playing = null;
        if (this.play_) { this.play_.button.textContent = this.t("play"); }
    };

    Edition.prototype.updatePlayback = function () {
        const p = this.play_, on = !!this.state.day;
        if (!p) { return; } // the panel is built after the first markers
        p.toggle.checked = on;
        p.slider.disabled = p.quiet.disabled = p.button.disabled = p.speed.disabled = !on;
        this.dateInputs.from.disabled = this.dateInputs.to.disabled = on;
        p.button.textContent = this.t(this.playing ? "pause" : "play");
        if (!on) { p.dayText.textContent = ""; return; }
        const steps = this.steps(), day = EditionFilters.dayNumber(this.state.day);
        let at = steps.indexOf(day);
        if (at < 0) { at = 0; }
        p.slider.max = String(steps.length - 1);
        p.slider.value = String(at);
        p.slider.setAttribute("aria-valuetext", this.longDate(day));
        p.dayText.textContent = this.longDate(day);
    };

    // ---- drawing -----------------------------------------------------------------------------------

    /** The filters in force: the chosen ones, narrowed to the day in day mode (the date range aside). */
    Edition.prototype.current = function () {
        return this.state.day ? EditionFilters.onDay(this.filters, this.state.day) : this.filters;
    };

    Edition.prototype.redraw = function () {
        const began = performance.now();
        const table = this.table, current = this.current();
        this.passing = EditionFilters.mask(table, current);
        this.statusMask = EditionFilters.mask(table, EditionFilters.statusFilters(this.filters));
        this.status = EditionFilters.siteStatus(table, this.statusMask, this.pairCodes);
        this.shown = EditionFilters.shownSites(table, this.passing);
        this.drawSites();
        this.timings.redraw = performance.now() - began;
        this.updateCounts();
        this.updatePlayback();
        if (this.sections) { this.updateLater(); }
        this.remember();
    };

    /** The parts under the map follow a moment later, so a filter's markers are drawn first. */
    Edition.prototype.updateLater = function () {
        const self = this;
        if (this.later) { cancelAnimationFrame(this.later); }
        this.later = requestAnimationFrame(function () {
            self.later = null;
            const rows = self.siteRows();
            self.updateTable(rows);
            self.updateUnlocated(rows);
            if (self.state.view === "compare") { self.drawCompare(); }
            self.postHeight();
        });
    };

    Edition.prototype.siteDocument = function (sites, passing, statusOf) {
        const d = this.data, table = this.table, words = this.words, pw = this.pairWords, self = this;
        const n = sites.length, columns = {lat: new Array(n), lon: new Array(n), icon: new Array(n),
            status_index: new Array(n), name: new Array(n), town: new Array(n), centre: new Array(n), id: new Array(n),
            sector: new Array(n), position: new Array(n), status: new Array(n), actions: new Array(n),
            local: new Array(n), oblast: new Array(n), located: new Array(n)};
        const when = [], quote = [], size = [], source = [], url = [], notes = [];
        const index = new Map();
        sites.forEach(function (s, k) { index.set(s, k); });
        const actionsOf = sites.map(function () { return []; });
        for (let i = 0; i < table.n; i++) {
            if (passing[i] && table.located[i] && index.has(table.site[i])) { actionsOf[index.get(table.site[i])].push(i); }
        }
        let site = 0, town = 0;
        sites.forEach(function (s, k) {
            const first = self.siteFirst[s], status = statusOf(s), precision = self.value("precision", first);
            const hollow = precision === "site" || precision === "street" ? 0 : 1;
            site += hollow ? 0 : 1;
            town += precision === "town" ? 1 : 0;
            columns.lat[k] = d.sites.lat[s];
            columns.lon[k] = d.sites.lon[s];
            columns.icon[k] = (self.sectorOrder.indexOf(self.value("sector", first)) * 2 + hollow) * 4 + status;
            columns.status_index[k] = status;
            columns.name[k] = words.siteName[s];
            columns.town[k] = self.town(first);
            columns.centre[k] = d.sites.centre[s];
            columns.id[k] = table.siteIds[s];
            columns.sector[k] = self.word(self.value("sector", first));
            columns.position[k] = words.position[s];
            // as the app's popup: the site's other name, its oblast and where its position comes from
            columns.local[k] = words.siteOther[s];
            const oblast = self.value("oblast", first);
            columns.oblast[k] = oblast ? self.word(oblast) : "";
            columns.located[k] = self.value("geocode_source", first) || "";
            columns.status[k] = pw.spoken[status];
            columns.actions[k] = actionsOf[k].length;
            for (const i of actionsOf[k]) {
                when.push(words.when[d.when[i]]);
                quote.push(self.value("quote", i) || "");
                size.push(self.text(self.value("size", i)));
                source.push(self.value("source_title", i) || "");
                const link = self.value("source_url", i);
                url.push(typeof link === "string" && /^https?:\/\//i.test(link) ? link : "");
                notes.push(self.text(self.value("notes", i)));
            }
        });
        Object.assign(columns, {when: when, quote: quote, size: size, source: source, url: url, notes: notes});
        columns.labels = {
            position: this.t("position_label"), actions: this.t("actions_count", {count: "{n}"}),
            more: this.t("more_sites", {count: "{n}"}), cluster: this.t("cluster_label", {count: "{n}"}),
            clusterAt: this.t("cluster_label_at", {count: "{n}", town: "{town}"}), letters: pw.letters,
            describe: this.describe(columns.status_index, site, town),
        };
        return {columns: columns, icons: pw.icons};
    };

    Edition.prototype.describe = function (statuses, site, town) {
        if (!statuses.length) { return this.t("describe_none"); }
        const counts = [0, 0, 0, 0], names = this.pairWords.names;
        for (const s of statuses) { counts[s]++; }
        const parts_ = [];
        counts.forEach(function (n, k) { if (n) { parts_.push(names[k] + ": " + n); } });
        return this.t("describe", {count: statuses.length, statuses: parts_.join("; "), site: site, town: town});
    };

    Edition.prototype.statusOf = function () {
        const status = this.status;
        return function (s) { return status[s] < 0 ? 3 : status[s]; };
    };

    Edition.prototype.newLayer = function (doc, options) {
        return new (sitesLayer())(doc, Object.assign({colours: this.data.colours, maxZoom: 18, scale: 100000, radius: 70, listed: 50}, options));
    };

    Edition.prototype.drawSites = function () {
        const doc = this.siteDocument(this.shown, this.passing, this.statusOf());
        const layer = this.newLayer(doc, {empty: this.t(this.state.day ? "empty_day" : "empty"), mapLabel: this.t("map_label"), landmark: "region"});
        const old = this.layer;
        this.layer = layer;
        layer.addTo(this.map);
        if (old) { old.remove(); }
    };

    Edition.prototype.updateCounts = function () {
        const t = this.t.bind(this), table = this.table, passing = this.passing;
        let actions = 0;
        const sites = new Set(), perWave = [new Set(), new Set()];
        for (let i = 0; i < table.n; i++) {
            if (!passing[i]) { continue; }
            actions++;
            sites.add(table.site[i]);
            if (table.codes.wave[i] === this.pairCodes[0]) { perWave[0].add(table.site[i]); }
            if (table.codes.wave[i] === this.pairCodes[1]) { perWave[1].add(table.site[i]); }
        }
        const items = [[t("sites_shown"), sites.size], [t("actions_shown"), actions]];
        const waves = this.data.waves;
        items.push([t("sites_in", {wave: this.words.waveName[waves[this.pairCodes[2]]]}), perWave[0].size]);
        if (this.pairCodes[1] >= 0) { items.push([t("sites_in", {wave: this.words.waveName[waves[this.pairCodes[3]]]}), perWave[1].size]); }
        const list = document.getElementById("edition-counts");
        list.replaceChildren.apply(list, items.map(function (item) {
            return el("div", {className: "edition-count"}, [el("dt", {text: item[0]}), el("dd", {text: String(item[1])})]);
        }));
        const heading = document.getElementById("edition-day-heading");
        heading.textContent = this.state.day ? this.longDate(EditionFilters.dayNumber(this.state.day)) + " · " + t("in_action", {count: sites.size}) : "";
        heading.hidden = !this.state.day;
    };

    // ---- the site table and the sites not on the map -------------------------------------------------

    Edition.prototype.siteRows = function () {
        const table = this.table, passing = this.passing, self = this, statusOf = this.statusOf(), names = this.pairWords.names;
        const sites = EditionFilters.passingSites(table, passing), actions = new Map();
        for (let i = 0; i < table.n; i++) {
            if (!passing[i]) { continue; }
            if (!actions.has(table.site[i])) { actions.set(table.site[i], []); }
            actions.get(table.site[i]).push(i);
        }
        return sites.map(function (s) {
            const first = self.siteFirst[s], list = actions.get(s);
            return {
                site: s, located: table.located[first] === 1, name: self.words.siteName[s], town: self.town(first),
                status: self.status[s] < 0 && !table.located[first] ? "" : names[statusOf(s)], actions: list.length,
                position: self.words.position[s], sector: self.word(self.value("sector", first)),
                oblast: self.word(self.value("oblast", first)),
                when: list.map(function (i) { return self.words.when[self.data.when[i]]; }).filter(unique).join(" | "),
                quotes: list.map(function (i) { return self.value("quote", i) || ""; }).filter(unique).join(" | "),
                sources: list.map(function (i) { return self.value("source_title", i) || ""; }).filter(unique).join(" | "),
            };
        });
    };

    function unique(value, k, all) { return value && all.indexOf(value) === k; }

    Edition.prototype.updateTable = function (siteRows) {
        const self = this, t = this.t.bind(this), section = this.sections.table;
        const columns = ["name", "town", "status", "actions", "position", "sector", "oblast", "quotes", "sources"];
        const sort = this.sort || {column: "name", ascending: true};
        const all = sortRows(siteRows || this.siteRows(), sort.column, sort.ascending, this.lang);
        const rows = all.slice(0, this.tableRows || TABLE_ROWS);
        const head = el("tr", {}, columns.map(function (column) {
            const label = t("col_" + column);
            const button = el("button", {type: "button", className: "edition-sort", text: label,
                                        onclick: function () {
                                            self.sort = {column: column, ascending: sort.column === column ? !sort.ascending : true};
                                            self.updateTable();
                                            section.querySelector("th[data-column=" + column + "] button").focus();
                                        }});
            return el("th", {scope: "col", "data-column": column,
                             "aria-sort": sort.column === column ? (sort.ascending ? "ascending" : "descending") : null}, [button]);
        }));
        const body = el("tbody", {}, rows.map(function (row) {
            return el("tr", {}, columns.map(function (column, k) {
                if (k === 0 && row.located) {
                    return el("th", {scope: "row"}, [el("a", {href: "#edition-map-anchor", text: row.name, onclick: function (event) {
                        event.preventDefault();
                        self.openSite(self.table.siteIds[row.site]);
                    }})]);
                }
                return el(k === 0 ? "th" : "td", k === 0 ? {scope: "row", text: row.name} : {text: String(row[column])});
            }));
        }));
        const wrap = el("div", {className: "edition-tablewrap", tabindex: "0", role: "region", "aria-labelledby": "edition-table-h"},
                        [el("table", {}, [el("caption", {className: "sr-only", text: t("sites")}), el("thead", {}, [head]), body])]);
        const more = all.length > rows.length ? el("button", {type: "button", className: "edition-more",
            text: t("ed_more_rows", {shown: rows.length, total: all.length}),
            onclick: function () { self.tableRows = rows.length + TABLE_ROWS; self.updateTable(); }}) : null;
        section.replaceChildren(section.firstChild, wrap, more || "");
    };

    Edition.prototype.updateUnlocated = function (siteRows) {
        const section = this.sections.unlocated, rows = (siteRows || this.siteRows()).filter(function (row) { return !row.located; }).slice(0, TABLE_ROWS);
        const list = rows.length ? el("ul", {}, rows.map(function (row) {
            return el("li", {}, [el("b", {text: row.name}), " (" + row.sector + ")", el("div", {className: "edition-quote", text: "“" + row.quotes + "” — " + row.sources})]);
        })) : el("p", {text: this.t("all_placed")});
        section.replaceChildren(section.firstChild, list);
    };

    Edition.prototype.openSite = function (id) {
        const self = this;
        if (this.state.view !== "map") { this.state.view = "map"; this.showView(); }
        document.getElementById("map_edition").scrollIntoView({block: "nearest"});
        return this.layer.openSite(id).then(function (found) {
            const popup = self.map.getContainer().querySelector(".leaflet-popup-content");
            if (popup) { popup.setAttribute("tabindex", "-1"); popup.focus(); }
            return found;
        });
    };

    // ---- downloads and About -----------------------------------------------------------------------

    Edition.prototype.eventRow = function (i) {
        const self = this;
        return EDITION_COLUMNS_VALUES(self, i);
    };

    function EDITION_COLUMNS_VALUES(self, i) {
        return EVENT_COLUMNS.map(function (name) { return self.value(name, i); });
    }

    Edition.prototype.passingRows = function () {
        const rows = [];
        for (let i = 0; i < this.table.n; i++) { if (this.passing[i]) { rows.push(EDITION_COLUMNS_VALUES(this, i)); } }
        return rows;
    };

    Edition.prototype.download = function (kind) {
        const rows = this.passingRows();
        let blob, name;
        if (kind === "csv") {
            blob = new Blob([csvText(rows)], {type: "text/csv;charset=utf-8"});
            name = fileName(this.words.label, this.current(), "csv");
        } else {
            const events = rows.map(function (row) {
                const event = {};
                EVENT_COLUMNS.forEach(function (column, k) { event[column] = row[k]; });
                return event;
            });
            blob = new Blob([JSON.stringify(geojson(events))], {type: "application/geo+json"});
            name = fileName(this.words.label, this.current(), "geojson");
        }
        const link = el("a", {href: URL.createObjectURL(blob), download: name});
        document.body.append(link);
        link.click();
        link.remove();
        setTimeout(function () { URL.revokeObjectURL(link.href); }, 10000);
    };

    Edition.prototype.buildDownloads = function () {
        const self = this, section = this.sections.downloads;
        section.append(el("div", {className: "row"}, [
            el("button", {type: "button", id: "edition-csv", text: this.t("export_csv"), onclick: function () { self.download("csv"); }}),
            el("button", {type: "button", id: "edition-geojson", text: this.t("export_geojson"), onclick: function () { self.download("geojson"); }}),
        ]));
    };

    Edition.prototype.buildAbout = function () {
        const t = this.t.bind(this), about = this.words.about, section = this.sections.about;
        const body = el("div", {className: "edition-about"});
        if (about) {
            body.append(el("p", {}, [el("b", {text: t("about_sources")})]));
            body.append(el("ul", {}, about.sources.map(function (s) {
                return el("li", {}, [el("i", {text: s.title}), ", " + s.publisher + ", " + s.published + ": ",
                                     /^https:\/\//.test(s.url) ? el("a", {href: s.url, text: s.url}) : s.url]);
            })));
            body.append(el("p", {}, [el("b", {text: t("about_points_title")}), " " + about.points]));
            body.append(el("p", {}, [el("b", {text: t("about_waves_title")}), " " + t("about_waves")]));
        }
        const address = location.href.split("?")[0].split("#")[0];
        const cite = about ? format(about.cite, {url: address}) : this.words.title + ", " + address;
        body.append(el("p", {}, [el("b", {text: t("about_cite_title")}), " " + cite]));
        if (about) { body.append(el("p", {text: about.licence})); }
        const code = '<iframe src="' + address.replace(/"/g, "%22") + '?embed=true' + (this.lang !== "en" ? "&lang=" + this.lang : "") +
            '" title="' + this.words.title.replace(/[&<>"]/g, function (c) { return "&#" + c.charCodeAt(0) + ";"; }) +
            '" width="100%" height="600" style="border:0" loading="lazy"></iframe>';
        const snippet = el("textarea", {id: "edition-embed-code", readonly: true, rows: "3"});
        snippet.value = code;
        body.append(el("h3", {text: t("ed_embed")}), el("p", {id: "edition-embed-help", text: t("ed_embed_help")}),
                    el("label", {for: "edition-embed-code", className: "sr-only", text: t("ed_embed")}), snippet);
        section.append(body);
    };

    // ---- the comparison ------------------------------------------------------------------------------

    Edition.prototype.showView = function () {
        const compare = this.state.view === "compare";
        document.getElementById("edition-mapview").hidden = compare;
        document.getElementById("edition-compare").hidden = !compare;
        if (compare) { this.drawCompare(); } else { this.map.invalidateSize(); }
        this.postHeight();
    };

    Edition.prototype.drawCompare = function () {
        const self = this, t = this.t.bind(this), box = document.getElementById("edition-compare");
        const waves = this.data.waves, first = this.words.waveName[waves[this.pairCodes[2]]];
        if (this.pairCodes[1] < 0) {
            box.replaceChildren(el("p", {text: t("one_wave", {wave: this.word(waves[this.pairCodes[2]])})}));
            return;
        }
        const second = this.words.waveName[waves[this.pairCodes[3]]];
        const counts = EditionFilters.statusCounts(this.status), changed = EditionFilters.whatChanged(counts);
        if (!this.compareBox) {
            this.compareBox = {
                headline: el("h2", {id: "edition-compare-h"}),
                caption: el("p", {}),
                maps: el("div", {className: "edition-compare-maps"}, [el("div", {id: "map_first", className: "edition-side"}), el("div", {id: "map_second", className: "edition-side"})]),
                lists: el("div", {className: "edition-compare-lists"}),
            };
            box.replaceChildren(this.compareBox.headline, this.compareBox.caption, this.compareBox.maps, this.compareBox.lists);
            this.sides = [this.makeMap("map_first", this.state.view_), this.makeMap("map_second", this.state.view_)];
            syncMaps(this.sides[0], this.sides[1]);
            // side by side, the legends start folded, as the app's comparison's does
            this.sides.forEach(function (side) {
                side.getContainer().querySelectorAll(".strike-control details").forEach(function (d) { d.open = false; });
            });
        }
        const c = this.compareBox;
        c.headline.textContent = t("what_changed", Object.assign({first_wave: first, second_wave: second}, changed));
        c.caption.textContent = t("compare_caption", {first: first, second: second});
        // each map: the sites of its wave among the comparison's events, coloured by their status
        const statusOf = this.statusOf();
        [this.pairCodes[0], this.pairCodes[1]].forEach(function (wave, k) {
            const passing = new Uint8Array(self.table.n);
            for (let i = 0; i < self.table.n; i++) { passing[i] = self.statusMask[i] && self.table.codes.wave[i] === wave ? 1 : 0; }
            const doc = self.siteDocument(EditionFilters.shownSites(self.table, passing), passing, statusOf);
            const layer = self.newLayer(doc, {mapLabel: t("map_label") + ": " + (k ? second : first), landmark: "region"});
            if (self.sideLayers && self.sideLayers[k]) { self.sideLayers[k].remove(); }
            self.sideLayers = self.sideLayers || [];
            self.sideLayers[k] = layer.addTo(self.sides[k]);
        });
        // the three lists: stopped, held, began
        const names = this.pairWords.names, groups = [[], [], []];
        for (let s = 0; s < this.status.length; s++) { if (this.status[s] >= 0) { groups[this.status[s]].push(this.words.siteName[s]); } }
        const collator = new Intl.Collator(this.lang);
        c.lists.replaceChildren.apply(c.lists, groups.map(function (group, k) {
            group.sort(collator.compare);
            // a list that scrolls is a named stop for the Tab key, so a keyboard can scroll it too
            return el("div", {className: "edition-compare-list"}, [
                el("h3", {id: "edition-compare-list-" + k, text: t("ed_compare_lists", {status: names[k], count: group.length})}),
                el("div", {className: "edition-scroll", role: "region", tabindex: "0", "aria-labelledby": "edition-compare-list-" + k},
                   [el("ul", {}, group.map(function (name) { return el("li", {text: name}); }))]),
            ]);
        }));
        this.sides.forEach(function (m) { m.invalidateSize(); });
    };

    function syncMaps(a, b) {
        let moving = false;
        const follow = function (from, to) {
            from.on("move", function () {
                if (moving) { return; }
                moving = true;
                to.setView(from.getCenter(), from.getZoom(), {animate: false});
                moving = false;
            });
        };
        follow(a, b);
        follow(b, a);
    }

    // ---- the address and the embedding page ---------------------------------------------------------

    Edition.prototype.remember = function () {
        if (!this.map) { return; }
        const centre = this.map.getCenter();
        const state = Object.assign({}, this.state, {filters: this.filters,
            pair: this.data.waves.length > 2 ? [this.data.waves[this.pairCodes[2]], this.data.waves[this.pairCodes[3]]] : null});
        if (this.moved || this.state.view_) {
            state.view_ = {lat: centre.lat, lon: centre.lng, z: this.map.getZoom()};
        }
        this.moved = true;
        const query = EditionAddress.format(state, this.known);
        try {
            history.replaceState(null, "", query ? "?" + query : location.pathname.split("/").pop() || "./");
        } catch (error) { // file:// pages in some browsers refuse replaceState: the link simply stays as it was
            this.addressError = String(error);
        }
    };

    Edition.prototype.postHeight = function () {
        if (window.parent === window) { return; }
        const height = document.documentElement.scrollHeight;
        if (height === this.lastHeight) { return; }
        this.lastHeight = height;
        window.parent.postMessage(heightMessage(this.files.id || "strikes-edition", height), "*");
    };

    // ---- the site layer, loaded from columns the page made (no inflating) -------------------------------

    let SitesLayer = null;
    function sitesLayer() {
        if (!SitesLayer) {
            SitesLayer = L.StrikeSites.extend({
                initialize: function (doc, options) {
                    L.setOptions(this, options);
                    this._group = L.layerGroup();
                    this._shown = new Map();
                    this._load(doc);
                    this.ready = Promise.resolve(this);
                },
            });
        }
        return SitesLayer;
    }

    // ---- start ---------------------------------------------------------------------------------------

    if (typeof document !== "undefined" && typeof EditionFilters !== "undefined") {
        const manifest = JSON.parse(document.getElementById("edition-files").textContent);
        const edition = new Edition(manifest);
        window.strikesEdition = {
            ready: edition.start().then(function () { return true; }),
            shownSiteIds: function () { return EditionFilters.shownSiteIds(edition.table, edition.passing); },
            setFilters: function (filters, day) {
                edition.filters = Object.assign({}, edition.defaultFilters, filters);
                edition.state.day = day || null;
                edition.redraw();
                return edition.timings.redraw;
            },
            state: function () { return {filters: edition.filters, day: edition.state.day, view: edition.state.view, lang: edition.lang}; },
            timings: edition.timings,
            edition: edition,
        };
        window.addEventListener("resize", function () { edition.postHeight(); });
    }

    if (typeof module !== "undefined" && module.exports) {
        module.exports = {format: format, csvCell: csvCell, csvText: csvText, geojson: geojson, sortRows: sortRows,
                          heightMessage: heightMessage, fileName: fileName, EVENT_COLUMNS: EVENT_COLUMNS};
    }
})();
