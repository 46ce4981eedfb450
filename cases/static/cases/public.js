/* Progressive enhancements for the public case pages. Everything works without it. */
(function () {
  "use strict";

  function onReady(fn) {
    if (document.readyState !== "loading") fn(); else document.addEventListener("DOMContentLoaded", fn);
  }

  // Move focus to the error summary so keyboard and screen-reader users hear what went wrong.
  function focusErrors() {
    var summary = document.getElementById("error-summary");
    if (summary) summary.focus();
  }

  // Sections shown only for one choice of a radio group: data-show-for-<group>="value other".
  var GROUPS = { filer: "filer_type", identity: "identity", channel: "channel" };
  function toggleSections() {
    Object.keys(GROUPS).forEach(function (key) {
      var sections = document.querySelectorAll("[data-show-for-" + key + "]");
      if (!sections.length) return;
      var radios = document.querySelectorAll('input[type=radio][name="' + GROUPS[key] + '"]');
      function update() {
        var checked = document.querySelector('input[type=radio][name="' + GROUPS[key] + '"]:checked');
        var value = checked ? checked.value : "";
        sections.forEach(function (section) {
          var wanted = section.getAttribute("data-show-for-" + key).split(" ");
          section.hidden = value !== "" && wanted.indexOf(value) === -1;
        });
      }
      radios.forEach(function (radio) { radio.addEventListener("change", update); });
      update();
    });
  }

  // Accessible combobox over the trading-project lookup (code or name).
  function projectLookup() {
    var form = document.querySelector("form[data-lookup-url]");
    var input = document.querySelector("input[data-project-lookup]");
    var list = document.getElementById("project-options");
    if (!form || !input || !list) return;
    var hidden = form.querySelector('input[name="project_id"]');
    var status = form.querySelector(".combo-status");
    var url = form.getAttribute("data-lookup-url");
    var results = [], active = -1, timer = null, lastQuery = "";
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", list.id);

    function close() {
      list.hidden = true; active = -1;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
    }
    function highlight(index) {
      var items = list.querySelectorAll("li");
      items.forEach(function (li, i) { li.setAttribute("aria-selected", i === index ? "true" : "false"); });
      active = index;
      if (index >= 0 && items[index]) {
        input.setAttribute("aria-activedescendant", items[index].id);
        items[index].scrollIntoView({ block: "nearest" });
      }
    }
    function choose(index) {
      var project = results[index];
      if (!project) return;
      input.value = project.code + " " + project.name;
      hidden.value = project.id;
      close();
    }
    function render() {
      list.innerHTML = "";
      results.forEach(function (project, i) {
        var li = document.createElement("li");
        li.id = "project-option-" + i;
        li.setAttribute("role", "option");
        li.textContent = project.code + " " + project.name;
        var meta = document.createElement("span");
        meta.className = "muted";
        meta.textContent = project.category + " · " + project.tenderer;
        li.appendChild(meta);
        li.addEventListener("mousedown", function (event) { event.preventDefault(); choose(i); });
        list.appendChild(li);
      });
      var open = results.length > 0;
      list.hidden = !open;
      input.setAttribute("aria-expanded", open ? "true" : "false");
      if (status) {
        status.textContent = open ? status.getAttribute("data-count").replace("{count}", results.length)
          : (input.value.trim().length >= 2 ? status.getAttribute("data-none") : "");
      }
    }
    function search() {
      var query = input.value.trim();
      if (query === lastQuery) return;
      lastQuery = query;
      if (query.length < 2) { results = []; render(); return; }
      fetch(url + "?q=" + encodeURIComponent(query), { headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : { results: [] }; })
        .then(function (data) { if (input.value.trim() === query) { results = data.results || []; active = -1; render(); } })
        .catch(function () { results = []; render(); });
    }
    input.addEventListener("input", function () {
      hidden.value = "";
      clearTimeout(timer);
      timer = setTimeout(search, 250);
    });
    input.addEventListener("keydown", function (event) {
      if (list.hidden) return;
      if (event.key === "ArrowDown") { event.preventDefault(); highlight(Math.min(active + 1, results.length - 1)); }
      else if (event.key === "ArrowUp") { event.preventDefault(); highlight(Math.max(active - 1, 0)); }
      else if (event.key === "Enter" && active >= 0) { event.preventDefault(); choose(active); }
      else if (event.key === "Escape") { close(); }
    });
    input.addEventListener("blur", function () { setTimeout(close, 150); });
  }

  // Complaint form: warn (never block) about the 10-day limit and the prior objection.
  function complaintWarnings() {
    var form = document.querySelector('form[data-intake="complaint"]');
    var box = document.getElementById("intake-warnings");
    if (!form || !box) return;
    var starred = (form.getAttribute("data-objection-required") || "").split(",");
    var matter = form.querySelector('[name="matter_type"]');
    var knew = form.querySelector('[name="knew_on"]');
    var raised = form.querySelector('[name="objection_raised_on"]');
    function update() {
      var messages = [];
      if (knew && knew.value) {
        var days = Math.floor((Date.now() - new Date(knew.value + "T00:00:00").getTime()) / 86400000);
        if (days > 10) messages.push(box.getAttribute("data-late"));
      }
      if (matter && starred.indexOf(matter.value) !== -1 && raised && !raised.value) {
        messages.push(box.getAttribute("data-objection"));
      }
      box.innerHTML = "";
      messages.forEach(function (text) {
        var p = document.createElement("p");
        p.textContent = "⚠ " + text;
        box.appendChild(p);
      });
    }
    [matter, knew, raised].forEach(function (el) { if (el) el.addEventListener("change", update); });
    update();
  }

  function captchaRefresh() {
    document.querySelectorAll("[data-captcha-refresh]").forEach(function (button) {
      button.addEventListener("click", function () {
        fetch(button.getAttribute("data-captcha-refresh"), { headers: { "X-Requested-With": "XMLHttpRequest" } })
          .then(function (response) { return response.json(); })
          .then(function (data) {
            var row = button.closest(".field");
            var picture = row.querySelector("img.captcha");
            picture.src = data.image_url;
            picture.srcset = data.image_url.replace(/\/$/, "@2/") + " 2x";
            row.querySelector('input[name$="_0"]').value = data.key;
            var answer = row.querySelector('input[name$="_1"]');
            answer.value = "";
            answer.focus();
          });
      });
    });
  }

  function printButtons() {
    document.querySelectorAll("[data-print]").forEach(function (button) {
      button.addEventListener("click", function () { window.print(); });
    });
  }

  onReady(function () {
    focusErrors();
    toggleSections();
    projectLookup();
    complaintWarnings();
    captchaRefresh();
    printButtons();
  });
})();
