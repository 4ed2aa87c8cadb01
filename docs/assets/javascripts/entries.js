/*
 * What the visitor typed, ONE store for every page that asks for it: the plan page's message form and
 * dates, and the template pages. So a name typed on the plan is there on the letter template, and a
 * date typed on the plan arrives in the template.
 *
 * Where it is kept: in this tab's sessionStorage (gone when the tab closes), and in localStorage only
 * while "remember on this device" is ticked. Both under the site's namespace (coach.storage), in the
 * same format: {values: {field: text}, people: [{field: text}, ...]}. Nothing typed leaves the browser.
 */
window.coach.feature("entries", function () {
  "use strict";

  var coach = window.coach;
  var FIELD_NAME = /^[a-z][a-z0-9_]*$/;
  var MAX_PEOPLE = 20;
  // Longer stored values are not this site's (its longest field takes 5000 characters).
  var MAX_STORED_LENGTH = 20000;

  var entries = null; // {remember, values, people}
  var listeners = [];

  function key() {
    return coach.storage.key("templates", 1);
  }

  /* Stored values are accepted only as {field name: text}; anything else is dropped. */
  function cleanValues(raw) {
    var values = Object.create(null);
    if (!raw || typeof raw !== "object" || Array.isArray(raw)) return values;
    Object.keys(raw).forEach(function (name) {
      var value = raw[name];
      if (FIELD_NAME.test(name) && typeof value === "string" && value.length <= MAX_STORED_LENGTH) values[name] = value;
    });
    return values;
  }

  function blank() {
    return { remember: false, values: Object.create(null), people: [Object.create(null)] };
  }

  function fromStored(stored, remember) {
    var result = blank();
    result.remember = remember;
    result.values = cleanValues(stored.values);
    if (Array.isArray(stored.people) && stored.people.length) {
      result.people = stored.people.slice(0, MAX_PEOPLE).map(cleanValues);
    }
    return result;
  }

  /* The entries, read once per page load: what this device remembers wins over this tab's copy. */
  function get() {
    if (entries) return entries;
    var kept = coach.storage.local.read(key());
    var tab = coach.storage.session.read(key());
    if (kept && typeof kept === "object") entries = fromStored(kept, true);
    else if (tab && typeof tab === "object") entries = fromStored(tab, false);
    else entries = blank();
    return entries;
  }

  /* Writes the entries where they belong. True if kept; false if the browser refused (full, blocked). */
  function save() {
    var current = get();
    var data = { values: current.values, people: current.people };
    var inTab = coach.storage.session.write(key(), data);
    if (!current.remember) return inTab;
    return coach.storage.local.write(key(), data);
  }

  /* Ticking "remember" copies the entries to this device; unticking deletes them there (the tab keeps them). */
  function setRemember(remember) {
    get().remember = remember;
    if (remember) return save();
    coach.storage.local.remove(key());
    return true;
  }

  /* Sets one value ({values} for everyone, or one person's) and tells the other forms on the page. */
  function set(name, value, personIndex, source) {
    if (!FIELD_NAME.test(name)) return true;
    var current = get();
    var target = personIndex === undefined || personIndex === null ? current.values : current.people[personIndex];
    if (!target) return true;
    target[name] = String(value);
    var kept = save();
    listeners.forEach(function (listener) { if (listener !== source) listener(name, personIndex); });
    return kept;
  }

  /* A value for everyone, "" if none was typed. */
  function value(name) {
    var values = get().values;
    return Object.prototype.hasOwnProperty.call(values, name) ? values[name] : "";
  }

  function addPerson() {
    var people = get().people;
    if (people.length >= MAX_PEOPLE) return false;
    people.push(Object.create(null));
    save();
    return true;
  }

  function removePerson(index) {
    var people = get().people;
    if (people.length < 2) return;
    people.splice(index, 1);
    save();
  }

  /* At least `count` people, for a plan whose answers say how many there were. */
  function ensurePeople(count) {
    var people = get().people;
    while (people.length < Math.min(count, MAX_PEOPLE)) people.push(Object.create(null));
  }

  /* `listener(name, personIndex)` runs when another form on the page changed a value. */
  function onChange(listener) {
    if (listeners.indexOf(listener) < 0) listeners.push(listener);
  }

  function offChange(listener) {
    listeners = listeners.filter(function (other) { return other !== listener; });
  }

  /* After "forget everything": read again from the (now empty) storage. Any listener may call it
     first, since listeners of that event run in the order the scripts happened to load. */
  function reload() {
    entries = null;
  }

  document.addEventListener("coach:forgotten", reload);

  coach.entries = {
    MAX_PEOPLE: MAX_PEOPLE, get: get, save: save, set: set, value: value, setRemember: setRemember,
    addPerson: addPerson, removePerson: removePerson, ensurePeople: ensurePeople,
    onChange: onChange, offChange: offChange, reload: reload
  };
});
