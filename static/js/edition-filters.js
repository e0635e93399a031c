/*
 * The published edition's filters, in the browser: what strikes/core/filters.py and compare.py do to the
 * events frame, done to the edition's columns (strikes/publish/data.py), with exactly their meaning.
 *
 *     const table = EditionFilters.prepare(data);          // once
 *     const mask = EditionFilters.mask(table, {from: "2020-08-10", to: null, sector: ["mining"]});
 *     EditionFilters.shownSites(table, mask);              // the located sites on the map, first seen first
 *
 * A filter is {from, to, wave, sector, oblast, town, type}: dates as "YYYY-MM-DD" or null (an action passes
 * when it ends on or after `from` and starts on or before `to`, midnight, as pandas compares them); each
 * choice a list of the data's values, empty for all. Everything here is pure: node's tests require it
 * (static/js/test/edition-filters.test.js) and the page loads it as a classic script (window.EditionFilters).
 */
(function () {
    "use strict";

    const DAY = 86400000;
    // The choice filters: address parameter -> events column (strikes.core.filters.CHOICE_COLUMNS).
    const CHOICES = {wave: "wave", sector: "sector", oblast: "oblast", town: "town", type: "action_type"};
    const NAMES = Object.keys(CHOICES);
    // The story the playback tells (filters.PLAY_FROM, PLAY_TO).
    const PLAY_FROM = "2020-08-09", PLAY_TO = "2020-11-30";

    /** "YYYY-MM-DD" as its day number (days since 1970-01-01), or null if it is not such a date. */
    function dayNumber(text) {
        const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(typeof text === "string" ? text : "");
        if (!match) { return null; }
        const y = Number(match[1]), m = Number(match[2]), d = Number(match[3]);
        const ms = Date.UTC(y, m - 1, d), back = new Date(ms);
        if (back.getUTCFullYear() !== y || back.getUTCMonth() !== m - 1 || back.getUTCDate() !== d) { return null; }
        return ms / DAY;
    }

    /** A day number as "YYYY-MM-DD". */
    function isoDay(day) {
        return new Date(day * DAY).toISOString().slice(0, 10);
    }

    /** The columns the filters read, as typed arrays: built once per dataset. */
    function prepare(data) {
        const c = data.columns, n = c.event_id.codes.length;
        const ms = function (column) {
            const out = new Float64Array(n), values = column.ms, codes = column.codes;
            for (let i = 0; i < n; i++) { out[i] = values[codes[i]]; }
            return out;
        };
        const located = new Uint8Array(n), latCodes = c.lat.codes, latValues = c.lat.values;
        for (let i = 0; i < n; i++) { located[i] = latValues[latCodes[i]] === null ? 0 : 1; }
        const codes = {};
        for (const name of NAMES) { codes[name] = Int32Array.from(c[CHOICES[name]].codes); }
        return {
            n: n, data: data, start: ms(c.date_start), end: ms(c.date_end), located: located, codes: codes,
            site: Int32Array.from(c.site_id.codes), siteIds: c.site_id.values, sites: c.site_id.values.length,
            waves: c.wave.values,
        };
    }

    /** The codes of a column's values that are chosen (null: the filter is off). */
    function chosenCodes(values, chosen) {
        if (!chosen || !chosen.length) { return null; }
        const wanted = new Set(chosen), found = new Uint8Array(values.length);
        values.forEach(function (value, k) { found[k] = wanted.has(value) ? 1 : 0; });
        return found;
    }

    /** Which events pass the filters (filters.apply): 1 or 0 per event. */
    function mask(table, filters) {
        const n = table.n, out = new Uint8Array(n).fill(1), f = filters || {};
        const from = f.from ? dayNumber(f.from) : null, to = f.to ? dayNumber(f.to) : null;
        if (from !== null) { for (let i = 0; i < n; i++) { if (!(table.end[i] >= from * DAY)) { out[i] = 0; } } }
        if (to !== null) { for (let i = 0; i < n; i++) { if (!(table.start[i] <= to * DAY)) { out[i] = 0; } } }
        for (const name of NAMES) {
            const found = chosenCodes(table.data.columns[CHOICES[name]].values, f[name]);
            if (!found) { continue; }
            const codes = table.codes[name];
            for (let i = 0; i < n; i++) { if (!found[codes[i]]) { out[i] = 0; } }
        }
        return out;
    }

    /** The filters narrowed to one day (filters.on_day). */
    function onDay(filters, day) {
        return Object.assign({}, filters, {from: day, to: day});
    }

    /** The filters a wave comparison reads: all but wave and dates (filters.status_filters). */
    function statusFilters(filters) {
        return Object.assign({}, filters, {wave: [], from: null, to: null});
    }

    /** The located sites with an event that passes, in the order their first such event comes. */
    function shownSites(table, passing) {
        const seen = new Uint8Array(table.sites), order = [];
        for (let i = 0; i < table.n; i++) {
            if (passing[i] && table.located[i] && !seen[table.site[i]]) { seen[table.site[i]] = 1; order.push(table.site[i]); }
        }
        return order;
    }

    /** The ids of the sites on the map, sorted: what tests compare with Python's. */
    function shownSiteIds(table, passing) {
        return shownSites(table, passing).map(function (s) { return table.siteIds[s]; }).sort();
    }

    /** Every site with an event that passes, located or not, first seen first. */
    function passingSites(table, passing) {
        const seen = new Uint8Array(table.sites), order = [];
        for (let i = 0; i < table.n; i++) {
            if (passing[i] && !seen[table.site[i]]) { seen[table.site[i]] = 1; order.push(table.site[i]); }
        }
        return order;
    }

    /**
     * Each site's status across the two waves (compare.site_status) among the passing events: 0 the first
     * wave only, 1 both, 2 the second only, -1 neither. `pair` is the two waves' codes (the second -1 if none).
     */
    function siteStatus(table, passing, pair) {
        const first = new Uint8Array(table.sites), second = new Uint8Array(table.sites), waves = table.codes.wave;
        for (let i = 0; i < table.n; i++) {
            if (!passing[i]) { continue; }
            if (waves[i] === pair[0]) { first[table.site[i]] = 1; }
            if (waves[i] === pair[1]) { second[table.site[i]] = 1; }
        }
        const out = new Int8Array(table.sites);
        for (let s = 0; s < table.sites; s++) {
            out[s] = first[s] && second[s] ? 1 : first[s] ? 0 : second[s] ? 2 : -1;
        }
        return out;
    }

    /** How many sites have each status, [first only, both, second only] (compare.status_counts). */
    function statusCounts(status) {
        const counts = [0, 0, 0];
        for (let s = 0; s < status.length; s++) { if (status[s] >= 0) { counts[status[s]]++; } }
        return counts;
    }

    /** The comparison's sentence as numbers (compare.what_changed). */
    function whatChanged(counts) {
        return {first: counts[0] + counts[1], again: counts[1], joined: counts[2]};
    }

    /** The waves to compare: the chosen pair if the data has both and they differ, else the first two in time
     * (compare.pick_pair); as indices into `order`, the second -1 for data of one wave. */
    function pickPair(order, chosen) {
        const a = order.indexOf(chosen && chosen[0]), b = order.indexOf(chosen && chosen[1]);
        if (a >= 0 && b >= 0 && a !== b) { return [a, b]; }
        return [0, order.length > 1 ? 1 : -1];
    }

    /** The days the playback steps through (filters.play_days): the story's, widened to hold the data. */
    function playDays(span) {
        const first = dayNumber(span[0]), last = dayNumber(span[1]);
        const from = dayNumber(PLAY_FROM), to = dayNumber(PLAY_TO);
        if (last < from || first > to) { return [first, last]; }
        return [Math.min(first, from), Math.max(last, to)];
    }

    /** The day numbers from `first` to `last` on which a passing event is under way (filters.action_days). */
    function actionDays(table, passing, first, last) {
        const length = last - first + 1, changes = new Int32Array(length + 1), out = [];
        const clip = function (k) { return Math.min(Math.max(k, 0), length); };
        for (let i = 0; i < table.n; i++) {
            if (!passing[i]) { continue; }
            changes[clip(Math.floor(table.start[i] / DAY) - first)] += 1;
            changes[clip(Math.floor(table.end[i] / DAY) - first + 1)] -= 1;
        }
        let under = 0;
        for (let k = 0; k < length; k++) {
            under += changes[k];
            if (under > 0) { out.push(first + k); }
        }
        return out;
    }

    /** Whether fewer than a third of the playable days have action (filters.mostly_quiet). */
    function mostlyQuiet(daysWithAction, first, last) {
        return 3 * daysWithAction < last - first + 1;
    }

    /** The day after `day` in the playback: the next of `steps` when given, else the next day; null at the end. */
    function nextPlayDay(day, last, steps) {
        if (!steps) { return day < last ? day + 1 : null; }
        const next = steps.find(function (step) { return step > day; });
        return next === undefined ? null : next;
    }

    const api = {DAY: DAY, CHOICES: CHOICES, NAMES: NAMES, dayNumber: dayNumber, isoDay: isoDay, prepare: prepare,
                 mask: mask, onDay: onDay, statusFilters: statusFilters, shownSites: shownSites,
                 shownSiteIds: shownSiteIds, passingSites: passingSites, siteStatus: siteStatus,
                 statusCounts: statusCounts, whatChanged: whatChanged, pickPair: pickPair, playDays: playDays,
                 actionDays: actionDays, mostlyQuiet: mostlyQuiet, nextPlayDay: nextPlayDay};
    if (typeof module !== "undefined" && module.exports) { module.exports = api; }
    if (typeof window !== "undefined") { window.EditionFilters = api; }
})();
