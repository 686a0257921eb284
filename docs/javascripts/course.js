/* Small helpers for every page. Safe to run twice; runs after instant navigation. */
(function () {
  "use strict";
  if (window.courseSite) return;
  window.courseSite = true;

  /* Glossary words (<abbr title>) can be reached with the keyboard, so their
   * definition shows on focus as well as on hover. */
  function focusableTerms() {
    Array.prototype.forEach.call(document.querySelectorAll("article abbr[title]"), function (abbr) {
      if (!abbr.hasAttribute("tabindex")) abbr.setAttribute("tabindex", "0");
    });
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(focusableTerms);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", focusableTerms);
  } else {
    focusableTerms();
  }
})();
