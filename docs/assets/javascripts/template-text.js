/*
 * A template's texts filled in for one person: placeholders, salutation forms, the lines an empty
 * optional placeholder leaves out, the warnings a careful reader would give, copying and mailto links.
 * Used by the fill-in form (templates.js) on template pages and on the plan page. Everything here
 * works on text: nothing typed becomes markup.
 */
window.coach.feature("template-text", function () {
  "use strict";

  var coach = window.coach;
  var format = coach.format;
  var PLACEHOLDER = /\{([a-z][a-z0-9_]*)\}/g;
  // Placeholders a visitor may have pasted in or left: [Company], {company}, <Company>.
  var LEFTOVER = /\[[^[\]\n]{1,60}\]|\{[^{}\n]{0,60}\}|<[^<>\n]{1,60}>/g;
  // Pictographs, but not the ©, ® and ™ signs, which Unicode also counts among them.
  var EMOJI = /(?![\u00a9\u00ae\u2122])\p{Extended_Pictographic}/u;
  var EXCLAMATIONS = /!\s*!/;

  function own(object, key) {
    return Object.prototype.hasOwnProperty.call(object, key);
  }

  function unique(list) {
    return list.filter(function (item, index) { return list.indexOf(item) === index; });
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
    var values = c.data.fields[name].scope === "person" ? person : coach.entries.get().values;
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

  coach.templateText = {
    composer: composer, rawValue: rawValue, compose: compose, warningsFor: warningsFor,
    copyText: copyText, mailtoLink: mailtoLink
  };
});
