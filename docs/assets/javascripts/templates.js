/*
 * The fill-in form of a template page.
 *
 * The page carries its template as JSON (in the data-template-data attribute of a hidden element):
 * texts with {placeholders}, the fields to ask for, the salutation choices, labels and warning
 * settings, all from guidance.yaml. This script fills the texts in as the visitor types, one text
 * per person, and checks them. Everything typed or stored is handled as text: values go into
 * .value and .textContent, never into HTML, so markup typed into a field stays visible characters.
 *
 * Privacy: entries live in memory for this visit (so they survive instant navigation between
 * template pages) and go to localStorage only while "remember on this device" is ticked.
 */
window.coach.feature("templates", function () {
  "use strict";

  var coach = window.coach;
  var storage = coach.storage.local;
  var format = coach.format;
  var PLACEHOLDER = /\{([a-z][a-z0-9_]*)\}/g;
  var FIELD_NAME = /^[a-z][a-z0-9_]*$/;
  var MAX_PEOPLE = 20;
  // What a field takes (its maxlength, shown by a counter near the end); stored values above the
  // sanity bound are not this site's.
  var LIMITS = { multiline: 5000, line: 2000 };
  var MAX_STORED_LENGTH = 4 * LIMITS.multiline;
  // Placeholders a visitor may have pasted in or left: [Company], {company}, <Company>.
  var LEFTOVER = /\[[^[\]\n]{1,60}\]|\{[^{}\n]{0,60}\}|<[^<>\n]{1,60}>/g;
  // Pictographs, but not the ©, ® and ™ signs, which Unicode also counts among them.
  var EMOJI = /(?![\u00a9\u00ae\u2122])\p{Extended_Pictographic}/u;
  var EXCLAMATIONS = /!\s*!/;

  var entries = null; // {remember, values: {name: text}, people: [{name: text}]}
  var shownPage = null; // the form on the current page, reset after "forget everything"

  function own(object, key) {
    return Object.prototype.hasOwnProperty.call(object, key);
  }

  function unique(list) {
    return list.filter(function (item, index) { return list.indexOf(item) === index; });
  }

  function each(root, selector, action) {
    Array.prototype.forEach.call(root.querySelectorAll(selector), action);
  }

  /* --- entries: in memory, and in localStorage while "remember" is ticked ------------------- */

  function storageKey() {
    return coach.storage.key("templates", 1);
  }

  /* Stored values are accepted only as {field name: text}; anything else is dropped. */
  function cleanValues(raw) {
    var values = Object.create(null);
    if (!raw || typeof raw !== "object" || Array.isArray(raw)) return values;
    Object.keys(raw).forEach(function (name) {
      var value = raw[name];
      if (FIELD_NAME.test(name) && typeof value === "string" && value.length <= MAX_STORED_LENGTH) {
        values[name] = value;
      }
    });
    return values;
  }

  function blankEntries() {
    return { remember: false, values: Object.create(null), people: [Object.create(null)] };
  }

  function loadEntries() {
    if (entries) return entries;
    entries = blankEntries();
    var stored = storage.read(storageKey());
    if (stored && typeof stored === "object") {
      entries.remember = true;
      entries.values = cleanValues(stored.values);
      if (Array.isArray(stored.people) && stored.people.length) {
        entries.people = stored.people.slice(0, MAX_PEOPLE).map(cleanValues);
      }
    }
    return entries;
  }

  /* True if kept (or not meant to be kept); false if the browser refused to store them. */
  function saveEntries() {
    if (!entries.remember) return true;
    return storage.write(storageKey(), { values: entries.values, people: entries.people });
  }

  /* --- text helpers ------------------------------------------------------------------------ */

  function escapeRegExp(text) {
    return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  }

  /* Whole words only; \b does not know umlauts, so letters are tested with Unicode classes. */
  function wordPattern(words, flags) {
    return new RegExp("(?<![\\p{L}\\p{N}])(?:" + words.map(escapeRegExp).join("|") + ")(?![\\p{L}\\p{N}])", flags);
  }

  function countWords(text) {
    return text.split(/\s+/).filter(function (word) { return /[\p{L}\p{N}]/u.test(word); }).length;
  }

  /* Removes the gaps an empty optional placeholder leaves, keeping deliberate indentation. */
  function tidyLine(filled, original) {
    var line = filled.replace(/(\S)[ \t]{2,}/g, "$1 ").replace(/[ \t]+$/gm, "");
    return original.charAt(0) === "{" ? line.replace(/^[ \t]+/, "") : line;
  }

  function joinLines(lines) {
    return lines.join("\n").replace(/\n{3,}/g, "\n\n").replace(/^\n+|\n+$/g, "");
  }

  /* --- composing: placeholders filled from the entries --------------------------------------- */

  /* What composing needs from the page data, worked out once per page. */
  function composer(data) {
    var chooser = Object.keys(data.fields).filter(function (name) { return data.fields[name].input === "salutation"; })[0];
    return {
      data: data,
      chooser: chooser,
      formal: data.addressMix ? wordPattern(data.addressMix.formal, "u") : null,
      informal: data.addressMix ? wordPattern(data.addressMix.informal, "iu") : null
    };
  }

  function rawValue(c, name, person) {
    var values = c.data.fields[name].scope === "person" ? person : entries.values;
    if (own(values, name)) return values[name];
    return c.data.fields[name].default === "today" ? coach.dates.today() : "";
  }

  function optionFor(c, person) {
    var chosen = c.chooser ? rawValue(c, c.chooser, person) : "";
    return c.data.salutations.filter(function (option) { return option.id === chosen; })[0] || null;
  }

  /* How a field's value reads in the text; a date outside the accepted range reads as empty. */
  function shown(c, name, person) {
    var input = c.data.fields[name].input;
    var value = rawValue(c, name, person).trim();
    if (input === "multiline") {
      return value.split("\n").map(function (line) { return line.trim(); }).filter(Boolean).join("\n");
    }
    if (input === "salutation") {
      var option = optionFor(c, person);
      return option ? option.label : "";
    }
    if (input === "date" && value) {
      return coach.dates.inRange(value) ? coach.dates.format(coach.dates.parse(value), c.data.dateLocale) : "";
    }
    return value;
  }

  /* A derived placeholder ({greeting} ...) comes from the chosen salutation's forms. */
  function resolveDerived(c, name, person) {
    var option = optionFor(c, person);
    var label = c.data.derived[name].label;
    if (!option || !own(option.forms, name)) {
      // Not chosen yet: name the fields still to fill, as the first choice would need them.
      var first = c.data.salutations[0];
      var needs = c.chooser ? [c.data.fields[c.chooser].label] : [];
      if (first && own(first.forms, name)) needs = needs.concat(fill(c, first.forms[name], person).missing);
      var required = c.chooser ? c.data.fields[c.chooser].required : true;
      return { text: "", plain: "", empty: true, required: required, label: label, missing: needs };
    }
    var filled = fill(c, option.forms[name], person);
    return { text: filled.text, plain: filled.plain, empty: false, required: true, label: label, missing: filled.missing };
  }

  /* {text, plain, empty, required, label, missing} for one placeholder, or null if unknown. */
  function resolve(c, name, person) {
    if (own(c.data.fields, name)) {
      var text = shown(c, name, person);
      var field = c.data.fields[name];
      return { text: text, plain: text, empty: !text, required: field.required, label: field.label, missing: [] };
    }
    return own(c.data.derived, name) ? resolveDerived(c, name, person) : null;
  }

  /*
   * A text with its placeholders filled in. An empty required placeholder shows as [Label]
   * (in `text`; `plain` leaves it out); a line whose placeholders are all optional and empty
   * is dropped, so an unknown phone number leaves no "Phone:" line behind.
   */
  function fill(c, template, person) {
    var missing = [], textLines = [], plainLines = [];
    template.split("\n").forEach(function (line) {
      var found = {};
      line.replace(PLACEHOLDER, function (whole, name) { found[name] = resolve(c, name, person); return whole; });
      var values = Object.keys(found).map(function (name) { return found[name]; });
      if (values.length && values.every(function (value) { return value && value.empty && !value.required; })) return;
      var text = line.replace(PLACEHOLDER, function (whole, name) {
        var value = found[name];
        if (!value) return whole;
        missing = missing.concat(value.missing);
        if (!value.empty) return value.text;
        if (!value.required) return "";
        if (!value.missing.length) missing.push(value.label);
        return "[" + value.label + "]";
      });
      var plain = line.replace(PLACEHOLDER, function (whole, name) { return found[name] ? found[name].plain : whole; });
      textLines.push(tidyLine(text, line));
      plainLines.push(tidyLine(plain, line));
    });
    return { text: joinLines(textLines), plain: joinLines(plainLines), missing: missing };
  }

  /* One person's message: every part filled in, and what copying and warnings need. */
  function compose(c, person, index) {
    var parts = {}, plain = {}, missing = [];
    var order = Object.keys(c.data.texts);
    order.forEach(function (part) {
      var filled = fill(c, c.data.texts[part], person);
      parts[part] = filled.text;
      plain[part] = filled.plain;
      missing = missing.concat(filled.missing);
    });
    var name = resolve(c, c.data.nameInHeadings, person);
    var named = name && !name.empty && !name.missing.length;
    return {
      index: index,
      person: person,
      name: named ? name.text : format(c.data.labels.person_fallback, { n: index + 1 }),
      parts: parts,
      subject: parts.subject || "",
      copyBody: copiedBody(c, parts),
      text: order.map(function (part) { return parts[part]; }).join("\n\n"),
      plain: order.map(function (part) { return plain[part]; }).join("\n\n"),
      plainBody: plain.body,
      missing: unique(missing)
    };
  }

  /* The parts the "copy text" button takes, as guidance.yaml's template kind lists them. A printed
     kind leaves room above its last part (the signature) for signing by hand. */
  function copiedBody(c, parts) {
    var names = (c.data.copy && c.data.copy.body) || ["body"];
    return names.map(function (name, i) {
      var gap = c.data.printed && i === names.length - 1 && i > 0 ? "\n\n" : "";
      return gap + (parts[name] || "");
    }).join("\n\n");
  }

  /* --- warnings: never blocking, they say what a careful reader would notice ----------------- */

  function normalized(person, name) {
    return own(person, name) ? person[name].trim().replace(/\s+/g, " ").toLowerCase() : "";
  }

  /* Warnings that compare one message with the others (same text, same topic). */
  function comparisonWarnings(c, message, messages) {
    var warnings = [];
    var others = messages.filter(function (other) { return other !== message; });
    var twin = others.filter(function (other) { return other.text === message.text; })[0];
    if (twin) warnings.push(format(c.data.labels.warn_same_text, { other: twin.name }));
    Object.keys(c.data.distinct).forEach(function (name) {
      var mine = normalized(message.person, name);
      var same = mine && others.filter(function (other) { return normalized(other.person, name) === mine; })[0];
      if (same) warnings.push(format(c.data.distinct[name], { other: same.name }));
    });
    return warnings;
  }

  function warningsFor(c, message, messages) {
    var labels = c.data.labels;
    var warnings = [];
    if (message.missing.length) warnings.push(format(labels.warn_required, { fields: message.missing.join(", ") }));
    var leftovers = unique(message.plain.match(LEFTOVER) || []);
    if (leftovers.length) warnings.push(format(labels.warn_leftover, { placeholders: leftovers.join(", ") }));
    warnings = warnings.concat(comparisonWarnings(c, message, messages));
    // The word limit is for messages read on a screen: those that open in an email program.
    if (c.data.mailTo) {
      var words = countWords(message.plainBody);
      if (words > c.data.maxEmailWords) warnings.push(format(labels.warn_too_long, { count: words, max: c.data.maxEmailWords }));
    }
    if (EMOJI.test(message.plain)) warnings.push(labels.warn_emoji);
    if (EXCLAMATIONS.test(message.plain)) warnings.push(labels.warn_exclamation);
    if (c.formal && c.formal.test(message.plain) && c.informal.test(message.plain)) warnings.push(labels.warn_address_mix);
    return warnings;
  }

  /* --- copying and mail ------------------------------------------------------------------ */

  function copyWithSelection(text) {
    var focused = document.activeElement;
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.className = "coach-visually-hidden";
    document.body.appendChild(area);
    area.select();
    var copied = false;
    try {
      copied = document.execCommand("copy");
    } catch (error) {
      copied = false;
    }
    area.remove();
    if (focused && typeof focused.focus === "function") focused.focus();
    return copied;
  }

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).catch(function () {
        if (!copyWithSelection(text)) throw new Error("copy refused");
      });
    }
    return copyWithSelection(text) ? Promise.resolve() : Promise.reject(new Error("copy refused"));
  }

  function mailtoLink(c, message) {
    var to = c.data.mailTo && own(message.person, c.data.mailTo) ? message.person[c.data.mailTo].trim() : "";
    var body = message.copyBody.replace(/\r?\n/g, "\r\n");
    return "mailto:" + encodeURIComponent(to).replace(/%40/g, "@") +
      "?subject=" + encodeURIComponent(message.subject) + "&body=" + encodeURIComponent(body);
  }

  /* --- the page: the form's elements and what is shown ---------------------------------------- */

  function pageOf(filler, data) {
    var find = function (selector) { return filler.querySelector(selector); };
    return {
      filler: filler, data: data, labels: data.labels, c: composer(data), messages: [],
      form: find("[data-template-form]"), peopleBox: find("[data-people]"),
      personTemplate: find("[data-person-template]"), addButton: find("[data-add-person]"),
      outputsBox: find("[data-outputs]"), outputTemplate: find("[data-output-template]"),
      announcer: find("[data-announcer]"), remember: find("[data-remember]"),
      notSaved: find("[data-not-saved]"), saveFailed: null
    };
  }

  function people(page) {
    return page.personTemplate ? entries.people : [Object.create(null)];
  }

  function buildOutputs(page) {
    page.outputsBox.textContent = "";
    page.messages.forEach(function (message, index) {
      var copy = page.outputTemplate.content.cloneNode(true);
      var card = copy.querySelector("[data-output]");
      var title = card.querySelector("[data-output-title]");
      card.dataset.index = String(index);
      title.id = "coach-output-" + (index + 1);
      card.setAttribute("aria-labelledby", title.id);
      page.outputsBox.appendChild(copy);
    });
  }

  function showOutput(page, card, message) {
    card.querySelector("[data-output-title]").textContent = format(page.labels.output_for, { name: message.name });
    each(card, "[data-part]", function (slot) { slot.textContent = message.parts[slot.dataset.part] || ""; });
    var mail = card.querySelector("[data-mailto]");
    if (mail) mail.href = mailtoLink(page.c, message);
    var warnings = warningsFor(page.c, message, page.messages);
    var list = card.querySelector("[data-warning-list]");
    list.textContent = "";
    warnings.forEach(function (warning) {
      var item = document.createElement("li");
      item.textContent = warning;
      list.appendChild(item);
    });
    list.hidden = !warnings.length;
    card.querySelector("[data-no-warnings]").hidden = warnings.length > 0;
  }

  function render(page) {
    page.messages = people(page).map(function (person, index) { return compose(page.c, person, index); });
    if (page.outputsBox.children.length !== page.messages.length) buildOutputs(page);
    page.messages.forEach(function (message, index) { showOutput(page, page.outputsBox.children[index], message); });
  }

  function announce(page, text) {
    // Emptied first, so that the same message twice in a row is announced twice.
    page.announcer.textContent = "";
    window.setTimeout(function () { page.announcer.textContent = text; }, 100);
  }

  /* --- fields: limits the visitor sees, dates in range ------------------------------------------ */

  /* Gives a field its limits: a maxlength with a counter, or a date range with an error message. */
  function prepareField(element) {
    if (element instanceof HTMLSelectElement) return;
    if (element.type === "date") {
      coach.fields.limitDate(element);
    } else {
      element.maxLength = element instanceof HTMLTextAreaElement ? LIMITS.multiline : LIMITS.line;
    }
  }

  /* Shows the counter from 80 % of the limit on, and the date error while a date is out of range. */
  function checkField(page, element) {
    if (element instanceof HTMLSelectElement) return;
    if (element.type === "date") {
      coach.fields.checkDate(element, page.labels.date_range, page.data.dateLocale);
      return;
    }
    var max = element.maxLength;
    var text = element.value.length >= 0.8 * max ? format(page.labels.length_count, { count: element.value.length, max: max }) : "";
    coach.fields.show(coach.fields.note(element, "count", "coach-field__count"), text);
  }

  /* A paste that does not fit is cut by the browser: say so, never lose text silently. */
  function onPaste(page, event) {
    var element = event.target;
    if (!(element instanceof Element) || !element.matches("[data-field]") || !(element.maxLength > 0)) return;
    var pasted = event.clipboardData ? event.clipboardData.getData("text") : "";
    var selected = Math.abs((element.selectionEnd || 0) - (element.selectionStart || 0));
    if (element.value.length - selected + pasted.length > element.maxLength) {
      announce(page, format(page.labels.length_cut, { max: element.maxLength }));
      var count = coach.fields.note(element, "count", "coach-field__count");
      window.setTimeout(function () { coach.fields.show(count, format(page.labels.length_cut, { max: element.maxLength })); }, 0);
    }
  }

  function setValue(page, element, value) {
    if (element instanceof HTMLSelectElement) {
      var known = Array.prototype.some.call(element.options, function (option) { return option.value === value; });
      element.value = known ? value : "";
    } else {
      element.value = value;
    }
    checkField(page, element);
  }

  /* --- people and fields ------------------------------------------------------------------- */

  function showSingleFields(page) {
    each(page.form, "[data-field]", function (element) {
      if (!element.closest("[data-person]")) setValue(page, element, rawValue(page.c, element.dataset.field, entries.values));
    });
  }

  function buildPerson(page, person, index) {
    var copy = page.personTemplate.content.cloneNode(true);
    var fieldset = copy.querySelector("[data-person]");
    var number = index + 1;
    fieldset.dataset.index = String(index);
    each(fieldset, "[id], [for], [aria-describedby]", function (element) {
      ["id", "for", "aria-describedby"].forEach(function (attribute) {
        var value = element.getAttribute(attribute);
        if (value) element.setAttribute(attribute, value.replace(/__N__/g, String(number)));
      });
    });
    fieldset.querySelector("[data-person-legend]").textContent = format(page.labels.person_legend, { n: number });
    var remove = fieldset.querySelector("[data-remove-person]");
    remove.textContent = format(page.labels.remove_person, { n: number });
    remove.hidden = entries.people.length < 2;
    page.peopleBox.appendChild(copy);
    each(fieldset, "[data-field]", function (element) {
      prepareField(element);
      setValue(page, element, rawValue(page.c, element.dataset.field, person));
    });
  }

  function buildPeople(page) {
    if (!page.personTemplate) return;
    page.peopleBox.textContent = "";
    entries.people.forEach(function (person, index) { buildPerson(page, person, index); });
    page.addButton.disabled = entries.people.length >= MAX_PEOPLE;
  }

  function showAll(page) {
    page.remember.checked = entries.remember;
    showSingleFields(page);
    buildPeople(page);
    render(page);
  }

  /* Saves, and says so visibly when the browser refused (its storage is full or blocked). */
  function save(page) {
    var kept = saveEntries();
    if (!page.saveFailed) {
      page.saveFailed = document.createElement("p");
      page.saveFailed.className = "coach-privacy__warning";
      page.saveFailed.setAttribute("role", "status");
      page.saveFailed.textContent = page.labels.save_failed;
      page.notSaved.insertAdjacentElement("afterend", page.saveFailed);
    }
    page.saveFailed.hidden = kept;
  }

  function onInput(page, event) {
    var element = event.target;
    if (!(element instanceof Element) || !element.matches("[data-field]")) return;
    var name = element.dataset.field;
    if (!own(page.data.fields, name)) return;
    var fieldset = element.closest("[data-person]");
    var values = fieldset ? entries.people[Number(fieldset.dataset.index)] : entries.values;
    values[name] = element.value;
    checkField(page, element);
    save(page);
    render(page);
  }

  function addPerson(page) {
    if (entries.people.length >= MAX_PEOPLE) return;
    entries.people.push(Object.create(null));
    save(page);
    buildPeople(page);
    render(page);
    page.peopleBox.lastElementChild.querySelector("[data-field]").focus();
    announce(page, format(page.labels.person_added, { n: entries.people.length }));
  }

  function removePerson(page, index) {
    entries.people.splice(index, 1);
    save(page);
    buildPeople(page);
    render(page);
    page.addButton.focus();
    announce(page, page.labels.person_removed);
  }

  function copyFrom(page, button) {
    var message = page.messages[Number(button.closest("[data-output]").dataset.index)];
    var text = button.dataset.copy === "subject" ? message.subject : message.copyBody;
    copyText(text).then(function () { announce(page, page.labels.copied); },
      function () { announce(page, page.labels.copy_failed); });
  }

  function onClick(page, event) {
    var button = event.target instanceof Element ? event.target.closest("button") : null;
    if (!button || !page.filler.contains(button)) return;
    if (button.hasAttribute("data-add-person")) addPerson(page);
    else if (button.hasAttribute("data-remove-person")) removePerson(page, Number(button.closest("[data-person]").dataset.index));
    else if (button.hasAttribute("data-copy")) copyFrom(page, button);
    else if (button.hasAttribute("data-forget") && window.confirm(page.labels.forget_confirm)) {
      coach.storage.forgetAll(); // resets this form through the "forgotten" event
      announce(page, page.labels.forgotten);
    }
  }

  function listen(page) {
    page.filler.addEventListener("click", function (event) { onClick(page, event); });
    page.form.addEventListener("input", function (event) { onInput(page, event); });
    page.form.addEventListener("change", function (event) { onInput(page, event); });
    page.form.addEventListener("paste", function (event) { onPaste(page, event); });
    page.form.addEventListener("submit", function (event) { event.preventDefault(); });
    page.remember.addEventListener("change", function () {
      entries.remember = page.remember.checked;
      if (page.remember.checked) save(page); else storage.remove(storageKey());
    });
  }

  function setUpPage() {
    var filler = document.querySelector("[data-template-filler]");
    if (!filler || filler.dataset.ready) return;
    var data = coach.pageData("template-data");
    if (!data) return; // the page keeps its plain template text
    filler.dataset.ready = "true";
    var page = pageOf(filler, data);
    listen(page);
    var kept = storage.available();
    page.remember.disabled = !kept;
    page.notSaved.hidden = kept;
    each(page.form, "[data-field]", prepareField);
    shownPage = page;
    loadEntries();
    showAll(page);
    // The filled-in texts replace the bare template; without JavaScript only the template shows.
    var bare = document.querySelector("[data-template-static]");
    if (bare) bare.hidden = true;
    filler.hidden = false;
  }

  document.addEventListener("coach:forgotten", function () {
    entries = blankEntries();
    if (shownPage && document.contains(shownPage.filler)) showAll(shownPage);
  });
  coach.printButtons(".coach-filler button[data-print]");
  coach.onEveryPage(setUpPage);
});
