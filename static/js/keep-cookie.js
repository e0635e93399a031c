/*
 * The reader's upload token, written as a cookie of the app's own page (strikes/web/keep.py):
 *
 *     a JSON script element #keep-cookie: {"name": "...", "token": "...", "maxAge": 86400}
 *
 * The app keeps a reader's upload under the SHA-256 of a random token that only this browser holds: never in a
 * link or the address. Streamlit cannot set a cookie, so this runs in an st.iframe (same origin,
 * scripts allowed) and writes it on the parent page, where Streamlit's next websocket carries it back
 * (st.context.cookies). An empty token with maxAge 0 deletes it: the reader removed their file.
 *
 * In node (static/js/test) the pure part is module.exports: cookieLine.
 */
(function () {
    "use strict";

    /** The document.cookie line for the token: the whole site, this site only, for maxAge seconds. */
    function cookieLine(name, token, maxAge, secure) {
        if (!/^[A-Za-z0-9_]+$/.test(name) || !/^[A-Za-z0-9_-]*$/.test(token)) {
            throw new Error("not a cookie name or token");
        }
        const seconds = Math.max(0, Math.floor(Number(maxAge)) || 0);
        return name + "=" + token + "; Path=/; Max-Age=" + seconds + "; SameSite=Strict" + (secure ? "; Secure" : "");
    }

    if (typeof module !== "undefined" && module.exports) {
        module.exports = {cookieLine};
        return;
    }
    const data = JSON.parse(document.getElementById("keep-cookie").textContent);
    const page = window.parent.document;
    page.cookie = cookieLine(data.name, data.token, data.maxAge, page.location.protocol === "https:");
})();
