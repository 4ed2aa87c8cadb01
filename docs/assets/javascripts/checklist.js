/*
 * Checklist ticks that persist.
 *
 * Any checkbox with data-checklist-item="<item id>", on any page (the checklist, a template page,
 * a plan page), shares one stored tick per id, so an item ticked on one page shows ticked on all.
 * Listeners are delegated on the document and attached once; `syncPage` runs for every page
 * Material's instant navigation shows and only sets state, so running it twice changes nothing.
 * After every change it announces "coach:checklist" on the document (the checklist page's controls,
 * checklist-controls.js, show progress and whether ticks are kept).
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

  function announce() {
    document.dispatchEvent(new CustomEvent("coach:checklist"));
  }

  function syncPage() {
    var ticks = readTicks();
    boxes().forEach(function (box) { box.checked = ticks.has(box.dataset.checklistItem); });
    announce();
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
    announce();
  }

  /* Unticks everything, on this device. */
  function reset() {
    storage.remove(key());
    lastWriteFailed = false;
    syncPage();
  }

  /* True if ticks are kept on this device; a refused write (full storage) counts as not kept. */
  function kept() {
    return storage.available() && !lastWriteFailed;
  }

  document.addEventListener("change", onChange);
  // Another tab ticked something, or "Forget everything" cleared the storage.
  window.addEventListener("storage", function (event) {
    if (event.key === key() || event.key === null) syncPage();
  });
  document.addEventListener("coach:forgotten", syncPage);

  coach.checklist = { boxes: boxes, reset: reset, kept: kept };
  coach.onEveryPage(syncPage);
});
