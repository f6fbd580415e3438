// Progressive enhancement of the entry form: ask the server which grade the typed
// indicator figures suggest (the same domain rules as on save). Without JavaScript the
// suggestion is computed when the form is saved.
(function () {
  "use strict";
  var output = document.getElementById("suggested-grade");
  if (!output || !window.fetch) { return; }
  var form = output.closest("form");
  var timer = null;
  // Answers can come back out of order on a busy server: only the newest question's
  // answer is shown, so a slow answer to older figures never overwrites a newer one.
  var asked = 0;
  function refresh() {
    var question = ++asked;
    var params = new URLSearchParams();
    form.querySelectorAll("tr.indicator-row").forEach(function (row, i) {
      ["target", "actual", "direction", "baseline"].forEach(function (name) {
        var input = row.querySelector("[name$='-" + name + "']");
        if (input) { params.append("ind-" + i + "-" + name, input.value); }
      });
    });
    fetch(output.dataset.url + "?" + params.toString(), { headers: { "Accept": "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        if (!data || question !== asked) { return; }
        output.textContent = data.grade ? data.grade + "（" + data.meaning + "）" : "―";
        var problems = document.getElementById("suggestion-problems");
        if (problems) { problems.textContent = (data.problems || []).join(" "); }
      })
      .catch(function () { /* keep the last suggestion; saving still computes it */ });
  }
  form.addEventListener("input", function (event) {
    if (!event.target.closest("tr.indicator-row")) { return; }
    clearTimeout(timer);
    timer = setTimeout(refresh, 300);
  });
})();
