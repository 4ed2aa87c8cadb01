/*
 * What every page script shares, one small module per concern: storage, dates, page data, labels,
 * printing and starting code per page. It is the first part of each page's feature script (the
 * features' files joined in a fixed order, hooks/coach/assets.py), so pages without features load no
 * script of this site. Instant navigation runs a page's feature script again, and pages of other kinds
 * join it too: it sets up `window.coach` once per visit.
 */
if (!window.coach) {
  window.coach = {};

  /* --- storage: localStorage and sessionStorage under the site's namespace ----------------------- */
  (function (coach) {
    "use strict";

    // The namespace comes from the page (guidance.yaml via mkdocs.yml), so two sites on one origin
    // never read each other's entries, nor Material's.
    function namespace() {
      var meta = document.querySelector('meta[name="coach-storage-namespace"]');
      var name = meta && meta.getAttribute("content");
      return name && /^[a-z0-9][a-z0-9-]*$/.test(name) ? name : "coach";
    }

    /* One browser storage area. Browsers may refuse storage (private windows, a full quota) or hold
       data this site did not write: every access is guarded, and unreadable data counts as none. */
    function area(kind) {
      // When the browser refuses storage, values live here for this visit only.
      var memory = {};
      function native() { return window[kind]; }

      function available() {
        try {
          var probe = namespace() + ":probe";
          native().setItem(probe, "1");
          native().removeItem(probe);
          return true;
        } catch (error) {
          return false;
        }
      }

      /* The stored JSON value under `key`, or null if there is none or it is not JSON. */
      function read(key) {
        var text;
        try {
          text = native().getItem(key);
        } catch (error) {
          text = Object.prototype.hasOwnProperty.call(memory, key) ? memory[key] : null;
        }
        if (typeof text !== "string") return null;
        try {
          return JSON.parse(text);
        } catch (error) {
          return null;
        }
      }

      /* True if the value is kept across visits; false if only for this visit (storage refused or full). */
      function write(key, value) {
        var text = JSON.stringify(value);
        memory[key] = text;
        try {
          native().setItem(key, text);
          return true;
        } catch (error) {
          return false;
        }
      }

      function remove(key) {
        delete memory[key];
        try {
          native().removeItem(key);
        } catch (error) {
          /* nothing stored, nothing to remove */
        }
      }

      /* Removes every key that starts with one of `prefixes`, and only those. */
      function clear(prefixes) {
        memory = {};
        try {
          var keys = [];
          for (var i = 0; i < native().length; i++) {
            var key = native().key(i);
            if (key && prefixes.some(function (prefix) { return key.indexOf(prefix) === 0; })) keys.push(key);
          }
          keys.forEach(function (key) { native().removeItem(key); });
        } catch (error) {
          /* storage refused: only the memory copy existed */
        }
      }

      return { available: available, read: read, write: write, remove: remove, clear: clear };
    }

    var local = area("localStorage");
    var session = area("sessionStorage");

    /* "<namespace>:<part>:v<version>": a future format can ignore old data. */
    function key(part, version) {
      return namespace() + ":" + part + ":v" + version;
    }

    /* Deletes everything this site kept, in both areas, then tells the page scripts. That includes
       Material's entries (the chosen colour scheme), which it keys by the site's address. */
    function forgetAll() {
      var prefixes = [namespace() + ":"];
      if (window.__md_scope) prefixes.push(window.__md_scope.pathname + ".");
      local.clear(prefixes);
      session.clear(prefixes);
      document.dispatchEvent(new CustomEvent("coach:forgotten"));
    }

    coach.storage = { namespace: namespace, key: key, local: local, session: session, forgetAll: forgetAll };
  })(window.coach);

  /* --- dates: calendar days as UTC midnights, ISO text as in <input type="date"> --------------- */
  (function (coach) {
    "use strict";

    // Dates further than this from today are typing mistakes (0050-06-15, 9999-12-31), not plans.
    var YEARS_AROUND_TODAY = 2;

    function pad(number) {
      return (number < 10 ? "0" : "") + number;
    }

    /* "2026-11-20" as a Date, or null. setUTCFullYear, because Date.UTC reads 50 as 1950. */
    function parse(text) {
      var match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text || "");
      if (!match) return null;
      var date = new Date(0);
      date.setUTCFullYear(+match[1], +match[2] - 1, +match[3]);
      return date.getUTCMonth() === +match[2] - 1 ? date : null;
    }

    function iso(date) {
      return date.toISOString().slice(0, 10);
    }

    /* Today in the visitor's own time zone. */
    function today() {
      var now = new Date();
      return now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate());
    }

    function addDays(date, days) {
      var next = new Date(date.getTime());
      next.setUTCDate(next.getUTCDate() + days);
      return next;
    }

    /* Business days: Monday to Friday. Day 0 is the date itself, even on a weekend. */
    function addBusinessDays(date, days) {
      var result = new Date(date.getTime());
      while (days > 0) {
        result = addDays(result, 1);
        var weekday = result.getUTCDay();
        if (weekday !== 0 && weekday !== 6) days -= 1;
      }
      return result;
    }

    /* {min, max} as ISO text: the dates this site accepts. */
    function range() {
      var now = parse(today());
      var min = new Date(now.getTime()), max = new Date(now.getTime());
      min.setUTCFullYear(now.getUTCFullYear() - YEARS_AROUND_TODAY);
      max.setUTCFullYear(now.getUTCFullYear() + YEARS_AROUND_TODAY);
      return { min: iso(min), max: iso(max) };
    }

    /* True for an ISO date within range(); ISO text compares like the dates it names. */
    function inRange(text) {
      var limits = range();
      return parse(text) !== null && text >= limits.min && text <= limits.max;
    }

    /* "Friday, November 20, 2026" (or without the weekday) in the page's language. */
    function format(date, locale, withWeekday) {
      var options = { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" };
      if (withWeekday) options.weekday = "long";
      return new Intl.DateTimeFormat(locale || document.documentElement.lang || undefined, options).format(date);
    }

    coach.dates = {
      parse: parse, iso: iso, today: today, addDays: addDays, addBusinessDays: addBusinessDays,
      range: range, inRange: inRange, format: format
    };
  })(window.coach);

  /* --- page data and labels ------------------------------------------------------------------ */
  (function (coach) {
    "use strict";

    /* The JSON the build put into the data-<name> attribute of a hidden element, or null.
       An attribute, not <script type="application/json">: Material's instant navigation re-runs
       scripts in the content without their type, so JSON in a script would run as code. */
    coach.pageData = function (name) {
      var holder = document.querySelector("[data-" + name + "]");
      if (!holder) return null;
      try {
        return JSON.parse(holder.getAttribute("data-" + name));
      } catch (error) {
        return null;
      }
    };

    /* A label from guidance.yaml with its {words} filled in from `values`. */
    coach.format = function (label, values) {
      return String(label).replace(/\{([a-z][a-z0-9_]*)\}/g, function (whole, name) {
        return Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : whole;
      });
    };
  })(window.coach);

  /* --- form fields: notes under a field, dates in range --------------------------------------- */
  (function (coach) {
    "use strict";

    /* The note under `field` (created once): a counter or an error, announced with the field. */
    function note(field, suffix, className) {
      var id = field.id + "-" + suffix;
      var existing = document.getElementById(id);
      if (existing) return existing;
      var paragraph = document.createElement("p");
      paragraph.id = id;
      paragraph.className = className;
      paragraph.hidden = true;
      field.insertAdjacentElement("afterend", paragraph);
      field.setAttribute("aria-describedby", ((field.getAttribute("aria-describedby") || "") + " " + id).trim());
      return paragraph;
    }

    /* A hidden note is emptied too: aria-describedby reads hidden text it points to. */
    function show(paragraph, text) {
      paragraph.textContent = text;
      paragraph.hidden = !text;
    }

    function limitDate(input) {
      var range = coach.dates.range();
      input.min = range.min;
      input.max = range.max;
    }

    /* False, with `label` ("between {earliest} and {latest}") under the field, for a date out of range. */
    function checkDate(input, label, locale) {
      var wrong = input.value !== "" && !coach.dates.inRange(input.value);
      var range = coach.dates.range();
      var text = wrong ? coach.format(label, {
        earliest: coach.dates.format(coach.dates.parse(range.min), locale),
        latest: coach.dates.format(coach.dates.parse(range.max), locale)
      }) : "";
      if (wrong) input.setAttribute("aria-invalid", "true"); else input.removeAttribute("aria-invalid");
      show(note(input, "error", "coach-field__error"), text);
      return !wrong;
    }

    coach.fields = { note: note, show: show, limitDate: limitDate, checkDate: checkDate };
  })(window.coach);

  /* --- pages: per-page start with instant navigation, features loaded once, printing ------------ */
  (function (coach) {
    "use strict";

    // The address the browser loaded in full: this script may first run on a later page.
    var loaded = performance.getEntriesByType ? performance.getEntriesByType("navigation")[0] : null;
    var firstAddress = (loaded ? loaded.name : location.href).split("#")[0];
    var pagesShown = 0;
    var started = {};
    var printSelectors = [];

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

    /* True once the visitor has moved on from the page the browser loaded in full. */
    function arrivedByNavigation() {
      return pagesShown > 1 || location.href.split("#")[0] !== firstAddress;
    }

    /* A page's feature scripts sit in its content, so instant navigation runs them again on every
       page that uses them (and pages of other kinds share some): listeners are attached only the first time. */
    function feature(name, setUp) {
      if (started[name]) return;
      started[name] = true;
      setUp();
    }

    /* Buttons matching `selector` print the page; they are hidden until a script can print. */
    function printButtons(selector) {
      if (printSelectors.indexOf(selector) < 0) printSelectors.push(selector);
      revealPrintButtons();
    }

    function revealPrintButtons() {
      if (!printSelectors.length || typeof window.print !== "function") return;
      document.querySelectorAll(printSelectors.join(",")).forEach(function (button) { button.hidden = false; });
    }

    document.addEventListener("click", function (event) {
      var target = event.target instanceof Element ? event.target : null;
      if (target && printSelectors.length && target.closest(printSelectors.join(","))) window.print();
    });

    onEveryPage(function () { pagesShown += 1; revealPrintButtons(); });

    coach.onEveryPage = onEveryPage;
    coach.arrivedByNavigation = arrivedByNavigation;
    coach.feature = feature;
    coach.printButtons = printButtons;
  })(window.coach);
}
