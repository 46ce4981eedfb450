// Referral form: offer only the grids and handlers of the chosen department (and grid).
// The referral service refuses anyone else; this only keeps the lists short.
(function () {
  "use strict";

  function field(name) {
    return document.querySelector('select[data-referral="' + name + '"]');
  }

  function filterOptions(select, fits) {
    if (!select) return;
    Array.prototype.forEach.call(select.options, function (option) {
      if (!option.value) return;
      var shown = fits(option);
      option.hidden = !shown;
      option.disabled = !shown;
      if (!shown && option.selected) select.value = "";
    });
  }

  function update() {
    var department = field("department");
    var grid = field("grid");
    var handler = field("handler");
    if (!department) return;
    var departmentId = department.value;
    filterOptions(grid, function (option) {
      return departmentId !== "" && option.dataset.department === departmentId;
    });
    var gridId = grid ? grid.value : "";
    filterOptions(handler, function (option) {
      if (departmentId === "" || option.dataset.department !== departmentId) return false;
      return gridId === "" || option.dataset.grid === "" || option.dataset.grid === gridId;
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    ["department", "grid"].forEach(function (name) {
      var select = field(name);
      if (select) select.addEventListener("change", update);
    });
    update();
  });
})();
