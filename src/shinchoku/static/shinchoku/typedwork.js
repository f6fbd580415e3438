// Typed work is never lost: while someone types in the entry form, the session is kept alive
// (a heartbeat, only if they typed since the last one, well inside the 30-minute idle limit) and
// the draft is saved on the server about every 30 seconds through the same save as the button,
// with the page's version: a conflict never overwrites another person's save. Without
// JavaScript nothing changes: a save after the session ended is kept and restored at login.
(function () {
  "use strict";
  // After a refused save, start at the summary of what to correct (it links to each field).
  var summary = document.querySelector(".error-summary");
  if (summary) { summary.focus(); }
  var form = document.querySelector("form[data-autosave]");
  if (!form || !window.fetch || !window.FormData) { return; }
  var status = document.getElementById("autosave-status");
  var version = form.querySelector("input[name=version]");
  var token = form.querySelector("input[name=csrfmiddlewaretoken]");
  var AUTOSAVE_MS = 30 * 1000;
  var HEARTBEAT_MS = 5 * 60 * 1000;  // the idle limit is 30 minutes and slides at most once a minute
  var typedSinceBeat = false;
  var typedSinceSave = false;
  var saveTimer = null;
  var stopped = false;  // after a conflict or the end of the session: only the buttons save
  var inFlight = null;  // the autosave being sent, which the buttons wait for

  function say(text, urgent) {
    if (!status) { return; }
    status.textContent = text;
    status.classList.toggle("error", !!urgent);
  }

  function post(url, body) {
    // "manual": a session that ended answers with a redirect to the login, not a login page.
    return fetch(url, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      redirect: "manual",
      headers: { "Accept": "application/json", "X-Requested-With": "fetch" }
    });
  }

  // The 実績 text and the indicators' figures, compared at each autosave: pointed out, not refused.
  function showMismatches(items) {
    var box = document.getElementById("result-mismatches");
    if (!box) { return; }
    box.textContent = "";
    if (!items.length) { return; }
    var notice = document.createElement("div");
    notice.className = "notice";
    var lead = document.createElement("p");
    lead.textContent = form.dataset.mismatchText;
    var list = document.createElement("ul");
    items.forEach(function (text) {
      var li = document.createElement("li");
      li.textContent = text;
      list.appendChild(li);
    });
    notice.appendChild(lead);
    notice.appendChild(list);
    box.appendChild(notice);
  }

  function sessionEnded() {
    stopped = true;
    say(form.dataset.sessionEndedText, true);
  }

  function autosave() {
    saveTimer = null;
    if (stopped || !typedSinceSave) { return; }
    typedSinceSave = false;
    var body = new FormData(form);
    body.append("autosave", "1");
    inFlight = post(form.action || window.location.href, body)
      .then(function (response) {
        if (response.type === "opaqueredirect" || response.status === 0) { sessionEnded(); return null; }
        return response.json().then(function (data) { return { status: response.status, data: data }; });
      })
      .then(function (result) {
        if (!result) { return; }
        if (result.data.saved) {
          version.value = result.data.version;
          say(result.data.message, false);
          showMismatches(result.data.mismatches || []);
        } else {
          if (result.status === 409) { stopped = true; }
          say(result.data.message, true);
        }
      })
      .catch(function () { typedSinceSave = true; /* the network failed: try again after more typing */ })
      .then(function () { inFlight = null; });
  }

  function beat() {
    if (stopped || !typedSinceBeat) { return; }
    typedSinceBeat = false;
    var body = new FormData();
    body.append("csrfmiddlewaretoken", token.value);
    post(form.dataset.heartbeatUrl, body)
      .then(function (response) {
        if (response.type === "opaqueredirect" || response.status === 0) { sessionEnded(); }
      })
      .catch(function () { typedSinceBeat = true; });
  }

  function typed() {
    typedSinceBeat = true;
    typedSinceSave = true;
    if (!stopped && saveTimer === null) { saveTimer = setTimeout(autosave, AUTOSAVE_MS); }
  }

  form.addEventListener("input", typed);
  form.addEventListener("change", typed);
  form.addEventListener("submit", function (event) {
    clearTimeout(saveTimer);
    if (inFlight) {
      // Let the autosave finish first: it changes the version the button's save must carry.
      event.preventDefault();
      var submitter = event.submitter;
      inFlight.then(function () { form.requestSubmit(submitter); });
      return;
    }
    stopped = true;  // the button's save takes over
  });
  setInterval(beat, HEARTBEAT_MS);
})();
