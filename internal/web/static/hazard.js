// SafeCampus hazard pages (随手拍, the public QR report page, the hazard
// record's step forms). Every form works without this file; it adds:
// - thumbnails of the photos chosen with the camera input, before sending;
// - one submission per tap (the server also keeps one report per client id);
// - on the assign form, the responsible-person list narrowed to the
//   chosen unit.
(function () {
  "use strict";

  function previews(input) {
    var form = input.form;
    var box = form && form.querySelector("[data-previews]");
    if (!box) { return; }
    box.querySelectorAll(".thumb.new").forEach(function (t) { t.remove(); });
    Array.prototype.forEach.call(input.files || [], function (file) {
      if (!/^image\//.test(file.type)) { return; }
      var span = document.createElement("span");
      span.className = "thumb new";
      var img = document.createElement("img");
      img.alt = "照片";
      img.src = URL.createObjectURL(file);
      img.onload = function () { URL.revokeObjectURL(img.src); };
      span.appendChild(img);
      box.appendChild(span);
    });
  }

  document.addEventListener("change", function (e) {
    var t = e.target;
    if (t && t.matches && t.matches("input[type=file][data-hz-camera]")) { previews(t); }
    if (t && t.matches && t.matches("select[data-unit-select]")) { narrow(t.form); }
  });

  document.querySelectorAll("form[data-photo-form]").forEach(function (form) {
    var sending = false;
    form.addEventListener("submit", function (e) {
      if (sending) { e.preventDefault(); return; }
      sending = true;
      var btn = form.querySelector("[data-submit]");
      if (btn) { setTimeout(function () { btn.disabled = true; btn.textContent = "正在提交…"; }, 0); }
    });
    window.addEventListener("pageshow", function (e) {
      if (e.persisted) {
        sending = false;
        var b = form.querySelector("[data-submit]");
        if (b) { b.disabled = false; }
      }
    });
  });

  // narrow shows only the people of the chosen unit (everyone when no
  // unit is chosen) and clears a choice that no longer fits.
  function narrow(form) {
    if (!form) { return; }
    var unit = form.querySelector("select[data-unit-select]");
    var person = form.querySelector("select[data-person-select]");
    if (!unit || !person) { return; }
    var u = unit.value;
    Array.prototype.forEach.call(person.options, function (o) {
      if (!o.value) { return; }
      var fits = !u || (" " + (o.getAttribute("data-units") || "") + " ").indexOf(" " + u + " ") >= 0;
      o.hidden = !fits;
      o.disabled = !fits;
      if (!fits && o.selected) { person.value = ""; }
    });
  }
  document.querySelectorAll("form[data-assign]").forEach(narrow);
})();
