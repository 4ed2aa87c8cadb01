/*
 * Follow-up Coach: what checklist.js and templates.js share. It is the one place that touches
 * localStorage, fills labels from guidance.yaml, and starts page code on every page.
 *
 * Every key starts with "follow-up-coach:" and ends with a version ("...:v1"), so the site never
 * reads another site's or Material's entries, and a future format can ignore old data.
 * Browsers may refuse storage (private windows, disabled cookies, a full quota) or hold data
 * that is not what this site wrote: every access is guarded, and unreadable data counts as none.
 */
window.followUpCoach = (function () {
  "use strict";

  var PREFIX = "follow-up-coach:";
  // When the browser refuses storage, values live here for this visit only, so ticks still
  // survive instant navigation between pages.
  var memory = {};

  function available() {
    try {
      var probe = PREFIX + "probe";
      window.localStorage.setItem(probe, "1");
      window.localStorage.removeItem(probe);
      return true;
    } catch (error) {
      return false;
    }
  }

  /* The stored object under `key`, or null if there is none or it is not a JSON object. */
  function read(key) {
    var text;
    try {
      text = window.localStorage.getItem(key);
    } catch (error) {
      text = Object.prototype.hasOwnProperty.call(memory, key) ? memory[key] : null;
    }
    if (typeof text !== "string") return null;
    try {
      var value = JSON.parse(text);
      return value && typeof value === "object" && !Array.isArray(value) ? value : null;
    } catch (error) {
      return null;
    }
  }

  /* Returns true if the value is kept across visits, false if only for this visit. */
  function write(key, value) {
    var text = JSON.stringify(value);
    memory[key] = text;
    try {
      window.localStorage.setItem(key, text);
      return true;
    } catch (error) {
      return false;
    }
  }

  function remove(key) {
    delete memory[key];
    try {
      window.localStorage.removeItem(key);
    } catch (error) {
      /* nothing stored, nothing to remove */
    }
  }

  /* Deletes every entry of this site (and only of this site), then tells the page scripts. */
  function forgetAll() {
    memory = {};
    try {
      var keys = [];
      for (var i = 0; i < window.localStorage.length; i++) {
        var key = window.localStorage.key(i);
        if (key && key.indexOf(PREFIX) === 0) keys.push(key);
      }
      keys.forEach(function (key) { window.localStorage.removeItem(key); });
    } catch (error) {
      /* storage refused: only the memory copy existed */
    }
    document.dispatchEvent(new CustomEvent("follow-up-coach:forgotten"));
  }

  /* "{done} of {total} done" with {done} and {total} from `values`; the labels come from guidance.yaml. */
  function format(label, values) {
    return String(label).replace(/\{([a-z][a-z0-9_]*)\}/g, function (whole, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : whole;
    });
  }

  /* Runs `init` for every page: Material's instant navigation swaps pages without a reload. */
  function onEveryPage(init) {
    if (window.document$ && typeof window.document$.subscribe === "function") {
      window.document$.subscribe(init);
    } else if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", init);
    } else {
      init();
    }
  }

  return {
    storage: { prefix: PREFIX, available: available, read: read, write: write, remove: remove, forgetAll: forgetAll },
    format: format,
    onEveryPage: onEveryPage
  };
})();
