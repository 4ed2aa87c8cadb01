/* Enhances the wizard's pre-rendered pages. Without it they work as plain pages and links.
 *
 * This script decides nothing. Every wizard page carries what the build worked out, as JSON in the
 * data-wizard attribute of #wizard-data: which answers lead to the page, where each "change" link goes,
 * each step's offset. The script only remembers the answers given in this tab, shows progress, the answer
 * summary and dated steps, and writes the .ics file.
 * All texts come from guidance.yaml through that data or the page itself.
 */
window.coach.feature("wizard", function () {
  "use strict";

  var coach = window.coach;
  var dates = coach.dates;
  // sessionStorage: answers and dates are about one interview and stay in this tab only; they are
  // gone when it closes. "Forget everything" clears them too.
  var session = coach.storage.session;
  function answersKey() { return coach.storage.key("wizard-answers", 1); }
  function datesKey() { return coach.storage.key("wizard-dates", 1); }

  function pageData() {
    return coach.pageData("wizard");
  }

  // --- remembered answers: [[question, option, question index], ...] in the order given ---------------

  function remembered() {
    var answers = session.read(answersKey());
    if (!Array.isArray(answers)) return [];
    return answers.filter(function (entry) {
      return Array.isArray(entry) && typeof entry[0] === "string" && typeof entry[1] === "string" &&
        typeof entry[2] === "number";
    });
  }

  function sameAnswers(first, second) {
    return first.length === second.length && first.every(function (pair, i) {
      return pair[0] === second[i][0] && pair[1] === second[i][1];
    });
  }

  // The answers before this question, if they are one of the ways the build says lead here.
  function answersBefore(data) {
    var before = remembered().filter(function (entry) { return entry[2] < data.index; });
    var known = data.prefixes.some(function (prefix) { return sameAnswers(before, prefix); });
    if (known) return before;
    return data.prefixes.length === 1 ? data.prefixes[0] : null;
  }

  // Capture phase: runs before Material's instant navigation replaces the page.
  document.addEventListener("click", function (event) {
    var link = event.target instanceof Element ? event.target.closest("a[data-wizard-option]") : null;
    var data = link && pageData();
    if (!data || data.kind !== "question") return;
    var answers = (answersBefore(data) || []).slice();
    answers.push([data.question, link.getAttribute("data-wizard-option"), data.index]);
    session.write(answersKey(), answers);
  }, true);

  // --- question pages -------------------------------------------------------------------------------------

  function showProgress(data) {
    var progress = document.querySelector("[data-wizard-progress]");
    var before = answersBefore(data);
    if (!progress || !before) return; // reached some other way: keep the page's own text
    var current = before.length + 1;
    var total = current + data.remaining;
    progress.textContent = coach.format(data.strings.progress, { current: current, total: total });
    var bar = document.createElement("span");
    bar.className = "wizard-progress__bar";
    bar.setAttribute("aria-hidden", "true");
    var fill = document.createElement("span");
    fill.style.width = Math.round((100 * current) / total) + "%";
    bar.appendChild(fill);
    progress.appendChild(bar);
  }

  // --- plan pages: summary of answers -----------------------------------------------------------------

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function showSummary(data) {
    var given = remembered().map(function (entry) { return [entry[0], entry[1]]; });
    var path = data.paths.filter(function (candidate) { return sameAnswers(candidate.answers, given); })[0];
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

  function storedDates() {
    var stored = session.read(datesKey());
    return stored && typeof stored === "object" && !Array.isArray(stored) ? stored : {};
  }

  function setUpDates(data) {
    var box = document.querySelector("[data-wizard-dates]");
    if (!box) return;
    var inputs = Array.prototype.slice.call(box.querySelectorAll("input[data-wizard-date]"));
    var stored = storedDates();
    inputs.forEach(function (input) {
      var key = input.getAttribute("data-wizard-date");
      coach.fields.limitDate(input);
      // guidance.yaml marks the date most people know already (the interview: they come right after it).
      var fallback = input.getAttribute("data-default") === "today" ? dates.today() : "";
      input.value = typeof stored[key] === "string" ? stored[key] : fallback;
    });
    function update() {
      var given = typedDates(inputs);
      session.write(datesKey(), Object.assign(storedDates(), given));
      inputs.forEach(function (input) { coach.fields.checkDate(input, data.strings.date_range); });
      showDates(data, given);
    }
    inputs.forEach(function (input) {
      input.addEventListener("input", update);
      input.addEventListener("change", update);
    });
    box.hidden = false;
    update();
    var button = document.querySelector("[data-wizard-ics]");
    if (button) {
      button.addEventListener("click", function () {
        download(calendar(data, typedDates(inputs), new Date()), data.strings.ics_filename);
      });
    }
  }

  // --- per page ------------------------------------------------------------------------------------------

  function focusHeading() {
    var heading = document.querySelector(".md-content h1");
    if (!heading) return;
    heading.setAttribute("tabindex", "-1");
    heading.focus({ preventScroll: true });
  }

  function initialise() {
    var holder = document.getElementById("wizard-data");
    var data = pageData();
    if (!holder || !data || holder.hasAttribute("data-wizard-ready")) return; // once per page
    holder.setAttribute("data-wizard-ready", "");
    if (data.kind === "question") {
      showProgress(data);
    } else if (data.kind === "plan") {
      showSummary(data);
      setUpDates(data);
    }
    // After an answer (or Back), the new question or the plan is announced, and Tab goes on from there.
    if (coach.arrivedByNavigation()) focusHeading();
  }

  coach.printButtons("button[data-wizard-print]");
  coach.onEveryPage(initialise);
});
