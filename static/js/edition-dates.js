/*
 * The edition's dates as a reader picks them: a day, a month by its name in the page's language, and a year,
 * each a select (a browser's <input type=date> writes its own locale's words and order, not the page's).
 *
 *     EditionDates.choices("2020-08-10", ["2020-08-10", "2020-10-26"]);
 *         // {days: [10, ..., 31], months: [8, 9, 10], years: [2020], value: [2020, 8, 10]}
 *     EditionDates.compose(2020, 10, 31, span);   // "2020-10-26": a day the span has, nearest the one asked for
 *
 * Dates are "YYYY-MM-DD", months 1 to 12. Everything here is pure: node's tests require it
 * (static/js/test/edition-dates.test.js) and the page loads it as a classic script (window.EditionDates).
 */
(function () {
    "use strict";

    /** "YYYY-MM-DD" as [year, month, day]. */
    function parts(iso) {
        return iso.split("-").map(Number);
    }

    function pad(n) {
        return (n < 10 ? "0" : "") + n;
    }

    /** How many days `month` of `year` has. */
    function daysInMonth(year, month) {
        return new Date(Date.UTC(year, month, 0)).getUTCDate();
    }

    /** The date of `year`, `month`, `day`, the day cut to the month's length, then kept inside `span`. */
    function compose(year, month, day, span) {
        const iso = year + "-" + pad(month) + "-" + pad(Math.min(day, daysInMonth(year, month)));
        return iso < span[0] ? span[0] : iso > span[1] ? span[1] : iso;
    }

    function range(first, last) {
        const out = [];
        for (let k = first; k <= last; k++) { out.push(k); }
        return out;
    }

    /** What each select offers for `iso` inside `span`: only the years, months and days the span holds. */
    function choices(iso, span) {
        const value = parts(iso), from = parts(span[0]), to = parts(span[1]);
        const year = value[0], month = value[1];
        const firstMonth = year === from[0] ? from[1] : 1, lastMonth = year === to[0] ? to[1] : 12;
        const inFirst = year === from[0] && month === from[1], inLast = year === to[0] && month === to[1];
        return {
            years: range(from[0], to[0]),
            months: range(firstMonth, lastMonth),
            days: range(inFirst ? from[2] : 1, inLast ? to[2] : daysInMonth(year, month)),
            value: value,
        };
    }

    const api = {parts: parts, daysInMonth: daysInMonth, compose: compose, choices: choices};
    if (typeof module !== "undefined" && module.exports) { module.exports = api; }
    if (typeof window !== "undefined") { window.EditionDates = api; }
})();
