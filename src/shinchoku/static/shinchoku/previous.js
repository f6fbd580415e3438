// 「前年度の内容をコピー」: put the previous year's 取組内容 and 実績 into this year's fields, asking
// first if something was typed there already. The previous year's text stays beside each field.
(function () {
  "use strict";
  var bar = document.getElementById("copy-previous");
  if (!bar) { return; }
  var button = bar.querySelector("button[data-copy-previous]");
  var status = document.getElementById("autosave-status");
  var sources = document.querySelectorAll(".previous-text[data-copy-into]");
  bar.hidden = false;
  button.addEventListener("click", function () {
    var targets = [];
    sources.forEach(function (source) {
      var field = document.getElementById(source.dataset.copyInto);
      if (field && source.textContent.trim()) { targets.push([field, source.textContent]); }
    });
    var typed = targets.some(function (pair) { return pair[0].value.trim() !== ""; });
    if (typed && !window.confirm(button.dataset.confirmText)) { return; }
    targets.forEach(function (pair) {
      pair[0].value = pair[1];
      pair[0].dispatchEvent(new Event("input", { bubbles: true }));  // the autosave notices it
    });
    if (status) { status.textContent = button.dataset.doneText; }
    if (targets.length) { targets[0][0].focus(); }
  });
})();
