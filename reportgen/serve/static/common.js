// reportgen workbench: what every page shares. Requests that change anything carry the page's
// CSRF token in a header (the server refuses them otherwise).
"use strict";
const RG = {
  csrf: document.querySelector('meta[name="csrf"]').content,
  texts: JSON.parse(document.getElementById("rg-texts").textContent),
  // The catalogue's text under key, in the language the server was started with; {name} filled from fields.
  t(key, fields) {
    return (RG.texts[key] || key).replace(/\{(\w+)\}/g, (whole, name) => (fields && name in fields ? String(fields[name]) : whole));
  },
  async post(url, data, headers) {
    const raw = data instanceof Blob || data instanceof ArrayBuffer;
    const response = await fetch(url, {
      method: "POST", credentials: "same-origin",
      headers: Object.assign({"X-CSRF-Token": RG.csrf, "Content-Type": raw ? "application/octet-stream" : "application/json"}, headers || {}),
      body: raw ? data : JSON.stringify(data),
    });
    let body = null;
    try { body = await response.json(); } catch (e) { body = {error: RG.t("ui.js.unreadable-answer")}; }
    return {status: response.status, ok: response.ok, body};
  },
  status(text, kind) {
    const el = document.getElementById("rg-status");
    if (!el) return;
    el.textContent = text;
    el.className = "rg-status" + (kind ? " rg-" + kind : "");
  },
  el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === "class") node.className = v; else if (k.startsWith("on")) node.addEventListener(k.slice(2), v); else node.setAttribute(k, v);
    }
    for (const child of children) node.append(child);  // text stays text: append never parses HTML
    return node;
  },
};
