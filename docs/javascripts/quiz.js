/* Self-check quizzes: the HTML works without this (answers in closed <details>). Saves through
 * store.js; words from data-words. Runs on every page (document$); safe to run twice. */
(function () {
  "use strict";
  if (window.courseQuiz) return;
  var store;  /* store.js: deferred like this script, so looked up when the page starts */

  function all(root, selector) { return Array.prototype.slice.call(root.querySelectorAll(selector)); }
  function right(input) { return input.hasAttribute("data-correct"); }
  function why(q, i) { return "<p>" + q.querySelector('.quiz-why [data-option="' + i + '"]').innerHTML + "</p>"; }

  function show(q, state, w) {
    var inputs = all(q, "input"), feedback = q.querySelector(".quiz-feedback");
    var answer = q.querySelector(".quiz-answer");
    inputs.forEach(function (input, i) {
      var chosen = !!state && state.sel.indexOf(i) >= 0, li = input.parentNode;
      input.checked = chosen;
      input.disabled = !!state;
      li.classList.toggle("quiz-chosen", chosen);
      li.classList.toggle("quiz-right", !!state && right(input));
      li.classList.toggle("quiz-wrong", chosen && !right(input));
    });
    q.querySelector(".quiz-check").hidden = !!state;
    q.querySelector(".quiz-retry").hidden = !state;
    answer.hidden = !state;
    answer.open = !!state;
    q.classList.toggle("quiz-done", !!state);
    if (!state) { feedback.textContent = ""; return; }
    var text = "<p><strong>" + (state.ok ? w.correct : w.not_quite) + "</strong></p>";
    if (q.getAttribute("data-type") === "classify") {
      var groups = all(q, ".quiz-statement"), placed = 0, wrong = "";
      groups.forEach(function (group, s) {
        if (all(group, "input").every(function (input) { return input.checked === right(input); })) placed++;
        else wrong += why(q, s);
      });
      feedback.innerHTML = text + "<p>" + store.say(w.placed, { right: placed, count: groups.length }) + "</p>" + wrong;
      return;
    }
    state.sel.forEach(function (i) { if (!right(inputs[i])) text += why(q, i); });
    if (!state.ok && q.getAttribute("data-type") === "multiple") text += "<p>" + w.full_answer_below + "</p>";
    feedback.innerHTML = text;
  }

  function score(root, data, w) {
    var questions = all(root, ".quiz-question"), answered = 0, good = 0;
    questions.forEach(function (q) {
      var s = data[q.getAttribute("data-qid")];
      if (s && s.sel) { answered++; if (s.ok) good++; }
    });
    var values = { right: good, count: questions.length, answered: answered };
    root.querySelector(".quiz-score").textContent = store.say(answered === questions.length ? w.all_done : w.so_far, values);
  }

  function complete(q, sel) {
    if (q.getAttribute("data-type") !== "classify") return sel.length > 0;
    return all(q, ".quiz-statement").every(function (group) { return !!group.querySelector("input:checked"); });
  }

  function setup(root) {
    if (root.getAttribute("data-quiz-ready")) return;
    root.setAttribute("data-quiz-ready", "1");
    root.classList.add("quiz-live");
    var slug = root.getAttribute("data-quiz"), data = store.read(slug), w = store.words(root).quiz_script || {};
    all(root, "[hidden].quiz-actions, .quiz-footer").forEach(function (el) { el.hidden = false; });
    /* glossary words in a choice: no Tab stop */
    all(root, ".quiz-options abbr").forEach(function (el) { el.tabIndex = -1; });
    /* The page arrives as an unanswered quiz: only saved answers need drawing, so that
     * starting costs the browser little restyling (quiz.css hides unchecked answer keys). */
    all(root, ".quiz-question").forEach(function (q) {
      var saved = data[q.getAttribute("data-qid")];
      if (saved && saved.sig !== q.getAttribute("data-sig")) {
        delete data[q.getAttribute("data-qid")];
        saved = null;
      }
      if (saved && saved.sel) show(q, saved, w);
      else all(q, "input").forEach(function (input) { input.disabled = false; });
    });
    store.write(slug, data);
    score(root, data, w);
    /* The questions are drawn only now (quiz.css): a link to one of them, as on the progress
     * page's review list, may have scrolled the page before they had a place. */
    var target = location.hash && document.getElementById(location.hash.slice(1));
    if (target && root.contains(target)) target.scrollIntoView();

    root.addEventListener("click", function (event) {
      var button = event.target.closest("button");
      if (!button || !root.contains(button)) return;
      var q = button.closest(".quiz-question"), qid = q && q.getAttribute("data-qid");
      data = store.read(slug);
      if (button.classList.contains("quiz-check")) {
        var inputs = all(q, "input"), sel = [];
        inputs.forEach(function (input, i) { if (input.checked) sel.push(i); });
        if (!complete(q, sel)) {
          q.querySelector(".quiz-feedback").textContent =
            q.getAttribute("data-type") === "classify" ? w.place_every_first : w.choose_first;
          return;
        }
        var ok = inputs.every(function (input) { return input.checked === right(input); });
        data[qid] = { sel: sel, ok: ok, sig: q.getAttribute("data-sig"), at: Date.now() };
        show(q, data[qid], w);
        q.querySelector(".quiz-retry").focus();
      } else if (button.classList.contains("quiz-retry")) {
        /* a wrong answer stays on the review list */
        if (data[qid] && !data[qid].ok) data[qid] = { ok: false, sig: data[qid].sig, at: data[qid].at };
        else delete data[qid];
        show(q, null, w);
        q.querySelector("input").focus();
      } else if (button.classList.contains("quiz-reset")) {
        data = {};
        all(root, ".quiz-question").forEach(function (each) { show(each, null, w); });
      } else {
        return;
      }
      store.write(slug, data);
      score(root, data, w);
    });
  }

  function start() { store = window.courseStore; all(document, ".quiz[data-quiz]").forEach(setup); }

  window.courseQuiz = { start: start };
  /* Material's document$ starts it on every page, instant navigation included. On the first
   * page this script runs before Material's (both deferred; this one sits in the content). */
  function begin() {
    if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(start);
    else start();
  }
  if (window.document$ || document.readyState === "complete") begin();
  else document.addEventListener("DOMContentLoaded", begin);
})();
