/*
 * What both kinds of wizard page share (question pages load it with wizard-flow.js, plan pages with
 * wizard.js): the answers given in this tab, and the heading focused after an answer loaded the page.
 */
window.coach.feature("wizard-common", function () {
  "use strict";

  var coach = window.coach;
  // sessionStorage: answers are about one interview and stay in this tab only.
  var session = coach.storage.session;

  function answersKey() { return coach.storage.key("wizard-answers", 1); }

  /* The answers given, [[question, option, question index], ...] in the order given. */
  function remembered() {
    var answers = session.read(answersKey());
    if (!Array.isArray(answers)) return [];
    return answers.filter(function (entry) {
      return Array.isArray(entry) && typeof entry[0] === "string" && typeof entry[1] === "string" &&
        typeof entry[2] === "number";
    });
  }

  function keep(answers) {
    session.write(answersKey(), answers);
  }

  function sameAnswers(first, second) {
    return first.length === second.length && first.every(function (pair, i) {
      return pair[0] === second[i][0] && pair[1] === second[i][1];
    });
  }

  function focusHeading() {
    var heading = document.querySelector(".md-content h1");
    if (!heading) return;
    heading.setAttribute("tabindex", "-1");
    heading.focus({ preventScroll: true });
  }

  // After an answer (or Back) that loaded a question or the plan, the new page is announced, and
  // Tab goes on from its heading.
  coach.onEveryPage(function () {
    var data = coach.pageData("wizard");
    if (data && (data.kind === "question" || data.kind === "plan") && coach.arrivedByNavigation()) focusHeading();
  });

  coach.wizardAnswers = { remembered: remembered, keep: keep, sameAnswers: sameAnswers };
  coach.focusHeading = focusHeading;
});
