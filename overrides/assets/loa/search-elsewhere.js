/* Loa: when search finds nothing in the reader's language, say in which language it
   finds something, with a link that opens search there (docs/guide/site.md).
   Loaded with Material's script, only once the reader opens search. The other
   languages' indexes are fetched only then, one by one, the source language first. */
(function () {
  var config = JSON.parse(document.getElementById("__config").textContent);
  var loa = config.loa, none = config.translations["search.result.none"];
  var meta = document.querySelector(".md-search-result__meta");
  var input = document.querySelector("input[name=query]");
  if (!loa || !loa.elsewhere || !meta || !input) return;
  var fromDisk = location.protocol === "file:", indexes = {};
  var note = document.createElement("p");
  note.className = "loa-search-elsewhere";
  note.hidden = true;
  meta.insertAdjacentElement("afterend", note);

  function words(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d").replace(/Đ/g, "D")
      .toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  }

  /* Over HTTP the JSON index; from disk the same as a script (no fetch from file://) */
  function load(language, then) {
    if (language.tag in indexes) return then(indexes[language.tag]);
    var done = function (index) { indexes[language.tag] = index; then(index); };
    var base = language.root + "search/search_index";
    if (!fromDisk) {
      fetch(base + ".json").then(function (r) { return r.json(); }).then(done, function () { done(null); });
      return;
    }
    var script = document.createElement("script");
    script.src = base + ".js";
    script.onload = function () { done(window.__index || null); };
    script.onerror = function () { done(null); };
    document.body.appendChild(script);
  }

  function finds(index, wanted) {
    return !!index && index.docs.some(function (doc) {
      var have = words(doc.title + " " + doc.text.replace(/<[^>]+>/g, " "));
      return wanted.every(function (w) { return have.some(function (h) { return h.indexOf(w) === 0; }); });
    });
  }

  function show(language, query) {
    var link = document.createElement("a");
    link.href = language.root + (fromDisk ? "index.html" : "") + "?q=" + encodeURIComponent(query);
    link.hreflang = language.tag;
    link.textContent = loa.elsewhere.replace("{language}", language.name);
    note.replaceChildren(link);
    note.hidden = false;
  }

  function check() {
    var query = input.value.trim(), wanted = words(query), queue = loa.languages.slice();
    note.hidden = true;
    if (!wanted.length || meta.textContent !== none) return;
    (function next() {
      var language = queue.shift();
      if (!language) return;
      load(language, function (index) {
        if (input.value.trim() !== query) return;  /* the reader typed on */
        if (finds(index, wanted)) show(language, query);
        else next();
      });
    })();
  }

  new MutationObserver(check).observe(meta, {childList: true, characterData: true, subtree: true});
})();
