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

// After a failed save the error summary takes the focus: it says what went wrong and links to
// each field, so nobody has to scroll through the page to find out.
const summary = document.querySelector("[data-error-summary]");
if (summary) {
  summary.focus();
}

// Leaving a page with unsaved edits asks first; saving (any submit) is not leaving.
let unsaved = false;
for (const form of document.querySelectorAll("form[data-unsaved-guard]")) {
  form.addEventListener("input", () => {
    unsaved = true;
  });
  form.addEventListener("change", () => {
    unsaved = true;
  });
  form.addEventListener("submit", () => {
    unsaved = false;
  });
}
window.addEventListener("beforeunload", (event) => {
  if (unsaved) {
    event.preventDefault();
    event.returnValue = "";
  }
});

// Questions that apply only to some answers: a field marked data-show-when="basis" is shown
// only while its row's basis is one of data-show-value (several fields: any one of them; a
// checkbox's value is "on" while it is ticked); a transfer's country is not asked when the
// chosen recipient brings one. Without this script every question stays on the page.
function applyConditions(row) {
  for (const field of row.querySelectorAll("[data-show-when]")) {
    const values = field.dataset.showValue.split(" ");
    const inputs = field.dataset.showWhen
      .split(" ")
      .map((name) => row.querySelector('[name$="-' + name + '"]'))
      .filter(Boolean);
    const value = (input) => (input.type === "checkbox" ? (input.checked ? "on" : "") : input.value);
    field.hidden = inputs.length > 0 && !inputs.some((input) => values.includes(value(input)));
  }
  const recipient = row.querySelector("select[data-countries]");
  const country = row.querySelector("[data-recipient-country]");
  if (recipient && country) {
    const code = JSON.parse(recipient.dataset.countries)[recipient.value];
    const input = country.querySelector("select");
    if (code && input) {
      input.value = code;
    }
    country.hidden = Boolean(code);
  }
}

function applyAllConditions() {
  for (const row of document.querySelectorAll("[data-row]")) {
    applyConditions(row);
  }
}

document.addEventListener("change", (event) => {
  const row = event.target.closest && event.target.closest("[data-row]");
  if (row) {
    applyConditions(row);
  }
});
document.addEventListener("click", (event) => {
  if (event.target.closest("[data-add-row]")) {
    applyAllConditions();
  }
});
applyAllConditions();
