// Labels the admin's own widgets that Django leaves without one (WCAG 1.3.1, 4.1.2):
// the boxes of editable list columns and tabular inlines, the date and time boxes, and the
// filter icons of two-box selectors (an aria-label needs a role), and the empty
// headers of tabular inlines.
"use strict";

function columnLabels(table) {
  return [...table.querySelectorAll("thead th")].map((th) => th.textContent.trim());
}

// A field in a table (an editable list column, a row of a tabular inline) is
// named by its column header and its row.
function labelTableFields(table) {
  const headers = columnLabels(table);
  table.querySelectorAll("tbody tr").forEach((row, rowIndex) => {
    const heading = row.querySelector("th");
    const rowName = heading ? heading.textContent.trim() : `${gettextOr("Row")} ${rowIndex + 1}`;
    [...row.cells].forEach((cell, index) => {
      cell.querySelectorAll("input:not([type=hidden]), select, textarea").forEach((field) => {
        if (field.labels.length || field.getAttribute("aria-label")) return;
        field.setAttribute("aria-label", `${headers[index] || ""}: ${rowName}`.trim());
      });
    });
  });
}

function labelDateAndTimeBoxes() {
  document.querySelectorAll("p.datetime").forEach((paragraph) => {
    const row = paragraph.closest(".form-row, .fieldBox, td") || paragraph.parentElement;
    const legend = row.querySelector("label, legend");
    const field = legend ? legend.textContent.replace(/:$/, "").trim() : "";
    paragraph.querySelectorAll("input").forEach((input) => {
      const part = input.classList.contains("vTimeField") ? gettextOr("Time") : gettextOr("Date");
      if (!input.labels.length) input.setAttribute("aria-label", field ? `${field}: ${part}` : part);
    });
  });
}

// Tabular inlines (the audit trail among them) leave the first header, over each
// row's own name, and the delete header (when rows cannot be deleted) empty.
function nameEmptyHeaders(table) {
  table.querySelectorAll("thead th").forEach((th) => {
    if (th.textContent.trim()) return;
    const hidden = document.createElement("span");
    hidden.className = "a11y-visually-hidden";
    hidden.textContent = th.classList.contains("original") ? gettextOr("Entry") : gettextOr("Delete");
    th.appendChild(hidden);
  });
}

function gettextOr(text) {
  return typeof window.gettext === "function" ? window.gettext(text) : text;
}

function giveFilterIconsARole(root) {
  root.querySelectorAll(".search-label-icon[aria-label]").forEach((icon) => icon.setAttribute("role", "img"));
}

document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("#result_list, .inline-group .tabular table").forEach(labelTableFields);
  document.querySelectorAll(".inline-group .tabular table").forEach(nameEmptyHeaders);
  labelDateAndTimeBoxes();
  giveFilterIconsARole(document);
  // The two-box selector is built by Django's script on load: fix its icons as they appear.
  new MutationObserver(() => giveFilterIconsARole(document)).observe(document.body, { childList: true, subtree: true });
});
