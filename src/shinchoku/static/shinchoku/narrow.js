// 「絞り込み」: the directory's filters are folded on a phone, so that the first screen shows the
// search box and the first result; on a wider screen there is room, so they start unfolded.
// Without script they stay folded (and open when a filter is in use): still one click away.
(function () {
  "use strict";
  var panel = document.getElementById("narrow");
  if (panel && window.matchMedia("(min-width: 40rem)").matches) { panel.open = true; }
})();
