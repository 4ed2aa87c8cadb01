/*
 * The fill-in form, on a template page and on the plan page: one text per person, updated as the
 * visitor types, with copy and email buttons, "add another person" and the warnings.
 *
 * The page carries its template as JSON (in the data-template-data attribute of a hidden element):
 * texts with {placeholders}, the fields to ask for, the salutation choices, labels and warning
 * settings, all from guidance.yaml. Composing the texts is template-text.js; what was typed lives in
 * the one store of entries.js, shared by every page (so the plan's people and dates carry over).
 * Everything typed or stored is handled as text: values go into .value and .textContent, never into
 * HTML, so markup typed into a field stays visible characters.
 */
window.coach.feature("templates", function () {
  "use strict";

  var coach = window.coach;
  var format = coach.format;
  // What a field takes (its maxlength, shown by a counter near the end).
  var LIMITS = { multiline: 5000, line: 2000 };

  var shownPage = null; // the form on the current page, reset after "forget everything"

  function own(object, key) {
    return Object.prototype.hasOwnProperty.call(object, key);
  }

  function each(root, selector, action) {
    Array.prototype.forEach.call(root.querySelectorAll(selector), action);
  }

  function text() {
    return coach.templateText;
  }

  /* --- the page: the form's elements and what is shown ---------------------------------------- */

  function pageOf(filler, data) {
    var find = function (selector) { return filler.querySelector(selector); };
    return {
      filler: filler, data: data, labels: data.labels, c: text().composer(data), messages: [],
      form: find("[data-template-form]"), peopleBox: find("[data-people]"),
      personTemplate: find("[data-person-template]"), addButton: find("[data-add-person]"),
      outputsBox: find("[data-outputs]"), outputTemplate: find("[data-output-template]"),
      announcer: find("[data-announcer]"), remember: find("[data-remember]"),
      notSaved: find("[data-not-saved]"), saveFailed: null
    };
  }

  function people(page) {
    return page.personTemplate ? coach.entries.get().people : [Object.create(null)];
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
    if (mail) mail.href = text().mailtoLink(page.c, message);
    var warnings = text().warningsFor(page.c, message, page.messages);
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
    page.messages = people(page).map(function (person, index) { return text().compose(page.c, person, index); });
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
      if (!element.closest("[data-person]")) setValue(page, element, text().rawValue(page.c, element.dataset.field, null));
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
    remove.hidden = coach.entries.get().people.length < 2;
    page.peopleBox.appendChild(copy);
    each(fieldset, "[data-field]", function (element) {
      prepareField(element);
      setValue(page, element, text().rawValue(page.c, element.dataset.field, person));
    });
  }

  function buildPeople(page) {
    if (!page.personTemplate) return;
    page.peopleBox.textContent = "";
    var everyone = coach.entries.get().people;
    everyone.forEach(function (person, index) { buildPerson(page, person, index); });
    page.addButton.disabled = everyone.length >= coach.entries.MAX_PEOPLE;
  }

  function showAll(page) {
    page.remember.checked = coach.entries.get().remember;
    showSingleFields(page);
    buildPeople(page);
    render(page);
  }

  /* Says so visibly when the browser refused to keep the entries (its storage is full or blocked). */
  function showKept(page, kept) {
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
    checkField(page, element);
    showKept(page, coach.entries.set(name, element.value, fieldset ? Number(fieldset.dataset.index) : null, page.onStoreChange));
    render(page);
  }

  /* Another form on this page (the plan's dates) changed a value: show it here too. */
  function onStoreChange(page, name, personIndex) {
    if (!document.contains(page.filler) || !own(page.data.fields, name)) return;
    if (personIndex === null || personIndex === undefined) {
      each(page.form, '[data-field="' + name + '"]', function (element) {
        if (!element.closest("[data-person]")) setValue(page, element, text().rawValue(page.c, name, null));
      });
    }
    render(page);
  }

  function addPerson(page) {
    if (!coach.entries.addPerson()) return;
    buildPeople(page);
    render(page);
    page.peopleBox.lastElementChild.querySelector("[data-field]").focus();
    announce(page, format(page.labels.person_added, { n: coach.entries.get().people.length }));
  }

  function removePerson(page, index) {
    coach.entries.removePerson(index);
    buildPeople(page);
    render(page);
    page.addButton.focus();
    announce(page, page.labels.person_removed);
  }

  function copyFrom(page, button) {
    var message = page.messages[Number(button.closest("[data-output]").dataset.index)];
    var copied = button.dataset.copy === "subject" ? message.subject : message.copyBody;
    text().copyText(copied).then(function () { announce(page, page.labels.copied); },
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
      showKept(page, coach.entries.setRemember(page.remember.checked));
    });
    // One listener per page: the previous page's form is gone after instant navigation.
    if (shownPage) coach.entries.offChange(shownPage.onStoreChange);
    page.onStoreChange = function (name, personIndex) { onStoreChange(page, name, personIndex); };
    coach.entries.onChange(page.onStoreChange);
  }

  function setUpPage() {
    var filler = document.querySelector("[data-template-filler]");
    if (!filler || filler.dataset.ready) return;
    var data = coach.pageData("template-data");
    if (!data) return; // the page keeps its plain template text
    filler.dataset.ready = "true";
    var page = pageOf(filler, data);
    listen(page);
    var kept = coach.storage.local.available();
    page.remember.disabled = !kept;
    page.notSaved.hidden = kept;
    each(page.form, "[data-field]", prepareField);
    shownPage = page;
    // A plan whose answers say how many people there were starts with that many.
    coach.entries.ensurePeople(Number(filler.getAttribute("data-people-start")) || 1);
    showAll(page);
    // The filled-in texts replace the bare template; without JavaScript only the template shows.
    var bare = document.querySelector("[data-template-static]");
    if (bare) bare.hidden = true;
    filler.hidden = false;
  }

  document.addEventListener("coach:forgotten", function () {
    coach.entries.reload();
    if (shownPage && document.contains(shownPage.filler)) showAll(shownPage);
  });
  coach.printButtons(".coach-filler button[data-print]");
  coach.onEveryPage(setUpPage);
});
