/*
 * The wizard's question pages: the answers given in this tab, progress, and the next question shown
 * at once.
 *
 * Every question page carries the build's transition table (wizard_flow.py): for each question page's
 * address, its question and where each answer leads. An answer that leads to another question swaps
 * this page's question for that one in the same frame, and the address becomes that page's own
 * (history.pushState), so Back, links, sharing and reloading show the same pre-rendered page. An answer
 * that leads to a plan is an ordinary link. The script looks up, it never decides: no rule runs here.
 * Question texts in the table are the build's sanitised HTML (markup.inline_markdown), never typed text.
 */
window.coach.feature("wizard-flow", function () {
  "use strict";

  var coach = window.coach;
  var answers = coach.wizardAnswers; // wizard-common.js
  var current = null; // {holder, data, root, titleSuffix}: the question on screen
  // The question answered before each one shown in place, for its Back link. Kept here, not in
  // history.state: Material replaces that with the scroll position.
  var cameFrom = {};

  // --- remembered answers ---------------------------------------------------------------------------

  /* The answers before this question, if they are one of the ways the build says lead here. */
  function answersBefore(data) {
    var prefixes = data.prefixes || [[]]; // the start page's doors: nothing comes before them
    var before = answers.remembered().filter(function (entry) { return entry[2] < data.index; });
    var known = prefixes.some(function (prefix) { return answers.sameAnswers(before, prefix); });
    if (known) return before;
    return prefixes.length === 1 ? prefixes[0] : null;
  }

  function remember(data, option) {
    var given = (answersBefore(data) || []).slice();
    given.push([data.question, option, data.index]);
    answers.keep(given);
  }

  // --- progress ------------------------------------------------------------------------------------

  function showProgress(data) {
    var progress = document.querySelector("[data-wizard-progress]");
    var before = answersBefore(data);
    var questions = data.flow ? data.flow.questions : {};
    var number = typeof data.position === "number" ? data.position : before && 1 + before.filter(function (entry) {
      return !(questions[entry[0]] && questions[entry[0]].door); // answered on the home page
    }).length;
    if (!progress || !number) return; // reached some other way: keep the page's own text
    var total = number + data.remaining;
    var text = progress.querySelector("[data-wizard-progress-text]");
    var fill = progress.querySelector(".wizard-progress__bar > span");
    if (text) text.textContent = coach.format(data.strings.progress, { current: number, total: total });
    if (fill) fill.style.width = Math.round((100 * number) / total) + "%";
  }

  // --- the next question, from the table ---------------------------------------------------------------

  function element(tag, className, html) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (html) node.innerHTML = html; // the build's sanitised HTML (see the top of this file)
    return node;
  }

  /* The page data of the question page at `address` (relative to the site root), as its own page has it. */
  function dataFor(address) {
    var state = current.data.flow.states[address];
    if (!state) return null;
    return Object.assign({}, current.data, {
      question: state.question, index: state.index, remaining: state.remaining, prefixes: state.prefixes,
      position: state.position, back: state.back, state: address
    });
  }

  function optionLink(question, answer) {
    var option = question.options[answer[0]];
    var link = element("a", "wizard-option" + (option.unsure ? " wizard-option--unsure" : ""));
    link.setAttribute("data-wizard-option", answer[0]);
    link.href = new URL(answer[1], current.root).href;
    link.appendChild(element("span", "wizard-option__label", option.label));
    if (option.hint) {
      link.appendChild(document.createTextNode(" "));
      link.appendChild(element("span", "wizard-option__hint", option.hint));
    }
    return link;
  }

  /* The hint under the heading: the page's [data-wizard-hint], or the paragraphs between heading and answers. */
  function replaceHint(heading, options, html) {
    var holder = document.querySelector("[data-wizard-hint]");
    if (holder) {
      holder.textContent = "";
      if (html) holder.appendChild(element("p", "", html));
      return;
    }
    while (heading.nextElementSibling && heading.nextElementSibling !== options) heading.nextElementSibling.remove();
    if (html) heading.insertAdjacentElement("afterend", element("p", "", html));
  }

  /* The heading, with its id and permalink as its own page has them; the skip link points to it. */
  function showHeading(heading, question, address) {
    var permalink = heading.querySelector(".headerlink");
    heading.innerHTML = question.heading;
    heading.id = question.anchor;
    if (permalink) {
      permalink.href = address;
      heading.appendChild(permalink);
    }
    var skip = document.querySelector("[data-md-component=skip] a");
    if (skip) skip.href = address;
  }

  function showQuestion(data, previous) {
    var question = data.flow.questions[data.question];
    var state = data.flow.states[data.state];
    var heading = document.querySelector(".md-content h1");
    var options = document.querySelector(".wizard-options");
    showHeading(heading, question, new URL(data.state, current.root).href + "#" + question.anchor);
    replaceHint(heading, options, question.hint);
    var list = document.createElement("ul");
    state.answers.forEach(function (answer) {
      var item = document.createElement("li");
      item.appendChild(optionLink(question, answer));
      list.appendChild(item);
    });
    options.replaceChildren(list);
    showBack(data.state, previous);
    document.title = question.title + current.titleSuffix;
    var topic = document.querySelector("[data-md-component=header-topic] .md-ellipsis");
    if (topic) topic.textContent = question.title;
    current.data = data;
    showProgress(data);
  }

  /* Back goes to the question answered last; where that is not known, to the page's own Back address. */
  function showBack(address, previous) {
    var back = document.querySelector("a[data-wizard-back]");
    if (back) back.href = new URL(previous || current.data.flow.states[address].back, current.root).href;
  }

  /* Shows the question page at `address` in place; false if the table has no such page. */
  function swapTo(address, previous) {
    var data = current && document.contains(current.holder) ? dataFor(address) : null;
    if (!data) return false;
    showQuestion(data, previous);
    window.scrollTo(0, 0);
    coach.focusHeading();
    return true;
  }

  /* The address of `url` relative to the site root, or null if it is not under it. */
  function addressOf(url) {
    var path = new URL(url, location.href).pathname;
    var root = new URL(current.root).pathname;
    return path.indexOf(root) === 0 ? decodeURIComponent(path.slice(root.length)) : null;
  }

  // Capture phase: runs before Material's instant navigation, which listens on the body.
  document.addEventListener("click", function (event) {
    var link = event.target instanceof Element ? event.target.closest("a[data-wizard-option], a[data-wizard-back]") : null;
    var onScreen = current && document.contains(current.holder);
    var data = onScreen ? current.data : coach.pageData("wizard"); // a question, or the start page's doors
    if (!link || !data || (data.kind !== "question" && data.kind !== "door")) return;
    if (link.hasAttribute("data-wizard-option")) remember(data, link.getAttribute("data-wizard-option"));
    if (!onScreen || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey || link.target) return;
    var target = link.href; // before the swap: the Back link is re-pointed by it
    var address = addressOf(target);
    var previous = link.hasAttribute("data-wizard-back") ? null : data.state;
    if (address === null || !swapTo(address, previous)) return; // a plan, or not in the table: a page load
    event.preventDefault();
    event.stopPropagation();
    cameFrom[address] = previous;
    history.pushState({ coachWizard: address }, "", target);
  }, true);

  // Back and Forward between questions shown in place: the address says which one.
  window.addEventListener("popstate", function () {
    if (!current || !document.contains(current.holder)) return;
    var address = addressOf(location.href);
    if (address !== null && address !== current.data.state) swapTo(address, cameFrom[address] || null);
  });

  // --- per page --------------------------------------------------------------------------------------

  function initialise() {
    var holder = document.getElementById("wizard-data");
    var data = coach.pageData("wizard");
    if (!holder || !data || holder.hasAttribute("data-wizard-flow-ready")) return; // once per page
    holder.setAttribute("data-wizard-flow-ready", "");
    if (data.kind !== "question") return;
    current = null;
    if (data.flow && data.state && typeof data.root === "string") {
      var title = data.flow.questions[data.question].title;
      current = {
        holder: holder, data: data, root: new URL(data.root, location.href).href,
        titleSuffix: document.title.indexOf(title) === 0 ? document.title.slice(title.length) : ""
      };
    }
    showProgress(data);
  }

  coach.onEveryPage(initialise);
});
