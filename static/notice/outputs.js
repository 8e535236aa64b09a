/* Copy buttons of the outputs page: <button data-copy="input id">. */
document.addEventListener("click", function (event) {
  var button = event.target.closest("[data-copy]");
  if (!button) {
    return;
  }
  var input = document.getElementById(button.getAttribute("data-copy"));
  if (!input) {
    return;
  }
  input.select();
  if (navigator.clipboard) {
    navigator.clipboard.writeText(input.value);
  } else {
    document.execCommand("copy");
  }
  button.setAttribute("aria-live", "polite");
  button.dataset.label = button.dataset.label || button.textContent;
  button.textContent = "✓ " + button.dataset.label;
});
