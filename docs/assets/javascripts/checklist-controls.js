/*
 * The checklist page's controls: progress, whether ticks are kept on this device, reset and print.
 * Built on checklist.js (joined before it), which announces every change as "coach:checklist".
 */
window.coach.feature("checklist-controls", function () {
  "use strict";

  var coach = window.coach;

  function showProgress() {
    var progress = document.querySelector("[data-checklist-progress]");
    var text = coach.pageData("checklist-labels");
    if (!progress || !text) return;
    var ids = new Set(), done = new Set();
    coach.checklist.boxes().forEach(function (box) {
      ids.add(box.dataset.checklistItem);
      if (box.checked) done.add(box.dataset.checklistItem);
    });
    progress.textContent = coach.format(text.progress, { done: done.size, total: ids.size });
  }

  /* Says whether ticks are kept; a refused write (full storage) shows the same warning. */
  function showSaving() {
    var controls = document.querySelector("[data-checklist-controls]");
    if (!controls) return;
    controls.hidden = false;
    var kept = coach.checklist.kept();
    controls.querySelector("[data-checklist-saved]").hidden = !kept;
    controls.querySelector("[data-checklist-not-saved]").hidden = kept;
  }

  function reset() {
    var text = coach.pageData("checklist-labels");
    if (!text || !window.confirm(text.reset_confirm)) return;
    coach.checklist.reset();
    var progress = document.querySelector("[data-checklist-progress]");
    if (progress) progress.textContent = text.reset_done + " " + progress.textContent;
  }

  document.addEventListener("coach:checklist", function () {
    showSaving();
    showProgress();
  });
  document.addEventListener("click", function (event) {
    var button = event.target instanceof Element ? event.target.closest("button[data-checklist-reset]") : null;
    if (button) reset();
  });
  coach.printButtons("button[data-checklist-print]");
  // The page may have been set up before this ran (instant navigation runs both on arrival).
  showSaving();
  showProgress();
});
