/* The reader's tools: "My flare-up plan" (course-plan:) and "My questions for the visit"
 * (course-questions:). The build wrote each form (macros/tools.py); this script saves what
 * the reader types through store.js, restores it, and clears it after an in-page
 * confirmation. Every word comes from the tool's data-words. Loaded on these two pages only;
 * safe to run twice; runs after instant navigation (document$). A quiz's "Ask my clinician about
 * this" link arrives here as my-questions.html#ask=<bank>/<question-id> (see fromQuiz). */
(function () {
  "use strict";
  if (window.courseTools) return;
  var store, PLAN = "course-plan:plan", QUESTIONS = "course-questions:list";

  function all(root, selector) { return Array.prototype.slice.call(root.querySelectorAll(selector)); }
  function show(root, selector) { all(root, selector).forEach(function (el) { el.hidden = false; }); }

  /* The clear button, its confirmation ("Yes" / "Keep it") and the status line. */
  function actions(root, w, empty) {
    var status = root.querySelector("[data-tool-status]"), clear = root.querySelector("[data-tool-clear]");
    var ask = root.querySelector("[data-tool-confirm]");
    root.querySelector(".course-tool-actions").hidden = false;
    function say(text) { status.textContent = text; }
    function close(focus) { ask.hidden = true; clear.hidden = false; focus.focus(); }
    clear.addEventListener("click", function () {
      ask.hidden = false;
      clear.hidden = true;
      ask.querySelector("[data-tool-no]").focus();
    });
    ask.querySelector("[data-tool-no]").addEventListener("click", function () { close(clear); say(w.kept); });
    ask.querySelector("[data-tool-yes]").addEventListener("click", function () {
      close(empty());
      say(w.cleared);
    });
    if (!store.available()) say(w.not_saved);
    return say;
  }

  function saveOrSay(say, w, key, value) {
    say(store.set(key, value) ? w.saved : w.not_saved);
  }

  /* ------------------------------------------------------------ the flare-up plan */

  function plan(root) {
    var w = store.words(root), boxes = all(root, "textarea"), timer = null;
    var saved = store.get(PLAN), fields = (saved && saved.f) || {};
    function mirror(box) { box.parentNode.querySelector(".course-plan-print").textContent = box.value; }
    boxes.forEach(function (box) {
      if (typeof fields[box.name] === "string") box.value = fields[box.name];
      mirror(box);
    });
    function value() {
      var f = {}, any = false;
      boxes.forEach(function (box) { if (box.value.trim()) { f[box.name] = box.value; any = true; } });
      return any ? { v: 1, f: f } : null;
    }
    var say = actions(root, w, function () {
      clearTimeout(timer);
      boxes.forEach(function (box) { box.value = ""; mirror(box); });
      store.set(PLAN, null);
      return boxes[0];
    });
    root.addEventListener("input", function (event) {
      if (event.target.tagName !== "TEXTAREA") return;
      mirror(event.target);
      clearTimeout(timer);
      timer = setTimeout(function () { saveOrSay(say, w, PLAN, value()); }, 800);
    });
  }

  /* ------------------------------------------------------------ the questions for the visit */

  /* The list is { v: 1, q: [...] }: each question is its text, or { t: text, a: "bank/question-id" }
   * when a quiz's "Ask my clinician about this" link added it. */
  function valid(item) {
    return typeof item === "string" || (!!item && typeof item.t === "string" && typeof item.a === "string");
  }
  function textOf(item) { return typeof item === "string" ? item : item.t; }

  function questions(root) {
    var w = store.words(root), list = root.querySelector(".course-questions-list");
    var input = root.querySelector("#questions-new"), saved = store.get(QUESTIONS), asks;
    var items = saved && Array.isArray(saved.q) ? saved.q.filter(valid) : [];
    try { asks = JSON.parse(root.getAttribute("data-ask")) || {}; } catch (e) { asks = {}; }
    var say = actions(root, w, function () { items = []; save(); draw(); return input; });

    function save() { return store.set(QUESTIONS, items.length ? { v: 1, q: items } : null); }
    /* A quiz question the build knows: its prompt, its number, and the link back to it */
    function asked(ask) {
      var parts = String(ask).split("/"), chapter = asks.hasOwnProperty(parts[0]) && asks[parts[0]], found = null;
      if (parts.length !== 2 || !chapter) return null;
      chapter[2].forEach(function (q, i) {
        if (q[0] === parts[1]) found = { prompt: q[1], href: chapter[1] + q[0], chapter: chapter[0], number: i + 1 };
      });
      return found;
    }
    function button(text, action, index, describedBy) {
      var b = document.createElement("button");
      b.type = "button";
      b.className = "md-button";
      b.textContent = text;
      b.setAttribute("data-action", action);
      b.setAttribute("data-index", index);
      b.setAttribute("aria-describedby", describedBy);
      return b;
    }
    function draw() {
      list.textContent = "";
      items.forEach(function (item, i) {
        var li = document.createElement("li"), span = document.createElement("span"), id = "question-" + i;
        var tools = document.createElement("span"), answer = document.createElement("span");
        var from = typeof item === "string" ? null : asked(item.a);
        span.id = id;
        span.className = "course-questions-text";
        span.textContent = textOf(item);
        li.appendChild(span);
        if (from) {
          var link = document.createElement("a");
          link.className = "course-questions-from";
          link.href = from.href;
          link.textContent = store.say(w.from_quiz, { chapter: from.chapter, number: from.number });
          li.appendChild(link);
        }
        tools.className = "course-questions-buttons";
        if (i > 0) tools.appendChild(button(w.move_up, "up", i, id));
        if (i < items.length - 1) tools.appendChild(button(w.move_down, "down", i, id));
        tools.appendChild(button(w.remove, "remove", i, id));
        answer.className = "course-questions-answer";
        answer.textContent = w.answer;
        li.appendChild(tools);
        li.appendChild(answer);
        list.appendChild(li);
      });
      root.querySelector(".course-questions-empty").hidden = items.length > 0;
      root.querySelector(".course-tool-actions").hidden = !items.length;
    }
    function focusOn(index, action) {
      var li = list.children[index];
      var target = li && (li.querySelector('[data-action="' + action + '"]') || li.querySelector("button"));
      (target || input).focus();
    }
    /* Adds a question (with `ask`, one from a quiz); returns what to announce */
    function add(text, ask, added) {
      text = String(text || "").trim();
      if (!text) return w.type_first;
      var twice = items.some(function (item) {
        return textOf(item).trim() === text || (ask && typeof item !== "string" && item.a === ask);
      });
      if (twice) return w.already;
      items.push(ask ? { t: text, a: ask } : text);
      var ok = save();
      draw();
      return ok ? added || w.added : (added || w.added) + " " + w.not_saved;
    }
    /* Arriving from a quiz: my-questions.html#ask=<bank>/<question-id>. The fragment never reaches a
     * server; it is removed at once, so a reload or the Back button does not add the question again. */
    function fromQuiz() {
      var match = /^#ask=(.+)$/.exec(location.hash), ask, found;
      if (!match) return;
      try { history.replaceState(history.state, "", location.href.split("#")[0]); } catch (e) { }
      try { ask = decodeURIComponent(match[1]); } catch (e) { ask = ""; }
      found = asked(ask);
      var message = found ? add(found.prompt, ask, store.say(w.added_from_quiz, { question: found.prompt })) : w.ask_unknown;
      /* a moment later, so that a screen reader still busy with the new page hears it */
      setTimeout(function () { say(message); }, 300);
    }

    root.querySelector(".course-questions-add").addEventListener("submit", function (event) {
      event.preventDefault();
      var message = add(input.value);
      if (message !== w.already && message !== w.type_first) input.value = "";
      say(message);
      input.focus();
    });
    list.addEventListener("click", function (event) {
      var b = event.target.closest("button[data-action]");
      if (!b) return;
      var i = +b.getAttribute("data-index"), action = b.getAttribute("data-action"), to = i, text;
      if (action === "remove") {
        items.splice(i, 1);
        text = w.removed;
        to = Math.min(i, items.length - 1);
      } else {
        to = action === "up" ? i - 1 : i + 1;
        items.splice(to, 0, items.splice(i, 1)[0]);
        text = action === "up" ? w.moved_up : w.moved_down;
      }
      var ok = save();
      draw();
      if (to < 0) input.focus(); else focusOn(to, action);
      say(ok ? text : text + " " + w.not_saved);
    });
    all(root, "[data-suggestion]").forEach(function (b) {
      b.addEventListener("click", function () { say(add(b.getAttribute("data-suggestion"))); });
    });
    draw();
    fromQuiz();
  }

  function start() {
    store = window.courseStore;  /* store.js: deferred like this script */
    if (!store) return;
    all(document, "[data-tool]:not([data-tool-ready])").forEach(function (root) {
      root.setAttribute("data-tool-ready", "");
      show(root, ".course-tool-js");
      all(root, ".course-tool-nojs").forEach(function (el) { el.hidden = true; });
      if (root.getAttribute("data-tool") === "plan") plan(root); else questions(root);
    });
  }

  window.courseTools = { start: start };
  /* Material's document$ starts it on every page, instant navigation included. On the first
   * page this script runs before Material's (both deferred; this one sits in the content). */
  function begin() {
    if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(start);
    else start();
  }
  if (window.document$ || document.readyState === "complete") begin();
  else document.addEventListener("DOMContentLoaded", begin);
})();
