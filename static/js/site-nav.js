/* Phone menu for the main navigation. Without this script the whole list simply stays visible. */
(function () {
  "use strict";

  function setUp(nav) {
    var button = nav.querySelector(".nav-toggle");
    var list = document.getElementById(button ? button.getAttribute("aria-controls") : "");
    if (!button || !list) return;
    // The stylesheet shows the button and folds the list only on narrow screens, and only once
    // this class says the button works.
    nav.classList.add("has-toggle");
    button.hidden = false;

    function setOpen(open) {
      button.setAttribute("aria-expanded", open ? "true" : "false");
    }
    button.addEventListener("click", function () {
      setOpen(button.getAttribute("aria-expanded") !== "true");
    });
    nav.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && button.getAttribute("aria-expanded") === "true") {
        setOpen(false);
        button.focus();
      }
    });
  }

  function onReady(fn) {
    if (document.readyState !== "loading") fn(); else document.addEventListener("DOMContentLoaded", fn);
  }

  onReady(function () {
    document.querySelectorAll("[data-nav-menu]").forEach(setUp);
  });
})();
