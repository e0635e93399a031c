// The site layer's pure parts, without a browser: node --test static/js/test/
// (tests/unit/test_js.py runs this and eslint; tests/unit/test_mapview.py and tests/browser/test_browser.py draw the layer in chromium).
const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const vm = require("node:vm");
const zlib = require("node:zlib");

const PLUGIN = path.join(__dirname, "..", "strike-sites.js");
const {decode, inflate, text, firstActions, siteCoordinates, statusCounts, pieSvg, clusterSize, clusterHtml,
       popupContent, siteList, siteLabel, clusterLabel, sliceLetters, sliceCounts, spokeEnd, letterImage, DEFAULTS} = require(PLUGIN);

// Packed as strikes.page.markers.SiteData.pack packs: JSON, zlib-deflated (Python's zlib.compress), base64.
function pack(document) {
    return zlib.deflateSync(Buffer.from(JSON.stringify(document), "utf8"), {level: 1}).toString("base64");
}

// As much of the DOM as the popups use: elements with children, text and attributes, and text nodes.
const fakeDocument = {
    createElement: function (tag) {
        return {
            tagName: tag.toUpperCase(), children: [], textContent: "", className: "", style: {}, listeners: {},
            appendChild: function (child) { this.children.push(child); return child; },
            addEventListener: function (type, listener) { this.listeners[type] = listener; },
        };
    },
    createTextNode: function (content) { return {tagName: "#text", textContent: content, children: []}; },
};

// An element as [tag, class, text, ...children], to compare whole trees.
function tree(el) {
    const node = [el.tagName.toLowerCase(), el.className || "", el.textContent];
    return el.children.length ? node.concat(el.children.map(tree)) : node;
}

const HOSTILE = "<img src=x onerror=alert(1)>{{ 7*7 }}</script>";

// Two sites, the first with two actions, the second with one (columns as strikes/page/mapview.py builds them).
const COLUMNS = {
    lat: [5390000, 5278000], lon: [2756000, 2765000], icon: [0, 1], status_index: [0, 2],
    name: ["Belaruskali", HOSTILE], town: {values: ["Salihorsk", null], codes: [0, 1]},
    sector: {values: ["Mining"]}, position: {values: ["exact", "town"], codes: [0, 1]},
    status: {values: ["August", "November"], codes: [0, 1]}, actions: [2, 1],
    when: ["17 Aug 2020", "18 Aug 2020", "2 Nov 2020"], quote: ["We stop", "Again", HOSTILE],
    size: {values: ["", "~300"], codes: [0, 1, 0]},
    source: ["Nasha Niva", "Tut.by", "Telegram"], url: {values: ["https://nn.by/a", ""], codes: [0, 1, 1]},
    notes: {values: ["", "night shift"], codes: [0, 1, 0]},
    labels: {position: "Position", actions: "{n} actions", more: "and {n} more"},
};

test("decode and inflate read the packed block as Python's zlib.compress and base64 write it", async () => {
    assert.deepEqual([...decode("AAEC/w==")], [0, 1, 2, 255]);
    const document = {columns: COLUMNS, icons: ["<svg></svg>"]};
    assert.deepEqual(await inflate(pack(document)), document);
    // one Python wrote: zlib.compress(b'{"columns":{"lat":[1]},"icons":[]}', 1)
    assert.deepEqual(await inflate("eAGrVkrOzynNzStWsqpWykksUbKKNoyt1VHKTM4HiUXH1gIAzewLlg=="),
                     {columns: {lat: [1]}, icons: []});
});

test("text: a plain list, a dictionary with codes, a single value", () => {
    assert.equal(text(["a", "b"], 1), "b");
    assert.equal(text({values: ["x", "y"], codes: [1, 0, 1]}, 0), "y");
    assert.equal(text({values: ["x", "y"], codes: [1, 0, 1]}, 1), "x");
    assert.equal(text({values: ["only"]}, 41), "only");
    assert.equal(text({values: [null, "y"], codes: [0]}, 0), null);
});

test("firstActions: where each site's actions start, and the last one's end", () => {
    assert.deepEqual([...firstActions([2, 1])], [0, 2, 3]);
    assert.deepEqual([...firstActions([0, 3, 0, 1])], [0, 0, 3, 3, 4]);
    assert.deepEqual([...firstActions([])], [0]);
});

test("siteCoordinates: degrees from integers of 1e-5 degrees, and a GeoJSON point per site", () => {
    const sites = siteCoordinates(COLUMNS, DEFAULTS.scale);
    assert.deepEqual([...sites.lat], [53.9, 52.78]);
    assert.deepEqual([...sites.lon], [27.56, 27.65]);
    assert.deepEqual(sites.points[1], {type: "Feature", geometry: {type: "Point", coordinates: [27.65, 52.78]},
                                       properties: {i: 1}});
});

test("statusCounts: a cluster counts its sites per status", () => {
    const counts = statusCounts([0, 2, 2, 1], 4);
    const sums = [0, 1, 2, 3].map(function (i) { return counts.map({i: i}); });
    assert.deepEqual(sums[1], {0: 0, 1: 0, 2: 1, 3: 0});
    const total = Object.assign({}, sums[0]);
    sums.slice(1).forEach(function (p) { counts.reduce(total, p); });
    assert.deepEqual(total, {0: 1, 1: 1, 2: 2, 3: 0});
});

test("pieSvg and clusterSize: each status's share of the pie as an SVG slice, in order, and a size by count", () => {
    // a quarter from the top to the right, none, then three quarters back round to the top
    assert.equal(pieSvg(["red", "blue", "grey"], {0: 1, 1: 0, 2: 3}, 4, 20),
                 '<svg width="20" height="20" viewBox="0 0 20 20" aria-hidden="true" focusable="false">' +
                 '<path d="M10 10L10.00 0.00A10 10 0 0 1 20.00 10.00Z" fill="red"/>' +
                 '<path d="M10 10L20.00 10.00A10 10 0 1 1 10.00 0.00Z" fill="grey"/></svg>');
    assert.ok(pieSvg(["red"], {0: 7}, 7, 34).includes('<circle cx="17" cy="17" r="17" fill="red"/>'));
    assert.deepEqual([clusterSize(2), clusterSize(9), clusterSize(10), clusterSize(99), clusterSize(100)],
                     [34, 34, 40, 40, 46]);
    assert.equal(clusterHtml(["#c00", "#00c"], {0: 1, 1: 1}, 2),
                 '<div class="strike-cluster" style="width:34px;height:34px">' + pieSvg(["#c00", "#00c"], {0: 1, 1: 1}, 2, 34) +
                 "<span>2</span></div>");
    assert.ok(!clusterHtml(["#c00", "#00c"], {0: 1, 1: 1}, 2).includes("conic-gradient"));  // a print keeps it as vectors
});

test("popupContent: built with textContent, site by site and action by action", () => {
    const first = firstActions(COLUMNS.actions);
    const popup = popupContent(COLUMNS, 0, first, fakeDocument);
    assert.equal(popup.className, "strike-popup");
    assert.deepEqual(tree(popup), [
        "div", "strike-popup", "",
        ["b", "", "Belaruskali"],
        ["div", "", "Salihorsk · Mining"],
        ["div", "where", "Position: exact"],
        ["div", "", "2 actions · August"],
        ["div", "action", "", ["b", "", "17 Aug 2020"], ["blockquote", "", "“We stop”"],
         ["a", "source", "Nasha Niva"]],
        ["div", "action", "", ["b", "", "18 Aug 2020"], ["#text", "", " · ~300"], ["blockquote", "", "“Again”"],
         ["div", "source", "Tut.by"], ["div", "note", "night shift"]],
    ]);
    const link = popup.children[4].children[2];
    assert.equal(link.href, "https://nn.by/a");
    assert.equal(link.target, "_blank");
    assert.equal(link.rel, "noopener");
});

test("popupContent: markup in the data stays text, and a missing town is left out", () => {
    const popup = popupContent(COLUMNS, 1, firstActions(COLUMNS.actions), fakeDocument);
    assert.equal(popup.children[0].textContent, HOSTILE);
    assert.equal(popup.children[1].textContent, "Mining"); // no town: no " · "
    assert.equal(popup.children[2].textContent, "Position: town");
    assert.equal(popup.children[4].children[1].textContent, "“" + HOSTILE + "”");
    assert.ok(JSON.stringify(popup).indexOf("innerHTML") < 0);
});

test("popupContent: a `popup` column is HTML escaped in Python, handed over as it is", () => {
    const columns = {popup: ["<b>A &amp; B</b>", "<b>C</b>"], name: ["A & B", "C"]};
    assert.equal(popupContent(columns, 0, null, fakeDocument), "<b>A &amp; B</b>");
    assert.equal(popupContent({popup: {values: ["<b>same</b>"]}}, 5, null, fakeDocument), "<b>same</b>");
});

test("siteList: the names of a tight cluster's sites, each opening its popup, then how many more", () => {
    const picked = [];
    const list = siteList(COLUMNS, [1, 0], 52, function (i) { picked.push(i); }, fakeDocument);
    assert.deepEqual(tree(list), ["div", "strike-popup", "", ["a", "", HOSTILE], ["a", "", "Belaruskali"],
                                  ["div", "", "and 50 more"]]);
    let prevented = false;
    list.children[1].listeners.click({preventDefault: function () { prevented = true; }});
    assert.deepEqual(picked, [0]);
    assert.ok(prevented);
    assert.equal(siteList(COLUMNS, [0, 1], 2, function () {}, fakeDocument).children.length, 2); // none more
});

test("in a page it is a Leaflet layer: L.StrikeSites, options merged, found by strikeSites", async () => {
    // Leaflet's class machinery, as far as the plugin uses it when it is made
    function extend(parent) {
        return function (proto) {
            function Class() { this.initialize.apply(this, arguments); }
            Class.prototype = Object.assign(Object.create(parent.prototype), proto);
            Class.prototype.options = Object.assign(Object.create(parent.prototype.options || {}), proto.options);
            Class.extend = extend(Class);
            return Class;
        };
    }
    function Layer() {}
    Layer.prototype.options = {pane: "overlayPane"};
    const L = {
        Layer: {extend: extend(Layer)},
        layerGroup: function () { return {}; },
        setOptions: function (object, options) {
            object.options = Object.assign(Object.create(object.options), options);
            return object.options;
        },
    };
    L.Layer.extend = extend(Layer);
    vm.runInNewContext(fs.readFileSync(PLUGIN, "utf8"),
                       {L: L, atob: atob, Blob: Blob, Response: Response, DecompressionStream: DecompressionStream},
                       {filename: PLUGIN});
    const Sites = L.StrikeSites.extend({options: {colours: ["#c00"], maxZoom: 17}});
    const loaded = [];
    Sites.prototype._load = function (data) { loaded.push(data); };
    const layer = new Sites(pack({columns: {lat: [1]}, icons: []}));
    await layer.ready;
    assert.ok(layer.strikeSites);
    assert.equal(typeof layer.openSite, "function");
    assert.deepEqual([layer.options.maxZoom, layer.options.radius, layer.options.listed, layer.options.scale],
                     [17, 70, 50, 100000]);
    assert.deepEqual(layer.options.colours, ["#c00"]);
    assert.equal(layer.options.pane, "overlayPane");
    assert.deepEqual(loaded, [{columns: {lat: [1]}, icons: []}]);
    const made = L.strikeSites(pack({columns: {}, icons: []}), {radius: 9}); // a factory, as Leaflet's
    assert.ok(made instanceof L.StrikeSites);
    assert.equal(made.options.radius, 9);
    assert.equal(made.options.maxZoom, DEFAULTS.maxZoom);
    await made.ready.catch(function () {}); // its _load meets no Supercluster here
});

test("a marker's spoken name says the site, town, status and placing; a cluster's, how many and where", () => {
    const d = {name: ["Belaruskali"], town: {values: ["Salihorsk"], codes: [0]}, status: ["Both August and November — AN"],
               position: {values: ["placed at the town centre"], codes: [0]},
               labels: {cluster: "{n} strike sites here", clusterAt: "{n} strike sites around {town}"}};
    assert.equal(siteLabel(d, 0), "Belaruskali, Salihorsk: Both August and November — AN; placed at the town centre");
    assert.equal(siteLabel({label: ["Made in Python"]}, 0), "Made in Python");
    assert.equal(clusterLabel(d, 14, 0), "14 strike sites around Salihorsk");
    assert.equal(clusterLabel({labels: d.labels}, 14, 0), "14 strike sites here");
});

test("a cluster's large slices carry their letters at the middle of their arcs; small ones and markup do not", () => {
    // 3 of 4 first-wave only (0 to 270 degrees), 1 of 4 both (270 to 360): letters at 135 and 315 degrees
    assert.deepEqual(sliceLetters(["A", "AN", "N", "·"], {0: 3, 1: 1, 2: 0, 3: 0}, 4, 34),
                     [["A", 26, 26], ["AN", 8, 8]]);
    assert.deepEqual(sliceLetters(["A", "AN", "N", "·"], {0: 9, 1: 1, 2: 0, 3: 0}, 10, 34), [["A", 21, 29]]);
    const html = clusterHtml(["#a00", "#0a0", "#00a", "#999"], {0: 1, 1: 1, 2: 0, 3: 0}, 2, ["<b>", "B", "", ""]);
    assert.equal((html.match(/<i /g) || []).length, 2);
    assert.ok(!html.includes("<b>") && !html.includes("%3Cb%3E") && html.includes(encodeURIComponent("&#60;b&#62;")), html);
    assert.ok(decodeURIComponent(letterImage("AN")).includes(">AN</text>"));
});

test("a cluster's hover text gives every slice's letter and count, the smallest too", () => {
    assert.equal(sliceCounts(["A", "AN", "N", "·"], {0: 9, 1: 2, 2: 1, 3: 0}), "A 9 · AN 2 · N 1");
});

test("a site set around its town's centre has a spoke to the centre; a site at its workplace has none", () => {
    const d = {centre: {values: ["", "5390000,2757000"], codes: [0, 1]}};
    assert.equal(spokeEnd(d, 0, 100000), null);
    assert.deepEqual(spokeEnd(d, 1, 100000), [53.9, 27.57]);
    assert.equal(spokeEnd({}, 0, 100000), null);
});

// supercluster as the page loads it (a classic script; its package says "module", so node's require cannot).
function loadSupercluster() {
    const source = fs.readFileSync(path.join(__dirname, "..", "..", "node_modules", "supercluster", "dist", "supercluster.js"), "utf8");
    const module_ = {exports: {}};
    new Function("module", "exports", source)(module_, module_.exports);
    return module_.exports;
}

test("a cluster parts into what its expansion zoom draws, and the focus goes to the first of it in reading order", () => {
    const {expansionChildren, firstRevealed} = require(PLUGIN);
    const Supercluster = loadSupercluster();
    // two pairs of sites a few kilometres apart (north-east and south-west), far from a fifth site
    const at = [[27.60, 53.95], [27.601, 53.951], [27.50, 53.85], [27.501, 53.851], [30.0, 55.0]];
    const points = at.map((c, i) => ({type: "Feature", geometry: {type: "Point", coordinates: c}, properties: {i: i}}));
    const index = new Supercluster({radius: 70, maxZoom: 18}).load(points);
    const minsk = index.getClusters([27, 53.5, 28, 54.5], 6).find((f) => f.properties.cluster);
    assert.equal(minsk.properties.point_count, 4);
    const zoom = index.getClusterExpansionZoom(minsk.properties.cluster_id);
    const children = expansionChildren(index, minsk.properties.cluster_id);
    // exactly what the map draws there at that zoom
    const drawn = index.getClusters([27, 53.5, 28, 54.5], zoom).map((f) => f.properties.cluster ? "c" + f.properties.cluster_id : f.properties.i);
    assert.deepEqual(children.map((f) => f.properties.cluster ? "c" + f.properties.cluster_id : f.properties.i).sort(), drawn.sort());
    assert.ok(children.length > 1);
    // the north-eastern pair (or its site) comes first: north before south
    const first = firstRevealed(children);
    const chosen = children.find((f) => (f.properties.cluster ? "c" + f.properties.cluster_id : f.properties.i) === first);
    assert.ok(chosen.geometry.coordinates[1] > 53.9, JSON.stringify(chosen));
});

test("reading order: north first, then west; a site by its index, a cluster by 'c' and its id; none for nothing", () => {
    const {firstRevealed} = require(PLUGIN);
    const f = (lon, lat, properties) => ({geometry: {coordinates: [lon, lat]}, properties: properties});
    assert.equal(firstRevealed([f(27, 53, {i: 4}), f(28, 54, {i: 7}), f(26, 54, {cluster: true, cluster_id: 9})]), "c9");
    assert.equal(firstRevealed([f(27, 53, {i: 4}), f(28, 53.5, {i: 0})]), 0);
    assert.equal(firstRevealed([]), null);
});

test("popupContent: the site's other name, its oblast and its position's source, as the app's popup gives them", () => {
    const columns = Object.assign({}, COLUMNS, {local: ["Беларуськалій", ""], oblast: ["Мінская", ""],
                                                located: ["GeoNames cities1000: Salihorsk", ""]});
    const first = firstActions(COLUMNS.actions);
    const popup = popupContent(columns, 0, first, fakeDocument);
    assert.deepEqual(tree(popup).slice(3, 7), [
        ["b", "", "Belaruskali"],
        ["div", "local", "Беларуськалій"],
        ["div", "", "Salihorsk, Мінская · Mining"],
        ["div", "where", "Position: exact (GeoNames cities1000: Salihorsk)"],
    ]);
    // a site with none of them reads as before: no empty line, no empty brackets
    const bare = popupContent(columns, 1, first, fakeDocument);
    assert.deepEqual(bare.children.slice(0, 3).map((c) => [c.className, c.textContent]),
                     [["", HOSTILE], ["", "Mining"], ["where", "Position: town"]]);
});
