// Starts Wagtail's date and time pickers without inline scripts (Content-Security-Policy): the
// portal's widget templates leave a marker that names the input, the picker and its options.
(function () {
  "use strict";
  function start(marker) {
    if (marker.dataset.portalStarted) { return; }
    var init = window[marker.dataset.portalChooser];
    if (typeof init !== "function") { return; }
    marker.dataset.portalStarted = "1";
    init(marker.dataset.target, JSON.parse(marker.dataset.config || "{}"));
  }
  function scan(root) {
    if (root.matches && root.matches("[data-portal-chooser]")) { start(root); }
    if (root.querySelectorAll) { root.querySelectorAll("[data-portal-chooser]").forEach(start); }
  }
  document.addEventListener("DOMContentLoaded", function () {
    scan(document);
    new MutationObserver(function (changes) {
      changes.forEach(function (change) { change.addedNodes.forEach(scan); });
    }).observe(document.body, { childList: true, subtree: true });
  });
})();
