/*
 * Checklist ticks that persist.
 *
 * Any checkbox with data-checklist-item="<item id>", on any page (the checklist, a template page,
 * a plan page), shares one stored tick per id, so an item ticked on one page shows ticked on all.
 * Listeners are delegated on the document and attached once; `syncPage` runs for every page
 * Material's instant navigation shows and only sets state, so running it twice changes nothing.
 */
window.coach.feature("checklist", function () {
  "use strict";

  var coach = window.coach;
  var storage = coach.storage.local;
  var BOXES = 'input[type="checkbox"][data-checklist-item]';
  var ITEM_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;
  var lastWriteFailed = false;

  function key() {
    return coach.storage.key("checklist", 1);
  }

  /* Ticked ids; anything in storage that is not a list of item ids is ignored. */
  function readTicks() {
    var stored = storage.read(key());
    var ticked = stored && Array.isArray(stored.ticked) ? stored.ticked : [];
    return new Set(ticked.filter(function (id) { return typeof id === "string" && ITEM_ID.test(id); }));
  }

  function writeTicks(ticks) {
    // Ids of items on other pages stay: this page may show only some of the items.
    lastWriteFailed = !storage.write(key(), { ticked: Array.from(ticks).sort() });
  }

  function boxes() {
    return Array.prototype.slice.call(document.querySelectorAll(BOXES));
  }

  function showProgress() {
    var progress = document.querySelector("[data-checklist-progress]");
    var text = coach.pageData("checklist-labels");
    if (!progress || !text) return;
    var ids = new Set(), done = new Set();
    boxes().forEach(function (box) {
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
    var kept = storage.available() && !lastWriteFailed;
    controls.querySelector("[data-checklist-saved]").hidden = !kept;
    controls.querySelector("[data-checklist-not-saved]").hidden = kept;
  }

  function syncPage() {
    var ticks = readTicks();
    boxes().forEach(function (box) { box.checked = ticks.has(box.dataset.checklistItem); });
    showSaving();
    showProgress();
  }

  function onChange(event) {
    var box = event.target;
    if (!(box instanceof HTMLInputElement) || !box.matches(BOXES)) return;
    var id = box.dataset.checklistItem;
    var ticks = readTicks();
    if (box.checked) ticks.add(id); else ticks.delete(id);
    writeTicks(ticks);
    // The same item may appear twice on one page.
    boxes().forEach(function (other) {
      if (other.dataset.checklistItem === id) other.checked = box.checked;
    });
    showSaving();
    showProgress();
  }

  function reset() {
    var text = coach.pageData("checklist-labels");
    if (!text || !window.confirm(text.reset_confirm)) return;
    storage.remove(key());
    lastWriteFailed = false;
    syncPage();
    var progress = document.querySelector("[data-checklist-progress]");
    if (progress) progress.textContent = text.reset_done + " " + progress.textContent;
  }

  document.addEventListener("change", onChange);
  document.addEventListener("click", function (event) {
    var button = event.target instanceof Element ? event.target.closest("button[data-checklist-reset]") : null;
    if (button) reset();
  });
  coach.printButtons("button[data-checklist-print]");

  // Another tab ticked something, or "Forget everything" cleared the storage.
  window.addEventListener("storage", function (event) {
    if (event.key === key() || event.key === null) syncPage();
  });
  document.addEventListener("coach:forgotten", syncPage);

  coach.onEveryPage(syncPage);
});
