/* The "Your progress" page: fills in each chapter's score, status and last date from the
 * answers store.js keeps, and shows the questions last answered wrong. The build wrote
 * the chapters, their questions, links and signatures into the page; every word comes
 * from the section's data-words. Loaded on the progress page only; safe to run twice;
 * runs after instant navigation (document$). */
(function () {
  "use strict";
  if (window.courseProgress) return;
  var store;  /* store.js: deferred like this script, so looked up when the page starts */

  function all(root, selector) { return Array.prototype.slice.call(root.querySelectorAll(selector)); }

  /* The saved answers of one bank that still match its questions (same signature). */
  function current(bank, sigs) {
    var saved = store.read(bank), kept = {};
    Object.keys(saved).forEach(function (qid) {
      if (saved[qid] && sigs[qid] === saved[qid].sig) kept[qid] = saved[qid];
    });
    return kept;
  }

  function fill(root) {
    var w = store.words(root).progress || {}, missed = 0, sigs = {};
    all(root, ".quiz-progress-review li").forEach(function (li) {
      var bank = li.getAttribute("data-bank");
      (sigs[bank] = sigs[bank] || {})[li.getAttribute("data-qid")] = li.getAttribute("data-sig");
    });
    var answers = {};
    all(root, "tr[data-bank]").forEach(function (row) {
      var bank = row.getAttribute("data-bank"), count = +row.getAttribute("data-count");
      var saved = answers[bank] = current(bank, sigs[bank] || {}), good = 0, answered = 0, last = 0;
      Object.keys(saved).forEach(function (qid) {
        var a = saved[qid];
        if (a.sel) { answered++; if (a.ok) good++; }
        if (a.at > last) last = a.at;
      });
      row.querySelector(".quiz-progress-score").textContent = store.say(w.score_of, { right: good, count: count });
      row.querySelector(".quiz-progress-status").textContent =
        answered === count ? w.done : (answered || last ? w.started : w.not_started);
      row.querySelector(".quiz-progress-date").textContent = last
        ? new Date(last).toLocaleDateString(document.documentElement.lang || undefined,
          { year: "numeric", month: "long", day: "numeric" })
        : w.never;
    });
    all(root, ".quiz-progress-review li").forEach(function (li) {
      var a = (answers[li.getAttribute("data-bank")] || {})[li.getAttribute("data-qid")];
      li.hidden = !(a && a.ok === false);
      if (!li.hidden) missed++;
    });
    root.querySelector(".quiz-progress-none").hidden = missed > 0;
    root.querySelector(".quiz-progress-nojs").hidden = true;
    root.querySelector(".quiz-progress-storage").hidden = store.available();
  }

  function start() { store = window.courseStore; all(document, ".quiz-progress").forEach(fill); }

  window.courseProgress = { start: start };
  /* Material's document$ starts it on every page, instant navigation included. On the first
   * page this script runs before Material's (both deferred; this one sits in the content). */
  function begin() {
    if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(start);
    else start();
  }
  if (window.document$ || document.readyState === "complete") begin();
  else document.addEventListener("DOMContentLoaded", begin);
})();
