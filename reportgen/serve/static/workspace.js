// reportgen workbench: the workspace page. New filings, filings from a target form, uploads of
// edited files with the diff to accept or reject.
"use strict";
(function () {
  async function create(event, withTarget) {
    event.preventDefault();
    const f = event.target;
    const body = {form: f.form.value, name: f.name.value};
    if (withTarget) body.target = f.target.value;
    const answer = await RG.post("/api/new", body);
    if (answer.ok) window.location = answer.body.url;
    else RG.status(answer.body.error, "error");
  }
  document.getElementById("rg-new").addEventListener("submit", (e) => create(e, false));
  document.getElementById("rg-from-target").addEventListener("submit", (e) => create(e, true));

  document.getElementById("rg-upload").addEventListener("submit", async (event) => {
    event.preventDefault();
    const file = event.target.file.files[0];
    if (!file) return RG.status(RG.t("ui.js.choose-file"), "error");
    if (file.size > 20 * 1024 * 1024) return RG.status(RG.t("ui.js.too-large"), "error");
    RG.status(RG.t("ui.js.reading", {name: file.name}));
    const answer = await RG.post("/api/upload", await file.arrayBuffer(), {"X-File-Name": encodeURIComponent(file.name)});
    if (!answer.ok) return RG.status(answer.body.error, "error");
    RG.status("");
    showDiff(answer.body);
  });

  function showDiff(upload) {
    const panel = document.getElementById("rg-diff");
    panel.replaceChildren(RG.el("h2", {}, RG.t("ui.js.changes")));
    upload.forms.forEach((form, index) => panel.append(formDiff(upload.id, form, index)));
    panel.hidden = false;
    panel.scrollIntoView();
  }

  function formDiff(id, form, index) {
    const box = RG.el("div", {class: "rg-card rg-import", "data-index": String(index)},
      RG.el("h3", {}, (form.name || form.form) + " → " + form.target));
    for (const p of form.problems) box.append(RG.el("p", {class: "rg-msg rg-" + p.severity}, p.code + "：" + p.message));
    if (!form.changes.length) box.append(RG.el("p", {}, RG.t("ui.js.no-changes")));
    const table = RG.el("table", {class: "rg-changes"},
      RG.el("thead", {}, RG.el("tr", {}, RG.el("th", {}, RG.t("ui.js.accept")), RG.el("th", {}, RG.t("ui.js.field")), RG.el("th", {}, RG.t("ui.js.old")), RG.el("th", {}, RG.t("ui.js.new")))));
    const body = RG.el("tbody");
    form.changes.forEach((c, n) => {
      const tick = RG.el("input", {type: "checkbox", value: String(n), checked: ""});
      if (form.structural || form.new) tick.addEventListener("change", () => body.querySelectorAll("input").forEach((t) => { t.checked = tick.checked; }));
      body.append(RG.el("tr", {}, RG.el("td", {}, tick), RG.el("td", {}, (c.label ? c.label + " " : "") + c.path),
        RG.el("td", {class: "rg-old"}, c.old === null ? RG.t("ui.js.no-row") : c.old), RG.el("td", {class: "rg-new"}, c.new === null ? RG.t("ui.js.deleted") : c.new)));
    });
    table.append(body);
    if (form.changes.length) box.append(table);
    if (form.structural) box.append(RG.el("p", {class: "rg-hint"}, RG.t("ui.js.structural")));
    if (form.new) box.append(RG.el("p", {class: "rg-hint"}, RG.t("ui.js.new-file", {target: form.target})));
    const button = RG.el("button", {type: "button", class: "rg-primary rg-accept"}, RG.t("ui.js.accept-write", {target: form.target}));
    button.disabled = form.failed;
    button.addEventListener("click", async () => {
      const accept = Array.from(body.querySelectorAll("input:checked")).map((t) => Number(t.value));
      const answer = await RG.post("/api/accept", {id, index, accept});
      if (answer.ok) window.location = answer.body.url;
      else RG.status(answer.body.error, "error");
    });
    box.append(button);
    return box;
  }
})();
