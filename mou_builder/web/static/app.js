// The editor: form edits go to the server, which edits the YAML text (keeping comments),
// checks it with the pipeline and sends back the form, the problems and the totals.
// One request at a time; what is typed meanwhile is sent with the next one.
"use strict";
(function () {
  const body = document.body;
  const api = body.dataset.api;
  const form = document.getElementById("form");
  const yamlEl = document.getElementById("yaml");
  const status = document.getElementById("status");
  const message = document.getElementById("message");
  const result = document.getElementById("build-result");
  const pdfBox = document.getElementById("pdf");
  // the YAML view: CodeMirror (vendored) when it loaded, else the plain text area
  const cm = window.CodeMirror ? window.CodeMirror.fromTextArea(yamlEl, {
    mode: "yaml", lineNumbers: true, indentUnit: 2, tabSize: 2, indentWithTabs: false,
    extraKeys: {Tab: function (ed) { ed.replaceSelection("  "); }}}) : null;
  function yamlText() { return cm ? cm.getValue() : yamlEl.value; }
  function yamlFocused() { return cm ? cm.hasFocus() : document.activeElement === yamlEl; }
  function setYaml(text) {
    if (yamlFocused() || text === yamlText()) { return; }
    if (!cm) { yamlEl.value = text; return; }
    const scroll = cm.getScrollInfo();
    cm.setValue(text);
    cm.scrollTo(scroll.left, scroll.top);
  }
  let saved = yamlText();
  let pending = new Map();
  let op = null;
  let yamlDirty = false;
  let busy = false;
  let timer = null;
  let idle = [];
  let part = (location.hash || "#general").slice(1);

  function valueOf(el) {
    if (el.type === "checkbox") {
      return Array.from(form.querySelectorAll('input[type=checkbox][name="' + CSS.escape(el.name) + '"]'))
        .filter(function (e) { return e.checked; }).map(function (e) { return e.value; });
    }
    return el.value;
  }

  function schedule(delay) {
    clearTimeout(timer);
    timer = setTimeout(flush, delay);
  }

  async function post(what, payload) {
    payload.name = body.dataset.name;
    payload.lang = body.dataset.lang;
    const response = await fetch(api + "/" + what, {
      method: "POST", headers: {"Content-Type": "application/json"}, body: JSON.stringify(payload)});
    let answer = {};
    try { answer = await response.json(); } catch (e) { answer = {error: response.statusText}; }
    if (!response.ok) {
      const err = new Error(answer.error || response.statusText);
      err.details = answer.details || "";
      throw err;
    }
    return answer;
  }

  function say(text, details) {
    message.hidden = !text;
    message.textContent = text || "";
    if (details) {
      const pre = document.createElement("pre");
      pre.textContent = details;
      message.appendChild(pre);
    }
  }

  async function flush() {
    if (busy || (!pending.size && !op && !yamlDirty)) { return; }
    busy = true;
    const payload = {yaml: yamlText(), edits: Array.from(pending.values()), op: op};
    pending = new Map(); op = null; yamlDirty = false;
    try {
      apply(await post("update", payload));
      say("");
    } catch (err) {
      say(err.message, err.details);
    }
    busy = false;
    if (pending.size || op || yamlDirty) { flush(); } else { idle.splice(0).forEach(function (f) { f(); }); }
  }

  function settled() {
    return new Promise(function (resolve) {
      if (!busy && !pending.size && !op && !yamlDirty) { resolve(); return; }
      idle.push(resolve); schedule(0);
    });
  }

  function apply(answer) {
    if (answer.form !== null) {
      const active = document.activeElement;
      const keep = active && form.contains(active) && active.name ? {
        name: active.name, value: active.value, type: active.type,
        start: active.selectionStart, end: active.selectionEnd} : null;
      form.innerHTML = answer.form;
      if (keep) {
        const selector = '[name="' + CSS.escape(keep.name) + '"]' +
          (keep.type === "checkbox" ? '[value="' + CSS.escape(keep.value) + '"]' : "");
        const again = form.querySelector(selector);
        if (again) {
          if (keep.type !== "checkbox" && again.tagName !== "SELECT") { again.value = keep.value; }
          again.focus();
          if (keep.start !== null && keep.start !== undefined && again.setSelectionRange) {
            try { again.setSelectionRange(keep.start, keep.end); } catch (e) { /* not a text field */ }
          }
        }
      }
      showPart(part);
    } else {
      form.innerHTML = '<p class="problem error">' + form.dataset.broken + "</p>";
    }
    setYaml(answer.yaml);
    document.getElementById("problems").innerHTML = answer.problems;
    document.getElementById("totals").innerHTML = answer.totals;
    showStatus();
  }

  function showStatus() {
    status.textContent = yamlText() === saved ? "" : status.dataset.unsaved;
  }

  function showPart(name) {
    if (!form.querySelector('section.part[data-part="' + name + '"]')) { name = "general"; }
    part = name;
    body.dataset.part = name;  // the budget tab shows its totals first
    form.querySelectorAll("section.part").forEach(function (s) { s.hidden = s.dataset.part !== name; });
    form.querySelectorAll("nav.tabs button").forEach(function (b) {
      b.setAttribute("aria-selected", b.dataset.part === name ? "true" : "false");
      const n = form.querySelectorAll('section.part[data-part="' + b.dataset.part + '"] .problem.error').length;
      const badge = b.querySelector(".badge");
      badge.textContent = n ? String(n) : "";
    });
  }

  form.addEventListener("input", function (e) {
    const el = e.target;
    if (!el.name || el.type === "checkbox" || el.tagName === "SELECT") { return; }
    pending.set(el.name, [el.name, valueOf(el), el.dataset.kind || ""]);
    showStatus();
    schedule(300);
  });
  form.addEventListener("change", function (e) {
    const el = e.target;
    if (!el.name) { return; }
    pending.set(el.name, [el.name, valueOf(el), el.dataset.kind || ""]);
    schedule(0);
  });
  form.addEventListener("click", function (e) {
    const tab = e.target.closest("nav.tabs button");
    if (tab) { showPart(tab.dataset.part); history.replaceState(null, "", "#" + tab.dataset.part); return; }
    const button = e.target.closest("button[data-op]");
    if (!button) { return; }
    e.preventDefault();
    settled().then(function () { op = {op: button.dataset.op, path: button.dataset.path}; schedule(0); });
  });
  function yamlTyped() { yamlDirty = true; showStatus(); schedule(500); }
  if (cm) {
    cm.on("change", function (ed, change) { if (change.origin !== "setValue") { yamlTyped(); } });
  } else {
    yamlEl.addEventListener("input", yamlTyped);
  }

  document.getElementById("problems").addEventListener("click", function (e) {
    const link = e.target.closest("a[data-goto]");
    if (!link) { return; }
    e.preventDefault();
    let path = link.dataset.goto;
    while (path) {
      const target = form.querySelector('[data-field="' + CSS.escape(path) + '"]');
      if (target) {
        const section = target.closest("section.part");
        if (section) { showPart(section.dataset.part); }
        target.scrollIntoView({block: "center"});
        const focusable = target.querySelector("input, select, textarea");
        if (focusable) { focusable.focus(); }
        return;
      }
      path = path.replace(/(\.[^.\[\]]+|\[\d+\])$/, "");
    }
    showLine(Number(link.dataset.line));
  });

  function showLine(line) {  // a problem no field holds (YAML syntax): its line in the YAML view
    if (cm) {
      const end = (cm.getLine(line - 1) || "").length;
      cm.focus();
      cm.setSelection({line: line - 1, ch: 0}, {line: line - 1, ch: end});
      cm.scrollIntoView({line: line - 1, ch: 0}, 80);
      return;
    }
    const lines = yamlEl.value.split("\n");
    const start = lines.slice(0, line - 1).reduce(function (n, l) { return n + l.length + 1; }, 0);
    yamlEl.focus();
    yamlEl.setSelectionRange(start, start + (lines[line - 1] || "").length);
    yamlEl.scrollTop = Math.max(0, (line - 5) * yamlEl.scrollHeight / Math.max(lines.length, 1));
  }

  document.getElementById("save").addEventListener("click", async function () {
    await settled();
    try {
      const text = yamlText();
      const answer = await post("save", {yaml: text, base: body.dataset.base});
      body.dataset.base = answer.base;
      saved = text;
      showStatus();
      status.textContent = answer.message;
      say("");
    } catch (err) { say(err.message, err.details); }
  });

  document.getElementById("build").addEventListener("click", async function () {
    await settled();
    result.hidden = false;
    result.textContent = result.dataset.busy;
    try {
      const answer = await post("build", {yaml: yamlText(), base: body.dataset.base,
                                          pdf: Boolean(pdfBox && pdfBox.checked)});
      result.innerHTML = answer.html;
      say("");
    } catch (err) { result.hidden = true; say(err.message, err.details); }
  });

  window.addEventListener("beforeunload", function (e) {
    if (yamlText() !== saved) { e.preventDefault(); e.returnValue = ""; }
  });
  showPart(part);
})();
