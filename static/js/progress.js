// Publishing renders every output (PDFs take seconds): while the form is being sent, the button
// says so and a status line tells screen readers, so nobody presses it twice or leaves.
"use strict";

for (const form of document.querySelectorAll("form[data-progress]")) {
  form.addEventListener("submit", () => {
    const button = form.querySelector("button[type=submit]");
    const status = form.querySelector("[data-progress-status]");
    if (button) {
      button.disabled = true;
      button.setAttribute("aria-busy", "true");
    }
    if (status) {
      status.hidden = false;
      status.textContent = status.dataset.progressStatus;
    }
  });
}
