// Print buttons without inline handlers (Content-Security-Policy): <button data-print>.
document.addEventListener("click", function (event) {
  "use strict";
  if (event.target.closest && event.target.closest("[data-print]")) { window.print(); }
});
