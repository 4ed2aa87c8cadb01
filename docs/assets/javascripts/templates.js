/*
 * Follow-up Coach: the fill-in form of a template page.
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
(function () {
  "use strict";

  var coach = window.followUpCoach;
  var storage = coach.storage;
  var format = coach.format;
  var KEY = storage.prefix + "templates:v1";
  var PLACEHOLDER = /\{([a-z][a-z0-9_]*)\}/g;
  var FIELD_NAME = /^[a-z][a-z0-9_]*$/;
  var MAX_PEOPLE = 20;
  var MAX_VALUE_LENGTH = 5000;
  // Placeholders a visitor may have pasted in or left: [Company], {company}, <Company>.
  var LEFTOVER = /\[[^[\]\n]{1,60}\]|\{[^{}\n]{0,60}\}|<[^<>\n]{1,60}>/g;
  // Pictographs, but not the ©, ® and ™ signs, which Unicode also counts among them.
  var EMOJI = /(?![\u00a9\u00ae\u2122])\p{Extended_Pictographic}/u;
  var EXCLAMATIONS = /!\s*!/;

  var entries = null; // {remember, values: {name: text}, people: [{name: text}]}
  var resetShownForm = null; // resets the form on the current page after "forget everything"

  function own(object, key) {
    return Object.prototype.hasOwnProperty.call(object, key);
  }

  function unique(list) {
    return list.filter(function (item, index) { return list.indexOf(item) === index; });
  }

  /* Stored values are accepted only as {field name: text}; anything else is dropped. */
  function cleanValues(raw) {
    var values = Object.create(null);
    if (!raw || typeof raw !== "object" || Array.isArray(raw)) return values;
    Object.keys(raw).forEach(function (name) {
      var value = raw[name];
      if (FIELD_NAME.test(name) && typeof value === "string" && value.length <= MAX_VALUE_LENGTH) {
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
    var stored = storage.read(KEY);
    if (stored) {
      entries.remember = true;
      entries.values = cleanValues(stored.values);
      if (Array.isArray(stored.people) && stored.people.length) {
        entries.people = stored.people.slice(0, MAX_PEOPLE).map(cleanValues);
      }
    }
    return entries;
  }

  function saveEntries() {
    if (entries.remember) storage.write(KEY, { values: entries.values, people: entries.people });
  }

  function todayIso() {
    var now = new Date();
    var pad = function (number) { return String(number).padStart(2, "0"); };
    return now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate());
  }

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

  function fillIn(filler, data) {
    var labels = data.labels;
    var form = filler.querySelector("[data-template-form]");
    var peopleBox = filler.querySelector("[data-people]");
    var personTemplate = filler.querySelector("[data-person-template]");
    var addButton = filler.querySelector("[data-add-person]");
    var outputsBox = filler.querySelector("[data-outputs]");
    var outputTemplate = filler.querySelector("[data-output-template]");
    var announcer = filler.querySelector("[data-announcer]");
    var remember = filler.querySelector("[data-remember]");
    var names = Object.keys(data.fields);
    var chooser = names.filter(function (name) { return data.fields[name].input === "salutation"; })[0];
    var formal = data.addressMix ? wordPattern(data.addressMix.formal, "u") : null;
    var informal = data.addressMix ? wordPattern(data.addressMix.informal, "iu") : null;
    var dates = new Intl.DateTimeFormat(data.dateLocale, { dateStyle: "long", timeZone: "UTC" });
    var messages = [];

    function people() {
      return personTemplate ? entries.people : [Object.create(null)];
    }

    function defaultValue(name) {
      return data.fields[name].default === "today" ? todayIso() : "";
    }

    function rawValue(name, person) {
      var values = data.fields[name].scope === "person" ? person : entries.values;
      return own(values, name) ? values[name] : defaultValue(name);
    }

    function optionFor(person) {
      var chosen = chooser ? rawValue(chooser, person) : "";
      return data.salutations.filter(function (option) { return option.id === chosen; })[0] || null;
    }

    /* How a field's value reads in the text. */
    function shown(name, person) {
      var field = data.fields[name];
      var value = rawValue(name, person).trim();
      if (field.input === "multiline") {
        return value.split("\n").map(function (line) { return line.trim(); }).filter(Boolean).join("\n");
      }
      if (field.input === "salutation") {
        var option = optionFor(person);
        return option ? option.label : "";
      }
      var iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
      if (field.input === "date" && iso) {
        return dates.format(new Date(Date.UTC(+iso[1], +iso[2] - 1, +iso[3])));
      }
      return value;
    }

    /* {text, plain, empty, required, label, missing} for one placeholder, or null if unknown. */
    function resolve(name, person) {
      if (own(data.fields, name)) {
        var text = shown(name, person);
        var field = data.fields[name];
        return { text: text, plain: text, empty: !text, required: field.required, label: field.label, missing: [] };
      }
      if (own(data.derived, name)) {
        var option = optionFor(person);
        var label = data.derived[name].label;
        var chooserRequired = chooser ? data.fields[chooser].required : true;
        if (!option || !own(option.forms, name)) {
          // Not chosen yet: name the fields still to fill, as the first choice would need them.
          var first = data.salutations[0];
          var needs = chooser ? [data.fields[chooser].label] : [];
          if (first && own(first.forms, name)) needs = needs.concat(fill(first.forms[name], person).missing);
          return { text: "", plain: "", empty: true, required: chooserRequired, label: label, missing: needs };
        }
        var filled = fill(option.forms[name], person);
        return { text: filled.text, plain: filled.plain, empty: false, required: true, label: label, missing: filled.missing };
      }
      return null;
    }

    /*
     * A text with its placeholders filled in. An empty required placeholder shows as [Label]
     * (in `text`; `plain` leaves it out); a line whose placeholders are all optional and empty
     * is dropped, so an unknown phone number leaves no "Phone:" line behind.
     */
    function fill(template, person) {
      var missing = [], textLines = [], plainLines = [];
      template.split("\n").forEach(function (line) {
        var found = [];
        line.replace(PLACEHOLDER, function (whole, name) { found.push(resolve(name, person)); return whole; });
        if (found.length && found.every(function (value) { return value && value.empty && !value.required; })) return;
        var text = line.replace(PLACEHOLDER, function (whole, name) {
          var value = resolve(name, person);
          if (!value) return whole;
          missing = missing.concat(value.missing);
          if (!value.empty) return value.text;
          if (value.required) {
            if (!value.missing.length) missing.push(value.label);
            return "[" + value.label + "]";
          }
          return "";
        });
        var plain = line.replace(PLACEHOLDER, function (whole, name) {
          var value = resolve(name, person);
          return value ? value.plain : whole;
        });
        textLines.push(tidyLine(text, line));
        plainLines.push(tidyLine(plain, line));
      });
      return { text: joinLines(textLines), plain: joinLines(plainLines), missing: missing };
    }

    function compose(person, index) {
      var parts = {}, plain = {}, missing = [];
      Object.keys(data.texts).forEach(function (part) {
        var filled = fill(data.texts[part], person);
        parts[part] = filled.text;
        plain[part] = filled.plain;
        missing = missing.concat(filled.missing);
      });
      var name = resolve(data.nameInHeadings, person);
      var order = Object.keys(data.texts);
      var copyBody = data.kind === "letter"
        ? parts.body + "\n\n" + parts.closing + "\n\n\n\n" + parts.signature
        : parts.body;
      return {
        index: index,
        person: person,
        name: name && !name.empty && !name.missing.length ? name.text : format(labels.person_fallback, { n: index + 1 }),
        parts: parts,
        subject: parts.subject || "",
        copyBody: copyBody,
        text: order.map(function (part) { return parts[part]; }).join("\n\n"),
        plain: order.map(function (part) { return plain[part]; }).join("\n\n"),
        plainBody: plain.body,
        missing: unique(missing)
      };
    }

    function normalized(person, name) {
      return own(person, name) ? person[name].trim().replace(/\s+/g, " ").toLowerCase() : "";
    }

    /* Warnings never block anything; they say what a careful reader would notice. */
    function warningsFor(message) {
      var warnings = [];
      if (message.missing.length) warnings.push(format(labels.warn_required, { fields: message.missing.join(", ") }));
      var leftovers = unique(message.plain.match(LEFTOVER) || []);
      if (leftovers.length) warnings.push(format(labels.warn_leftover, { placeholders: leftovers.join(", ") }));
      var twin = messages.filter(function (other) { return other !== message && other.text === message.text; })[0];
      if (twin) warnings.push(format(labels.warn_same_text, { other: twin.name }));
      Object.keys(data.distinct).forEach(function (name) {
        var mine = normalized(message.person, name);
        var same = mine && messages.filter(function (other) {
          return other !== message && normalized(other.person, name) === mine;
        })[0];
        if (same) warnings.push(format(data.distinct[name], { other: same.name }));
      });
      if (data.kind === "email") {
        var words = countWords(message.plainBody);
        if (words > data.maxEmailWords) warnings.push(format(labels.warn_too_long, { count: words, max: data.maxEmailWords }));
      }
      if (EMOJI.test(message.plain)) warnings.push(labels.warn_emoji);
      if (EXCLAMATIONS.test(message.plain)) warnings.push(labels.warn_exclamation);
      if (formal && formal.test(message.plain) && informal.test(message.plain)) warnings.push(labels.warn_address_mix);
      return warnings;
    }

    function mailtoLink(message) {
      var to = data.mailTo && own(message.person, data.mailTo) ? message.person[data.mailTo].trim() : "";
      var lines = function (text) { return text.replace(/\r?\n/g, "\r\n"); };
      return "mailto:" + encodeURIComponent(to).replace(/%40/g, "@") +
        "?subject=" + encodeURIComponent(message.subject) + "&body=" + encodeURIComponent(lines(message.copyBody));
    }

    function buildOutputs() {
      outputsBox.textContent = "";
      messages.forEach(function (message, index) {
        var copy = outputTemplate.content.cloneNode(true);
        var card = copy.querySelector("[data-output]");
        var title = card.querySelector("[data-output-title]");
        card.dataset.index = String(index);
        title.id = "coach-output-" + (index + 1);
        card.setAttribute("aria-labelledby", title.id);
        outputsBox.appendChild(copy);
      });
    }

    function showOutput(card, message) {
      card.querySelector("[data-output-title]").textContent = format(labels.output_for, { name: message.name });
      Array.prototype.forEach.call(card.querySelectorAll("[data-part]"), function (slot) {
        slot.textContent = message.parts[slot.dataset.part] || "";
      });
      var mail = card.querySelector("[data-mailto]");
      if (mail) mail.href = mailtoLink(message);
      var warnings = warningsFor(message);
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

    function render() {
      messages = people().map(compose);
      if (outputsBox.children.length !== messages.length) buildOutputs();
      messages.forEach(function (message, index) { showOutput(outputsBox.children[index], message); });
    }

    function setValue(element, value) {
      if (element instanceof HTMLSelectElement) {
        var known = Array.prototype.some.call(element.options, function (option) { return option.value === value; });
        element.value = known ? value : "";
      } else {
        element.value = value;
      }
    }

    function showSingleFields() {
      Array.prototype.forEach.call(form.querySelectorAll("[data-field]"), function (element) {
        if (!element.closest("[data-person]")) setValue(element, rawValue(element.dataset.field, entries.values));
      });
    }

    function buildPeople() {
      if (!personTemplate) return;
      peopleBox.textContent = "";
      entries.people.forEach(function (person, index) {
        var copy = personTemplate.content.cloneNode(true);
        var fieldset = copy.querySelector("[data-person]");
        var number = index + 1;
        fieldset.dataset.index = String(index);
        Array.prototype.forEach.call(fieldset.querySelectorAll("[id], [for], [aria-describedby]"), function (element) {
          ["id", "for", "aria-describedby"].forEach(function (attribute) {
            var value = element.getAttribute(attribute);
            if (value) element.setAttribute(attribute, value.replace(/__N__/g, String(number)));
          });
        });
        fieldset.querySelector("[data-person-legend]").textContent = format(labels.person_legend, { n: number });
        var remove = fieldset.querySelector("[data-remove-person]");
        remove.textContent = format(labels.remove_person, { n: number });
        remove.hidden = entries.people.length < 2;
        Array.prototype.forEach.call(fieldset.querySelectorAll("[data-field]"), function (element) {
          setValue(element, rawValue(element.dataset.field, person));
        });
        peopleBox.appendChild(copy);
      });
      addButton.disabled = entries.people.length >= MAX_PEOPLE;
    }

    function announce(text) {
      // Emptied first, so that the same message twice in a row is announced twice.
      announcer.textContent = "";
      window.setTimeout(function () { announcer.textContent = text; }, 100);
    }

    function showAll() {
      remember.checked = entries.remember;
      showSingleFields();
      buildPeople();
      render();
    }

    function onInput(event) {
      var element = event.target;
      if (!(element instanceof Element) || !element.matches("[data-field]")) return;
      var name = element.dataset.field;
      if (!own(data.fields, name)) return;
      var fieldset = element.closest("[data-person]");
      var values = fieldset ? entries.people[Number(fieldset.dataset.index)] : entries.values;
      values[name] = element.value;
      saveEntries();
      render();
    }

    function addPerson() {
      if (entries.people.length >= MAX_PEOPLE) return;
      entries.people.push(Object.create(null));
      saveEntries();
      buildPeople();
      render();
      var added = peopleBox.lastElementChild;
      added.querySelector("[data-field]").focus();
      announce(format(labels.person_added, { n: entries.people.length }));
    }

    function removePerson(index) {
      entries.people.splice(index, 1);
      saveEntries();
      buildPeople();
      render();
      addButton.focus();
      announce(labels.person_removed);
    }

    function copyFrom(button) {
      var message = messages[Number(button.closest("[data-output]").dataset.index)];
      var text = button.dataset.copy === "subject" ? message.subject : message.copyBody;
      copyText(text).then(function () { announce(labels.copied); }, function () { announce(labels.copy_failed); });
    }

    filler.addEventListener("click", function (event) {
      var button = event.target instanceof Element ? event.target.closest("button") : null;
      if (!button || !filler.contains(button)) return;
      if (button.hasAttribute("data-add-person")) addPerson();
      else if (button.hasAttribute("data-remove-person")) removePerson(Number(button.closest("[data-person]").dataset.index));
      else if (button.hasAttribute("data-copy")) copyFrom(button);
      else if (button.hasAttribute("data-print")) window.print();
      else if (button.hasAttribute("data-forget") && window.confirm(labels.forget_confirm)) {
        storage.forgetAll(); // resets this form through the "forgotten" event
        announce(labels.forgotten);
      }
    });
    form.addEventListener("input", onInput);
    form.addEventListener("change", onInput);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    remember.addEventListener("change", function () {
      entries.remember = remember.checked;
      if (remember.checked) saveEntries(); else storage.remove(KEY);
    });

    var kept = storage.available();
    remember.disabled = !kept;
    filler.querySelector("[data-not-saved]").hidden = kept;
    resetShownForm = function () {
      if (document.contains(filler)) showAll();
    };

    loadEntries();
    showAll();
    // The filled-in texts replace the bare template; without JavaScript only the template shows.
    var bare = document.querySelector("[data-template-static]");
    if (bare) bare.hidden = true;
    filler.hidden = false;
  }

  function setUpPage() {
    var filler = document.querySelector("[data-template-filler]");
    var holder = document.querySelector("[data-template-data]");
    if (!filler || !holder || filler.dataset.ready) return;
    var data;
    try {
      data = JSON.parse(holder.dataset.templateData);
    } catch (error) {
      return; // the page keeps its plain template text
    }
    filler.dataset.ready = "true";
    fillIn(filler, data);
  }

  document.addEventListener("follow-up-coach:forgotten", function () {
    entries = blankEntries();
    if (resetShownForm) resetShownForm();
  });

  coach.onEveryPage(setUpPage);
})();
