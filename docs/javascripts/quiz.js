/* Self-check quizzes. The HTML works without this script (answers sit in closed
 * <details>); this turns each quiz interactive. Progress is kept in localStorage
 * under the bank and question ids, and the quiz still works where storage fails.
 * Runs on every page change with Material's instant navigation (document$), and
 * is safe to load or run twice. */
(function () {
  "use strict";
  if (window.courseQuiz) return;
  var PREFIX = "course-quiz:";

  function load(slug) {
    try { return JSON.parse(localStorage.getItem(PREFIX + slug)) || {}; } catch (e) { return {}; }
  }
  function save(slug, data) {
    try {
      if (Object.keys(data).length) localStorage.setItem(PREFIX + slug, JSON.stringify(data));
      else localStorage.removeItem(PREFIX + slug);
    } catch (e) { /* storage blocked or full: the quiz works, it just forgets */ }
  }
  function all(root, selector) { return Array.prototype.slice.call(root.querySelectorAll(selector)); }

  /* Show one question as unanswered (state null) or answered ({sel: [...], ok: bool}). */
  function show(q, state) {
    var inputs = all(q, "input"), feedback = q.querySelector(".quiz-feedback");
    var answer = q.querySelector(".quiz-answer");
    inputs.forEach(function (input, i) {
      var chosen = !!state && state.sel.indexOf(i) >= 0, li = input.parentNode;
      input.checked = chosen;
      input.disabled = !!state;
      li.classList.toggle("quiz-chosen", chosen);
      li.classList.toggle("quiz-right", !!state && input.hasAttribute("data-correct"));
      li.classList.toggle("quiz-wrong", chosen && !input.hasAttribute("data-correct"));
    });
    q.querySelector(".quiz-check").hidden = !!state;
    q.querySelector(".quiz-retry").hidden = !state;
    answer.hidden = !state;
    answer.open = !!state;
    q.classList.toggle("quiz-done", !!state);
    if (!state) { feedback.textContent = ""; return; }
    var text = state.ok ? "<p><strong>Correct.</strong></p>" : "<p><strong>Not quite.</strong></p>";
    state.sel.forEach(function (i) {
      if (!inputs[i].hasAttribute("data-correct")) {
        text += "<p>" + q.querySelector('.quiz-why [data-option="' + i + '"]').innerHTML + "</p>";
      }
    });
    if (!state.ok && q.getAttribute("data-type") === "multiple") {
      text += "<p>The full answer is below.</p>";
    }
    feedback.innerHTML = text;
  }

  function score(root, data) {
    var questions = all(root, ".quiz-question"), answered = 0, right = 0;
    questions.forEach(function (q) {
      var s = data[q.getAttribute("data-qid")];
      if (s) { answered++; if (s.ok) right++; }
    });
    var total = questions.length;
    root.querySelector(".quiz-score").textContent = answered === total
      ? "All done: " + right + " of " + total + " correct."
      : "Score so far: " + right + " of " + total + " correct (" + answered + " answered).";
  }

  function setup(root) {
    if (root.getAttribute("data-quiz-ready")) return;
    root.setAttribute("data-quiz-ready", "1");
    root.classList.add("quiz-live");
    var slug = root.getAttribute("data-quiz"), data = load(slug);
    all(root, "[hidden].quiz-actions, .quiz-footer").forEach(function (el) { el.hidden = false; });
    /* Glossary words inside a choice are no Tab stops: Tab goes from the choices straight to Check. */
    all(root, ".quiz-options abbr").forEach(function (el) { el.tabIndex = -1; });
    all(root, ".quiz-question").forEach(function (q) {
      var saved = data[q.getAttribute("data-qid")];
      if (saved && saved.sig !== q.getAttribute("data-sig")) {
        delete data[q.getAttribute("data-qid")];  /* the question changed since it was answered */
        saved = null;
      }
      show(q, saved || null);
    });
    save(slug, data);
    score(root, data);

    root.addEventListener("click", function (event) {
      var button = event.target.closest("button");
      if (!button || !root.contains(button)) return;
      var q = button.closest(".quiz-question"), qid = q && q.getAttribute("data-qid");
      if (button.classList.contains("quiz-check")) {
        var inputs = all(q, "input"), sel = [];
        inputs.forEach(function (input, i) { if (input.checked) sel.push(i); });
        if (!sel.length) {
          q.querySelector(".quiz-feedback").textContent = "Choose an answer first, then press Check.";
          return;
        }
        var ok = inputs.every(function (input) { return input.checked === input.hasAttribute("data-correct"); });
        data[qid] = { sel: sel, ok: ok, sig: q.getAttribute("data-sig") };
        show(q, data[qid]);
        q.querySelector(".quiz-retry").focus();
      } else if (button.classList.contains("quiz-retry")) {
        delete data[qid];
        show(q, null);
        q.querySelector("input").focus();
      } else if (button.classList.contains("quiz-reset")) {
        data = {};
        all(root, ".quiz-question").forEach(function (each) { show(each, null); });
      } else {
        return;
      }
      save(slug, data);
      score(root, data);
    });
  }

  function start() { all(document, ".quiz[data-quiz]").forEach(setup); }

  window.courseQuiz = { start: start };
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(start);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
