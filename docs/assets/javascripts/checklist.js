/*
 * Follow-up Coach: checklist ticks that persist.
 *
 * Any checkbox with data-checklist-item="<item id>", on any page (the checklist, a template page,
 * a plan page), shares one stored tick per id, so an item ticked on one page shows ticked on all.
 * Listeners are delegated on the document and attached once; `syncPage` runs for every page
 * Material's instant navigation shows and only sets state, so running it twice changes nothing.
 */
(function () {
  "use strict";

  var coach = window.followUpCoach;
  var storage = coach.storage;
  var KEY = storage.prefix + "checklist:v1";
  var BOXES = 'input[type="checkbox"][data-checklist-item]';
  var ITEM_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;

  /* Ticked ids; anything in storage that is not a list of item ids is ignored. */
  function readTicks() {
    var stored = storage.read(KEY);
    var ticked = stored && Array.isArray(stored.ticked) ? stored.ticked : [];
    return new Set(ticked.filter(function (id) { return typeof id === "string" && ITEM_ID.test(id); }));
  }

  function writeTicks(ticks) {
    // Ids of items on other pages stay: this page may show only some of the items.
    storage.write(KEY, { ticked: Array.from(ticks).sort() });
  }

  function boxes() {
    return Array.prototype.slice.call(document.querySelectorAll(BOXES));
  }

  function labels() {
    var holder = document.querySelector("[data-checklist-labels]");
    if (!holder) return null;
    try {
      return JSON.parse(holder.dataset.checklistLabels);
    } catch (error) {
      return null;
    }
  }

  function showProgress() {
    var progress = document.querySelector("[data-checklist-progress]");
    var text = labels();
    if (!progress || !text) return;
    var ids = new Set(), done = new Set();
    boxes().forEach(function (box) {
      ids.add(box.dataset.checklistItem);
      if (box.checked) done.add(box.dataset.checklistItem);
    });
    progress.textContent = coach.format(text.progress, { done: done.size, total: ids.size });
  }

  function syncPage() {
    var ticks = readTicks();
    boxes().forEach(function (box) { box.checked = ticks.has(box.dataset.checklistItem); });
    var controls = document.querySelector("[data-checklist-controls]");
    if (controls) {
      controls.hidden = false;
      var kept = storage.available();
      controls.querySelector("[data-checklist-saved]").hidden = !kept;
      controls.querySelector("[data-checklist-not-saved]").hidden = kept;
    }
    showProgress();
  }

  document.addEventListener("change", function (event) {
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
    showProgress();
  });

  document.addEventListener("click", function (event) {
    var button = event.target instanceof Element ? event.target.closest("button") : null;
    if (!button) return;
    if (button.hasAttribute("data-checklist-print")) {
      window.print();
    } else if (button.hasAttribute("data-checklist-reset")) {
      var text = labels();
      if (!text || !window.confirm(text.reset_confirm)) return;
      storage.remove(KEY);
      syncPage();
      var progress = document.querySelector("[data-checklist-progress]");
      if (progress) progress.textContent = text.reset_done + " " + progress.textContent;
    }
  });

  // Another tab ticked something, or "Forget everything" cleared the storage.
  window.addEventListener("storage", function (event) {
    if (event.key === KEY || event.key === null) syncPage();
  });
  document.addEventListener("follow-up-coach:forgotten", syncPage);

  coach.onEveryPage(syncPage);
})();
