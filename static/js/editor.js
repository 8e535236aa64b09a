// The register editor: add and remove formset rows in place. Without this script the
// "Add a row" button submits the page and the server adds the row, so nothing depends on it.
"use strict";

function addRow(prefix) {
  const template = document.getElementById(prefix + "-template");
  const total = document.getElementById("id_" + prefix + "-TOTAL_FORMS");
  const rows = document.querySelector('[data-formset="' + prefix + '"]');
  if (!template || !total || !rows) {
    return false;
  }
  const index = Number(total.value);
  rows.insertAdjacentHTML("beforeend", template.innerHTML.replaceAll("__prefix__", String(index)));
  total.value = String(index + 1);
  const empty = rows.querySelector("[data-no-rows]");
  if (empty) {
    empty.remove();
  }
  const row = rows.lastElementChild;
  const first = row && row.querySelector("input:not([type=hidden]), select, textarea");
  if (first) {
    first.focus();
  }
  return true;
}

document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-add-row]");
  if (button && addRow(button.dataset.addRow)) {
    event.preventDefault();
  }
});

// A row marked for removal folds away but stays in the form until the page is saved.
document.addEventListener("change", (event) => {
  const box = event.target;
  if (box.matches && box.matches('input[type="checkbox"][name$="-DELETE"]')) {
    box.closest("[data-row]").classList.toggle("row-removed", box.checked);
  }
});
