/* Saved answers for the quiz, the progress page, the privacy button and the tools (see CONVENTIONS.md,
 * "Saved answers"). Classic script, safe to load twice; storage that throws never breaks a page. */
(function () {
  "use strict";
  if (window.courseStore) return;
  var PREFIX = "course-quiz:", VERSION = 2, LANG = document.documentElement.lang;
  var BANKS = PREFIX + (LANG && LANG != "en" ? LANG + ":" : "");  /* per language: course-quiz:es:<bank> */

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

  /* Saved answers, the tools, and the theme's settings (colour choice; under the course's root, __md_scope) */
  function keys() {
    var found = [], theme = (window.__md_scope || location).pathname + ".__", s = storage();
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
    say: say, words: words
  };
})();
