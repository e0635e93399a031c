/*
 * The edition's address: the same query parameters as the app (app.py's url_state and main), so a link
 * copied from the app opens the same map in the edition, and the other way round.
 *
 *     const state = EditionAddress.parse(location.search, known);   // known: {options, span, play, waves}
 *     history.replaceState(null, "", "?" + EditionAddress.format(state, known));
 *
 * lang, from, to, wave, sector, oblast, town, type (each repeatable), day, view=compare, pair (two values),
 * lat, lon, z, and embed (the article view). A link is anyone's text: a value the data does not have, a
 * malformed date or an out-of-range view is dropped (strikes.core.filters.Filters.from_query_params,
 * mapview.View.from_query_params), and nothing parsed here is ever written to the page as markup.
 */
(function () {
    "use strict";

    const LANGS = ["en", "be", "ru"];
    const DEFAULT_LANG = "en"; // strikes.core.i18n.DEFAULT: a link without lang= is in English, as in the app
    const CHOICE_NAMES = ["wave", "sector", "oblast", "town", "type"];
    const MAX_ZOOM = 18;
    const DAY = 86400000;

    function validDay(text) {
        const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(typeof text === "string" ? text : "");
        if (!match) { return null; }
        const back = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
        return back.toISOString().slice(0, 10) === text ? text : null;
    }

    function dayOf(text) { return Date.parse(text + "T00:00:00Z") / DAY; }

    /** The state a query string asks for, every value checked against `known` (the data's options and days). */
    function parse(search, known) {
        const params = new URLSearchParams(search || "");
        const first = function (name) { return params.has(name) ? params.getAll(name)[0] : null; };
        const state = {lang: LANGS.indexOf(first("lang")) >= 0 ? first("lang") : DEFAULT_LANG, filters: {}};
        for (const name of CHOICE_NAMES) {
            const allowed = new Set((known.options && known.options[name]) || []);
            state.filters[name] = Array.from(new Set(params.getAll(name).filter(function (v) { return allowed.has(v); })));
        }
        // the app's date range: clamped to the data's span, the whole span if the ends cross; an end at the
        // span's edge is no filter
        const span = known.span, from = validDay(first("from")), to = validDay(first("to"));
        let start = from && from > span[0] ? from : span[0], end = to && to < span[1] ? to : span[1];
        if (start > end) { start = span[0]; end = span[1]; }
        state.filters.from = start === span[0] ? null : start;
        state.filters.to = end === span[1] ? null : end;
        const day = validDay(first("day"));
        state.day = day && known.play && dayOf(day) >= dayOf(known.play[0]) && dayOf(day) <= dayOf(known.play[1]) ? day : null;
        state.view = first("view") === "compare" ? "compare" : "map";
        const pair = params.getAll("pair").slice(0, 2);
        state.pair = pair.length === 2 && (known.waves || []).indexOf(pair[0]) >= 0 &&
            (known.waves || []).indexOf(pair[1]) >= 0 && pair[0] !== pair[1] ? pair : null;
        state.view_ = parseView(first("lat"), first("lon"), first("z"));
        state.embed = first("embed") === "true";
        return state;
    }

    /** The map's centre and zoom from a link, or null when any is missing or out of range (View.from_query_params). */
    function parseView(lat, lon, z) {
        // a zoom in the map's quarter steps (6.25), as the app writes it for a map fitted to the data
        if (lat === null || lon === null || z === null || !/^\s*[+-]?\d+(\.\d+)?\s*$/.test(z)) { return null; }
        const la = Number(lat), lo = Number(lon), zoom = Math.round(Number(z) * 100) / 100;
        if (String(lat).trim() === "" || String(lon).trim() === "") { return null; }
        if (!isFinite(la) || !isFinite(lo) || la < -85 || la > 85 || lo < -180 || lo > 180 || zoom < 1 || zoom > MAX_ZOOM) {
            return null;
        }
        return {lat: la, lon: lo, z: zoom};
    }

    /** The query string for a state, in the app's order (main's query_params.from_dict). */
    function format(state, known) {
        const params = new URLSearchParams(), f = state.filters || {};
        if (f.from) { params.append("from", f.from); }
        if (f.to) { params.append("to", f.to); }
        for (const name of CHOICE_NAMES) { for (const value of f[name] || []) { params.append(name, value); } }
        if (state.day) { params.append("day", state.day); }
        if (state.view === "compare") { params.append("view", "compare"); }
        if (state.pair && (known.waves || []).length > 2) { params.append("pair", state.pair[0]); params.append("pair", state.pair[1]); }
        if (state.lang && state.lang !== DEFAULT_LANG) { params.append("lang", state.lang); }
        if (state.view_) {
            params.append("lat", state.view_.lat.toFixed(5));
            params.append("lon", state.view_.lon.toFixed(5));
            params.append("z", String(state.view_.z));
        }
        if (state.embed) { params.append("embed", "true"); }
        return params.toString();
    }

    const api = {LANGS: LANGS, DEFAULT_LANG: DEFAULT_LANG, parse: parse, parseView: parseView, format: format,
                 validDay: validDay};
    if (typeof module !== "undefined" && module.exports) { module.exports = api; }
    if (typeof window !== "undefined") { window.EditionAddress = api; }
})();
