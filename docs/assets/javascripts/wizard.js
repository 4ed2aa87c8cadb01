/* Enhances the wizard's pre-rendered pages. Without it they work as plain pages and links.
 *
 * This script decides nothing. Every wizard page carries what the build worked out, as JSON in the
 * data-wizard attribute of #wizard-data: which answers lead to the page, where each "change" link goes,
 * each step's offset. On plan pages the script shows the answers given in this tab (wizard-common.js
 * keeps them), the dated steps and the deadline, and writes the .ics file.
 * All texts come from guidance.yaml through that data or the page itself.
 */
window.coach.feature("wizard", function () {
  "use strict";

  var coach = window.coach;
  var dates = coach.dates;
  // The plan's dates are kept with everything else typed (entries.js): in this tab, and on this
  // device only while "remember" is ticked. "Forget everything" clears them too.

  function pageData() {
    return coach.pageData("wizard");
  }

  // --- plan pages: summary of answers -----------------------------------------------------------------

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function showSummary(data) {
    var given = coach.wizardAnswers.remembered().map(function (entry) { return [entry[0], entry[1]]; });
    var path = data.paths.filter(function (candidate) { return coach.wizardAnswers.sameAnswers(candidate.answers, given); })[0];
    if (!path && data.paths.length === 1) path = data.paths[0];
    var summary = document.querySelector("[data-wizard-summary]");
    var list = document.querySelector("[data-wizard-summary-list]");
    if (!path || !summary || !list) return; // the page keeps listing the answers that determined it
    list.textContent = "";
    path.answers.forEach(function (pair) {
      var question = data.questions[pair[0]];
      var row = element("div", "wizard-summary__row");
      row.appendChild(element("dt", "", question.question));
      row.appendChild(element("dd", "", question.options[pair[1]]));
      var change = element("dd", "wizard-summary__change");
      var link = element("a", "", data.strings.change);
      link.href = path.change[pair[0]];
      link.appendChild(element("span", "coach-visually-hidden",
        " (" + coach.format(data.strings.change_hidden, { question: question.question }) + ")"));
      change.appendChild(link);
      row.appendChild(change);
      list.appendChild(row);
    });
    summary.hidden = false;
    var determined = document.querySelector("[data-wizard-determined]");
    if (determined) determined.hidden = true;
  }

  // --- plan pages: dates ------------------------------------------------------------------------------

  // Steps from the dates given; a date out of range counts as not given (its field says why).
  function datedSteps(data, given) {
    return data.steps.map(function (step) {
      var from = given[step.from];
      if (!dates.inRange(from)) return null;
      return { step: step, from: from, date: dates.iso(dates.addBusinessDays(dates.parse(from), step.days)) };
    }).filter(Boolean);
  }

  function showDates(data, given) {
    var dated = {};
    datedSteps(data, given).forEach(function (entry) { dated[entry.step.id] = entry.date; });
    var now = dates.today();
    document.querySelectorAll("[data-wizard-step]").forEach(function (item) {
      var date = dated[item.getAttribute("data-wizard-step")];
      var slot = item.querySelector("[data-wizard-step-date]");
      var passed = item.querySelector("[data-wizard-step-passed]");
      slot.textContent = "";
      slot.hidden = !date;
      passed.hidden = !date || date >= now;
      if (!date) return;
      var time = element("time", "", dates.format(dates.parse(date), null, true));
      time.dateTime = date;
      slot.appendChild(time);
    });
    var calendar = document.querySelector("[data-wizard-calendar]");
    if (calendar) calendar.hidden = Object.keys(dated).length === 0;
    showDeadline(data, dated);
  }

  /* The heading's deadline ("by the next business day") as a date once the step's date is known; a
     deadline that is today or has passed says so ("today", "as soon as you can"), not as a date. */
  function showDeadline(data, dated) {
    var now = dates.today();
    document.querySelectorAll("[data-wizard-deadline]").forEach(function (slot) {
      if (!slot.hasAttribute("data-in-words")) slot.setAttribute("data-in-words", slot.textContent);
      var date = dated[slot.getAttribute("data-step")];
      slot.textContent = !date ? slot.getAttribute("data-in-words")
        : date === now ? data.strings.by_today
        : date < now ? data.strings.by_passed
        : coach.format(data.strings.by_date, { date: dates.format(dates.parse(date), null, true) });
    });
  }

  // --- plan pages: calendar file (RFC 5545) ------------------------------------------------------------

  function icsText(text) {
    return text.replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,").replace(/\r?\n/g, "\\n");
  }

  // Lines longer than 75 octets continue on the next line after a space, never inside a character.
  function fold(line) {
    var encoder = new TextEncoder();
    var parts = [];
    var current = "";
    var size = 0;
    Array.from(line).forEach(function (character) {
      var bytes = encoder.encode(character).length;
      if (size + bytes > 75) {
        parts.push(current);
        current = " ";
        size = 1;
      }
      current += character;
      size += bytes;
    });
    parts.push(current);
    return parts.join("\r\n");
  }

  function calendar(data, given, now) {
    var address = window.location.href.split("#")[0];
    var stamp = now.toISOString().replace(/[-:]/g, "").replace(/\.\d+/, "");
    var lang = (document.documentElement.lang || "en").toUpperCase();
    var lines = [
      "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//" + icsText(data.site) + "//Wizard//" + lang,
      "CALSCALE:GREGORIAN", "METHOD:PUBLISH", "X-WR-CALNAME:" + icsText(data.title),
    ];
    var first = dates.today();
    datedSteps(data, given).forEach(function (entry) {
      // A reminder in the past is no use: it goes on today, the page says so.
      var day = entry.date < first ? first : entry.date;
      var compact = day.replace(/-/g, "");
      lines.push(
        "BEGIN:VEVENT",
        // Same plan, step and starting date: the same event, so importing twice does not duplicate it.
        "UID:" + data.plan + "-" + entry.step.id + "-" + entry.from.replace(/-/g, "") + "@" + coach.storage.namespace(),
        "DTSTAMP:" + stamp,
        "DTSTART;VALUE=DATE:" + compact,
        "DTEND;VALUE=DATE:" + dates.iso(dates.addDays(dates.parse(day), 1)).replace(/-/g, ""),
        "SUMMARY:" + icsText(entry.step.title),
        "DESCRIPTION:" + icsText(entry.step.text + "\n\n" + address),
        "URL:" + address,
        "TRANSP:TRANSPARENT",
        "BEGIN:VALARM", "ACTION:DISPLAY", "DESCRIPTION:" + icsText(entry.step.title), "TRIGGER:PT9H", "END:VALARM",
        "END:VEVENT"
      );
    });
    lines.push("END:VCALENDAR");
    return lines.map(fold).join("\r\n") + "\r\n";
  }

  function download(text, filename) {
    var url = URL.createObjectURL(new Blob([text], { type: "text/calendar;charset=utf-8" }));
    var link = element("a");
    link.href = url;
    link.download = filename;
    link.hidden = true;
    document.body.appendChild(link);
    link.click();
    link.remove();
    window.setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
  }

  /* The dates as typed (ISO text, or "" where a field is empty or unfinished). */
  function typedDates(inputs) {
    var given = {};
    inputs.forEach(function (input) { given[input.getAttribute("data-wizard-date")] = input.value; });
    return given;
  }

  /* The store's name for a date: the template placeholder it fills (data-entry), so a date typed here is
     in every form that asks for it; without one, the anchor's own name (interview -> interview_date). */
  function entryName(input) {
    var anchor = input.getAttribute("data-wizard-date");
    return input.getAttribute("data-entry") || (/_date$/.test(anchor) ? anchor : anchor + "_date");
  }

  var storeListener = null; // the plan page on screen hears the form's changes to its dates

  function setUpDates(data) {
    var box = document.querySelector("[data-wizard-dates]");
    if (!box) return;
    var inputs = Array.prototype.slice.call(box.querySelectorAll("input[data-wizard-date]"));
    inputs.forEach(function (input) {
      coach.fields.limitDate(input);
      input.value = coach.entries.value(entryName(input));
      // guidance.yaml marks the date most people know already (the interview: they come right after it).
      if (!input.value && input.getAttribute("data-default") === "today") {
        input.value = dates.today();
        coach.entries.set(entryName(input), input.value, null, null);
      }
    });
    function show() {
      inputs.forEach(function (input) { coach.fields.checkDate(input, data.strings.date_range); });
      showDates(data, typedDates(inputs));
    }
    function update(event) {
      coach.entries.set(entryName(event.target), event.target.value, null, storeListener);
      show();
    }
    inputs.forEach(function (input) {
      input.addEventListener("input", update);
      input.addEventListener("change", update);
    });
    coach.entries.offChange(storeListener);
    storeListener = function (name) {
      if (!document.contains(box)) return;
      inputs.forEach(function (input) { if (entryName(input) === name) input.value = coach.entries.value(name); });
      show();
    };
    coach.entries.onChange(storeListener);
    box.hidden = false;
    show();
    var button = document.querySelector("[data-wizard-ics]");
    if (button) {
      button.addEventListener("click", function () {
        download(calendar(data, typedDates(inputs), new Date()), data.strings.ics_filename);
      });
    }
  }

  // --- per page ------------------------------------------------------------------------------------------

  function initialise() {
    var holder = document.getElementById("wizard-data");
    var data = pageData();
    if (!holder || !data || holder.hasAttribute("data-wizard-ready")) return; // once per page
    holder.setAttribute("data-wizard-ready", "");
    if (data.kind === "plan") {
      showSummary(data);
      setUpDates(data);
    }
  }

  coach.printButtons("button[data-wizard-print]");
  coach.onEveryPage(initialise);
});
