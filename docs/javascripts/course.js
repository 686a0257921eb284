/* Small helpers for every page. Safe to run twice; runs after instant navigation.
 * - a glossary word's first use on a page can be focused, so its definition shows;
 * - the privacy page's button clears what the course stored in this browser;
 * - over http(s), the service worker (sw.js, written by the build) keeps the
 *   course readable offline. Never on file://, where browsers don't allow it;
 * - two theme controls without a name get one (search's hidden frame on file://,
 *   the table-of-contents toggle on pages without sections). */
(function () {
  "use strict";
  if (window.courseSite) return;
  window.courseSite = true;

  var QUIZ_PREFIX = "course-quiz:";

  /* Only a term's first use on a page joins the Tab order, so keyboard users get
   * each definition once without tabbing through every repeat; all uses show it on hover. */
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

  /* The site's root, from Material's page config ("base" is relative to the page). */
  function siteRoot() {
    try {
      var config = JSON.parse(document.getElementById("__config").textContent);
      return new URL(config.base.replace(/\/?$/, "/"), location.href);
    } catch (e) {
      return new URL("./", location.href);
    }
  }

  /* Every key this course may have stored: quiz progress, and the theme's own
   * settings (such as the light or dark choice), which it keys by the site's path. */
  function storedKeys() {
    var keys = [], themePrefix = siteRoot().pathname + ".__";
    try {
      for (var i = 0; i < localStorage.length; i++) {
        var key = localStorage.key(i);
        if (key.indexOf(QUIZ_PREFIX) === 0 || key.indexOf(themePrefix) === 0) keys.push(key);
      }
    } catch (e) { /* storage blocked: nothing was stored */ }
    return keys;
  }

  function clearButton() {
    var button = document.querySelector("[data-course-clear]");
    if (!button || button.hasAttribute("data-ready")) return;
    button.setAttribute("data-ready", "");
    button.hidden = false;
    var status = document.querySelector("[data-course-clear-status]");
    button.addEventListener("click", function () {
      var keys = storedKeys(), quizzes = 0;
      keys.forEach(function (key) {
        if (key.indexOf(QUIZ_PREFIX) === 0) quizzes++;
        try { localStorage.removeItem(key); } catch (e) { /* blocked */ }
      });
      if (status) {
        if (!keys.length) {
          status.textContent = "There was nothing to clear: this browser holds nothing from this course.";
        } else {
          status.textContent = (quizzes
            ? "Done. Your saved answers for " + quizzes + (quizzes === 1 ? " quiz were" : " quizzes were") + " cleared."
            : "Done. There were no saved quiz answers; your colour choice was cleared.") +
            " Nothing from this course is left in this browser.";
        }
      }
    });
  }

  /* The build names its service worker in a <meta> tag; `mkdocs serve` writes none. */
  function registerServiceWorker() {
    var meta = document.querySelector('meta[name="course-service-worker"]');
    if (!meta || !("serviceWorker" in navigator) || !/^https?:$/.test(location.protocol)) return;
    var script = new URL(meta.getAttribute("content"), location.href);
    navigator.serviceWorker.register(script.href, { scope: siteRoot().pathname })
      .catch(function () { /* not allowed here (e.g. private mode): the site works online as usual */ });
  }

  /* Material's search box is a dialog without a name; screen readers announce this one. */
  function nameSearchDialog() {
    var dialog = document.querySelector('.md-search[role="dialog"]');
    if (dialog && !dialog.hasAttribute("aria-label")) dialog.setAttribute("aria-label", "Search this course");
  }

  /* On file:// the iframe-worker shim runs search in a hidden <iframe> it adds to the
   * body, without a title; every frame needs one (WCAG 2.4.1, HTML_CodeSniffer's H64.1).
   * The theme's script has made it by now: it runs before this one. */
  function nameSearchFrame() {
    Array.prototype.forEach.call(document.querySelectorAll("body > iframe[hidden]:not([src]):not([title])"),
      function (frame) { frame.setAttribute("title", "Search helper (hidden, nothing to read)"); });
  }

  /* Material writes a hidden checkbox (#__toc) that opens the page's table of contents in
   * the menu, but its label only when the page has sections: without one the box has no
   * name. It gets the name of the table of contents it belongs to. */
  function nameTocToggle() {
    var toggle = document.getElementById("__toc");
    if (!toggle || toggle.labels.length || toggle.hasAttribute("aria-label")) return;
    var toc = document.querySelector(".md-nav--secondary[aria-label]");
    toggle.setAttribute("aria-label", toc ? toc.getAttribute("aria-label") : "Table of contents");
  }

  function everyPage() {
    focusableTerms();
    clearButton();
    nameSearchDialog();
    nameSearchFrame();
    nameTocToggle();
  }

  registerServiceWorker();
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(everyPage);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", everyPage);
  } else {
    everyPage();
  }
})();
