// counterpoint web desk: the only script the pages load (the CSP allows nothing else).
// It just tells the user the add form is working, since analysis takes seconds.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("form.add-form").forEach(function (form) {
    form.addEventListener("submit", function () {
      var button = form.querySelector("button[type=submit]");
      if (!button) return;
      var label = button.getAttribute("data-busy-label");
      if (label) button.textContent = label;
      button.setAttribute("aria-busy", "true");
      form.classList.add("busy");
      window.setTimeout(function () { button.disabled = true; }, 0);
    });
  });
});
