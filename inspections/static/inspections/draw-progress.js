// Polls a running draw's progress and reloads the page when it is over.
(function () {
  "use strict";
  var bar = document.getElementById("draw-progress");
  if (!bar) { return; }
  function poll() {
    fetch(bar.dataset.url).then(function (r) { return r.json(); }).then(function (data) {
      bar.value = data.progress;
      document.getElementById("draw-percent").textContent = data.progress + "%";
      if (data.state === "approved" || data.state === "drawing") { setTimeout(poll, 3000); } else { location.reload(); }
    });
  }
  setTimeout(poll, 3000);
})();
