// reportgen workbench: the editor. The page's fields mirror the form's schema (data-node: object,
// list, row, field); read() turns them back into data, which the server checks, previews and saves.
"use strict";
(function () {
  const form = document.getElementById("rg-editor");
  const state = {file: form.dataset.file, form: form.dataset.form, version: form.dataset.version,
                 dirty: false, checkSeq: 0, previewSeq: 0};
  const CHECK_DELAY = 300, PREVIEW_DELAY = 900;
  let checkTimer = null, previewTimer = null;

  function counted(counts) {
    return RG.t("ui.js.counts", counts);
  }

  // ---- reading the fields back into data, giving every node its path (a.b[0].c) ----
  function childNodes(node) {
    return Array.from(node.querySelectorAll("[data-node]")).filter(
      (el) => el.parentElement.closest("[data-node]") === node && !el.closest("template"));
  }
  function join(path, key) { return path ? path + "." + key : key; }
  function read(node, path) {
    node.dataset.path = path;
    const kind = node.dataset.node;
    if (kind === "field") {
      const input = node.querySelector(".rg-input");
      return node.dataset.kind === "bool" ? input.checked : input.value;
    }
    if (kind === "list") {
      const rows = Array.from(node.querySelector(".rg-rows").children).filter((el) => el.dataset.node === "row");
      return rows.map((row, i) => read(row, path + "[" + i + "]"));
    }
    const out = {};
    for (const child of childNodes(node)) {
      if (child.dataset.node === "row") continue;
      out[child.dataset.key] = read(child, join(path, child.dataset.key));
    }
    return out;
  }
  function data() { return read(form, ""); }

  // ---- findings and figures ----
  function nodeAt(path) {
    let p = path;
    while (p) {
      const el = form.querySelector('[data-path="' + CSS.escape(p) + '"]');
      if (el) return el;
      p = p.replace(/(\[\d+\]|\.?[^.[\]]+)$/, "");
    }
    return form.querySelector(".rg-summary");
  }
  function ownMsgs(el) {
    return Array.from(el.querySelectorAll(".rg-msgs")).find((m) => m.parentElement.closest("[data-node], .rg-summary") === el)
      || el.querySelector(".rg-msgs");
  }
  function showReview(review) {
    form.querySelectorAll(".rg-msgs").forEach((m) => m.replaceChildren());
    form.querySelectorAll(".rg-has-error, .rg-has-warning").forEach((el) => el.classList.remove("rg-has-error", "rg-has-warning"));
    const list = document.getElementById("rg-findings");
    list.replaceChildren();
    review.problems.forEach((p, i) => {
      const target = nodeAt(p.path);
      const id = "rg-finding-" + i;
      const text = RG.t("severity." + p.severity) + " " + p.code + RG.t("ui.js.colon") + p.message;
      const msgs = target.classList.contains("rg-summary") ? null : ownMsgs(target);
      if (msgs) msgs.append(RG.el("p", {class: "rg-msg rg-" + p.severity, id, title: p.english}, text));
      target.classList.add("rg-has-" + p.severity);
      const link = RG.el("a", {href: "#" + id, class: "rg-" + p.severity}, labelOf(target, p.path) + "  " + text);
      link.addEventListener("click", (e) => { e.preventDefault(); focusNode(target); });
      list.append(RG.el("li", {class: "rg-" + p.severity}, link));
    });
    document.getElementById("rg-counts").textContent =
      counted(review.counts) + (review.problems.length ? RG.t("ui.js.colon") : RG.t("ui.js.passed"));
    showFigures(review.figures);
  }
  function labelOf(el, path) {  // the field's label, as the form prints it
    const own = el.querySelector(":scope > label .rg-label, :scope > legend, :scope > .rg-list-head .rg-label");
    const words = own ? own.textContent.replace("*", "").trim() : "";
    return words || path || RG.t("ui.js.whole-form");
  }
  function focusNode(el) {
    el.scrollIntoView({block: "center"});
    const input = el.querySelector(".rg-input");
    if (input) input.focus();
  }
  function showFigures(figures) {
    form.querySelectorAll(".rg-calc").forEach((c) => c.replaceChildren());
    const panel = document.getElementById("rg-figures");
    panel.replaceChildren(...figures.map((f) => RG.el("span", {class: "rg-figure", "data-figure": f.name},
      RG.el("span", {class: "rg-figure-label"}, f.label), RG.el("b", {}, f.value))));
    for (const f of figures) {
      const at = f.beside && form.querySelector('[data-path="' + CSS.escape(f.beside) + '"]');
      const slot = at && Array.from(at.querySelectorAll(".rg-calc")).find((c) => c.parentElement.closest("[data-node]") === at || c.closest(".rg-list-head"));
      if (slot) slot.append(RG.el("span", {class: "rg-figure", "data-figure": f.name}, f.label + "：", RG.el("b", {}, f.value)));
    }
  }

  // ---- talking to the server, debounced ----
  function payload() { return {file: state.file, form: state.form, data: data()}; }
  async function check() {
    const seq = ++state.checkSeq;
    const answer = await RG.post("/api/check", payload());
    if (seq !== state.checkSeq) return;  // an older answer after a newer edit: dropped
    if (answer.ok) showReview(answer.body); else RG.status(answer.body.error, "error");
  }
  async function preview() {
    const seq = ++state.previewSeq;
    const note = document.getElementById("rg-preview-state");
    note.textContent = RG.t("ui.js.updating");
    const answer = await RG.post("/api/preview", payload());
    if (seq !== state.previewSeq) return;
    if (answer.ok && answer.body.html) {
      const frame = document.getElementById("rg-preview");
      frame.onload = () => fit(frame);
      frame.srcdoc = answer.body.html;
      note.textContent = "";
    } else {
      note.textContent = answer.ok ? RG.t("ui.js.preview-paused") : answer.body.error;
    }
  }
  function fit(frame) {  // the A4 page scaled to the pane's width
    const doc = frame.contentDocument;
    if (!doc || !doc.documentElement) return;
    const wide = doc.documentElement.scrollWidth;
    if (wide > frame.clientWidth) doc.documentElement.style.zoom = String((frame.clientWidth - 8) / wide);
  }
  function changed() {
    state.dirty = true;
    clearTimeout(checkTimer); clearTimeout(previewTimer);
    checkTimer = setTimeout(check, CHECK_DELAY);
    previewTimer = setTimeout(preview, PREVIEW_DELAY);
  }

  async function save(mode, extra) {
    RG.status(RG.t(mode === "save" ? "ui.js.saving" : "ui.js.drafting"));
    const answer = await RG.post("/api/save", Object.assign(payload(), {version: state.version, mode}, extra || {}));
    const banner = document.getElementById("rg-banner");
    if (answer.status === 409) return conflict(mode);
    if (answer.status === 422 && answer.body.review) {
      showReview(answer.body.review);
      return RG.status(answer.body.error, "error");
    }
    if (!answer.ok) return RG.status(answer.body.error, "error");
    banner.hidden = true;
    if (answer.body.file !== state.file) {  // saved as a copy: go on editing the copy
      state.dirty = false;
      window.location = "/edit?file=" + encodeURIComponent(answer.body.file);
      return;
    }
    state.version = answer.body.version;
    state.dirty = false;
    showReview(answer.body.review);
    const c = answer.body.review.counts;
    RG.status(RG.t(mode === "save" ? "ui.js.saved" : "ui.js.drafted") + " (" + counted(c) + ") · "
      + new Date().toLocaleTimeString(document.documentElement.lang), c.error ? "warning" : "ok");
  }
  function conflict(mode) {
    const banner = document.getElementById("rg-banner");
    banner.replaceChildren(
      RG.el("p", {}, RG.t("ui.js.changed")),
      RG.el("button", {type: "button", id: "rg-save-copy", onclick: () => save(mode, {copy: true})}, RG.t("ui.js.save-copy")),
      RG.el("button", {type: "button", id: "rg-overwrite", onclick: () => save(mode, {force: true})}, RG.t("ui.js.overwrite")),
      RG.el("a", {href: window.location.href, class: "rg-button"}, RG.t("ui.js.reload")));
    banner.hidden = false;
    RG.status(RG.t("ui.js.not-saved"), "error");
  }

  // ---- rows: add, remove, move ----
  function rowAction(button) {
    const action = button.dataset.action;
    if (action === "add") {
      const list = button.closest("[data-node=list]");
      const template = Array.from(list.children).find((el) => el.tagName === "TEMPLATE");
      const row = template.content.firstElementChild.cloneNode(true);
      list.querySelector(".rg-rows").append(row);
      const input = row.querySelector(".rg-input");
      if (input) input.focus();
    } else {
      const row = button.closest("[data-node=row]");
      if (action === "remove") row.remove();
      else if (action === "up" && row.previousElementSibling) row.parentElement.insertBefore(row, row.previousElementSibling);
      else if (action === "down" && row.nextElementSibling) row.parentElement.insertBefore(row.nextElementSibling, row);
    }
    changed();
  }

  // ---- amounts: separators on leaving the field, digits only (never a float) ----
  function grouped(text) {
    const plain = text.replace(/[,，\s]/g, "");
    const m = /^(-?)(\d+)(?:\.(\d*))?$/.exec(plain);
    if (!m) return text;
    const whole = m[2].replace(/^0+(?=\d)/, "").replace(/\B(?=(\d{3})+(?!\d))/g, ",");
    const cents = ((m[3] || "") + "00").slice(0, Math.max(2, (m[3] || "").length));
    return m[1] + whole + "." + cents;
  }
  function grow(area) { area.style.height = "auto"; area.style.height = area.scrollHeight + 2 + "px"; }

  form.addEventListener("input", (e) => { if (e.target.tagName === "TEXTAREA") grow(e.target); changed(); });
  form.addEventListener("change", (e) => { if (e.target.type === "checkbox" || e.target.tagName === "SELECT") changed(); });
  form.addEventListener("focusout", (e) => {
    if (e.target.classList.contains("rg-number")) {
      const text = grouped(e.target.value);
      if (text !== e.target.value) e.target.value = text;
    }
  });
  form.addEventListener("click", (e) => {
    const button = e.target.closest("button[data-action]");
    if (button) { e.preventDefault(); rowAction(button); }
  });
  form.addEventListener("submit", (e) => e.preventDefault());
  document.querySelectorAll(".rg-download").forEach((a) => a.addEventListener("click", () => {
    if (state.dirty) RG.status(RG.t("ui.js.download-saved"), "warning");
  }));
  document.getElementById("rg-draft").addEventListener("click", () => save("draft"));
  document.getElementById("rg-save").addEventListener("click", () => save("save"));
  window.addEventListener("beforeunload", (e) => { if (state.dirty) { e.preventDefault(); e.returnValue = ""; } });

  form.querySelectorAll("textarea").forEach(grow);
  data();  // paths first, so the first review lands at its fields
  showReview(JSON.parse(document.getElementById("rg-review").textContent));
  preview();
  window.RGEditor = {data, state, check};
})();
