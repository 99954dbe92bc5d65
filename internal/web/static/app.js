// SafeCampus: small progressive enhancements. Every page works without it.
// Loaded as a file (the CSP allows no inline script).
(function () {
  "use strict";
  // A select marked data-autosubmit submits its form when changed.
  document.addEventListener("change", function (e) {
    var t = e.target;
    if (t && t.matches && t.matches("select[data-autosubmit]") && t.form) {
      t.form.submit();
    }
  });
  // Buttons marked data-confirm ask before submitting (deactivations).
  document.addEventListener("click", function (e) {
    var t = e.target.closest ? e.target.closest("[data-confirm]") : null;
    if (t && !window.confirm(t.getAttribute("data-confirm"))) {
      e.preventDefault();
    }
  });
  // The desktop layout shows the menu open; a <details> needs the attribute.
  if (window.matchMedia && window.matchMedia("(min-width: 720px)").matches) {
    var m = document.querySelector("details.menu");
    if (m) { m.open = true; }
  }
})();
