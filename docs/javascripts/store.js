/* Saved answers for the quiz, the progress page, the privacy button and the tools (see CONVENTIONS.md,
 * "Saved answers"). Classic script, safe to load twice; storage that throws never breaks a page. */
(function () {
  "use strict";
  if (window.courseStore) return;
  var PREFIX = "course-quiz:", VERSION = 2;
  /* Quiz progress is kept per language (the questions' words and fingerprints differ): English
   * under course-quiz:<bank>, as before translations, Spanish under course-quiz:es:<bank>. The
   * reader's own words (course-plan:, course-questions:) are shared by every language. */
  var LANGUAGE = (document.documentElement.getAttribute("lang") || "en").toLowerCase().split("-")[0];
  var BANKS = PREFIX + (LANGUAGE === "en" ? "" : LANGUAGE + ":");

  function storage() {
    try { return window.localStorage || null; } catch (e) { return null; }
  }

  /* Any key's value; set(key, null) removes it; false if refused */
  function get(key) {
    var s = storage();
    try { return s && JSON.parse(s.getItem(key)); } catch (e) { return null; }
  }

  function set(key, value) {
    var s = storage();
    try {
      if (value == null) s.removeItem(key); else s.setItem(key, JSON.stringify(value));
      return true;
    } catch (e) { return false; }
  }

  function read(bank) {
    var data = get(BANKS + bank);
    if (!data || typeof data !== "object") return {};
    if (data.v === VERSION) return data.q && typeof data.q === "object" ? data.q : {};
    return data.v === undefined ? data : {};  /* v1: the map itself */
  }

  function write(bank, answers) {
    set(BANKS + bank, Object.keys(answers).length ? { v: VERSION, q: answers } : null);
  }

  /* store.js is <root>/javascripts/store.js; a translation's root is its folder (es/) */
  var script = document.currentScript, ROOT = new URL(script ? "../" : "./", script ? script.src : location.href);
  function siteRoot() { return ROOT; }
  /* The course's root, shared by every language: Material keeps the theme's settings there
   * (its __md_scope: `extra.scope: ..` in mkdocs.es.yml), and the service worker lives there. */
  function courseRoot() {
    return window.__md_scope instanceof URL ? window.__md_scope : ROOT;
  }

  /* Saved answers in every language, the tools, and the theme's settings (colour choice) */
  function keys() {
    var found = [], theme = courseRoot().pathname + ".__", s = storage();
    try {
      for (var i = 0; s && i < s.length; i++) {
        var key = s.key(i);
        if (/^course-(quiz|plan|questions):/.test(key) || key.indexOf(theme) === 0) found.push(key);
      }
    } catch (e) { }
    return found;
  }

  function clear() {
    var all = keys(), banks = 0, s = storage();
    all.forEach(function (key) {
      if (key.indexOf(PREFIX) === 0) banks++;
      try { s.removeItem(key); } catch (e) { }
    });
    return { keys: all.length, banks: banks };
  }

  function available() {
    var s = storage(), probe = PREFIX + "?";
    try { s.setItem(probe, "1"); s.removeItem(probe); return true; } catch (e) { return false; }
  }

  function say(text, values) {
    return String(text).replace(/\{(\w+)\}/g, function (all, name) {
      return values && name in values ? values[name] : all;
    });
  }

  function words(element) {
    try { return JSON.parse(element.getAttribute("data-words")) || {}; } catch (e) { return {}; }
  }

  window.courseStore = {
    read: read, write: write, get: get, set: set, clear: clear, keys: keys, available: available,
    siteRoot: siteRoot, courseRoot: courseRoot, language: LANGUAGE, say: say, words: words
  };
})();
