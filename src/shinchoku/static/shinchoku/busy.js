// Long imports: say that the file is being read, and keep the button from being pressed twice.
(function () {
  "use strict";
  document.querySelectorAll("form[data-busy-text]").forEach(function (form) {
    form.addEventListener("submit", function () {
      var note = form.querySelector(".busy");
      if (note) { note.textContent = form.dataset.busyText; }
      form.querySelectorAll("button[type=submit]").forEach(function (b) { b.disabled = true; });
    });
  });
})();
