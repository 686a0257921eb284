/* Small helpers for every page. Safe to run twice; runs after instant navigation.
 * - a glossary word's first use on a page can be focused, so its definition shows;
 * - the privacy page's button clears what the course stored in this browser (through store.js);
 * - over http(s), the service worker (sw.js, written by the build) keeps the
 *   course readable offline, registered after the page has loaded. Never on file://,
 *   where browsers don't allow it;
 * - the language switch keeps the section the reader is on (#anchor);
 * - two theme controls without a name get one (search's hidden frame on file://,
 *   the table-of-contents toggle on pages without sections). */
(function () {
  "use strict";
  if (window.courseSite) return;
  window.courseSite = true;

  /* The build marks only a term's first use on a page (macros/glossary.py); that use joins
   * the Tab order, so keyboard users reach each definition once, as mouse users do on hover. */
  function focusableTerms() {
    var seen = {};
    Array.prototype.forEach.call(document.querySelectorAll("article abbr[title]"), function (abbr) {
      if (abbr.closest(".quiz-options")) return;  /* quiz.js keeps answer choices to one Tab stop */
      var term = abbr.textContent.toLowerCase();
      if (seen[term] || abbr.hasAttribute("tabindex")) { seen[term] = true; return; }
      seen[term] = true;
      abbr.setAttribute("tabindex", "0");
    });
  }

  /* The privacy page's button clears everything through store.js; its words sit in its data-words. */
  function clearButton() {
    var button = document.querySelector("[data-course-clear]"), store = window.courseStore;
    if (!button || !store || button.hasAttribute("data-ready")) return;
    button.setAttribute("data-ready", "");
    button.hidden = false;
    var status = document.querySelector("[data-course-clear-status]"), w = store.words(button);
    button.addEventListener("click", function () {
      var cleared = store.clear();
      if (!status) return;
      if (!cleared.keys) { status.textContent = w.nothing; return; }
      status.textContent = (cleared.banks
        ? store.say(cleared.banks === 1 ? w.quizzes_one : w.quizzes_other, { count: cleared.banks })
        : w.theme_only) + " " + w.all_gone;
    });
  }

  /* The build names its service worker in a <meta> tag; `mkdocs serve` writes none. */
  function registerServiceWorker() {
    var meta = document.querySelector('meta[name="course-service-worker"]'), store = window.courseStore;
    if (!meta || !store || !("serviceWorker" in navigator) || !/^https?:$/.test(location.protocol)) return;
    var script = new URL(meta.getAttribute("content"), location.href);  /* at the course's root: every language */
    navigator.serviceWorker.register(script.href, { scope: new URL("./", script).pathname })
      .catch(function () { /* not allowed here (e.g. private mode): the site works online as usual */ });
  }

  /* Material's search box is a dialog without a name; screen readers announce this one
   * (the name is in the notice's data-search-label, from data/words/<language>.yml). */
  function nameSearchDialog() {
    var dialog = document.querySelector('.md-search[role="dialog"]');
    var label = document.querySelector("[data-search-label]");
    if (dialog && label && !dialog.hasAttribute("aria-label")) {
      dialog.setAttribute("aria-label", label.getAttribute("data-search-label"));
    }
  }

  /* On file:// the iframe-worker shim runs search in a hidden <iframe> it adds to the
   * body, without a title; every frame needs one (WCAG 2.4.1, HTML_CodeSniffer's H64.1).
   * The theme's script has made it by now: it runs before this one. */
  function nameSearchFrame() {
    var words = document.querySelector("[data-search-frame]");
    if (!words) return;
    Array.prototype.forEach.call(document.querySelectorAll("body > iframe[hidden]:not([src]):not([title])"),
      function (frame) { frame.setAttribute("title", words.getAttribute("data-search-frame")); });
  }

  /* Material writes a hidden checkbox (#__toc) that opens the page's table of contents in
   * the menu, but its label only when the page has sections: without one the box has no
   * name. It gets the name of the table of contents it belongs to. */
  function nameTocToggle() {
    var toggle = document.getElementById("__toc");
    if (!toggle || toggle.labels.length || toggle.hasAttribute("aria-label")) return;
    var toc = document.querySelector(".md-nav--secondary[aria-label]"), words = document.querySelector("[data-contents]");
    var name = toc ? toc.getAttribute("aria-label") : words && words.getAttribute("data-contents");
    if (name) toggle.setAttribute("aria-label", name);
  }

  /* The language switch (overrides/partials/alternate.html) goes to the same page in the
   * other language; the section the reader is on comes along: headings keep the English
   * anchors in every language (#what-the-word-means), and so do the quizzes' questions. */
  function languageSwitch() {
    Array.prototype.forEach.call(document.querySelectorAll("a[data-course-language]"), function (link) {
      if (link.hasAttribute("data-ready")) return;
      link.setAttribute("data-ready", "");
      link.addEventListener("click", function () {
        var target = new URL(link.getAttribute("href"), location.href);
        target.hash = location.hash;
        link.href = target.href;
      });
    });
  }

  function everyPage() {
    languageSwitch();
    focusableTerms();
    clearButton();
    nameSearchDialog();
    nameSearchFrame();
    nameTocToggle();
  }

  /* After the page has loaded, so that the service worker's downloads never compete with it. */
  if (document.readyState === "complete") registerServiceWorker();
  else window.addEventListener("load", registerServiceWorker);
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(everyPage);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", everyPage);
  } else {
    everyPage();
  }
})();
