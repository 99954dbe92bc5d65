// SafeCampus hazard pages (随手拍, the public QR report page, the hazard
// record's step forms). Every form works without this file; it adds:
// - thumbnails of the photos chosen with the camera input, before sending;
// - photos larger than the server keeps shrunk in the browser before they
//   are sent (the input's files are replaced; the original goes when the
//   browser cannot);
// - one submission per tap (the server also keeps one report per client id);
// - on the assign form, the responsible-person list narrowed to the
//   chosen unit.
(function () {
  "use strict";

  // shrink is photo_shrink.js's (loaded before this file); without it the
  // photo goes as taken.
  var shrink = window.SafeCampusShrink || function (file) { return Promise.resolve(file); };

  // shrinkInput replaces the input's files with their shrunk copies. The
  // form waits for it on submit (form._shrinking) so a quick tap does not
  // send the originals.
  function shrinkInput(input) {
    var form = input.form;
    var files = Array.prototype.slice.call(input.files || []);
    if (!files.length || !window.DataTransfer) { return; }
    var p = Promise.all(files.map(shrink)).then(function (out) {
      if (input.files.length !== files.length || input.files[0] !== files[0]) { return; } // chosen again meanwhile
      if (out.every(function (f, i) { return f === files[i]; })) { return; }
      try {
        var dt = new DataTransfer();
        out.forEach(function (f) { dt.items.add(f instanceof File ? f : new File([f], files[0].name)); });
        input.files = dt.files;
      } catch (e) { /* keep the originals */ }
    }).catch(function () { /* keep the originals; never block the submit */ });
    if (form) {
      form._shrinking = p;
      p.then(function () { if (form._shrinking === p) { form._shrinking = null; } });
    }
  }

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
    if (t && t.matches && t.matches("input[type=file][data-hz-camera]")) { previews(t); shrinkInput(t); }
    if (t && t.matches && t.matches("select[data-unit-select]")) { narrow(t.form); }
  });

  document.querySelectorAll("form[data-photo-form]").forEach(function (form) {
    var sending = false;
    form.addEventListener("submit", function (e) {
      if (sending) { e.preventDefault(); return; }
      if (form._shrinking) {
        // Send once the photos are shrunk, with the button that was tapped.
        e.preventDefault();
        var by = e.submitter;
        form._shrinking.then(function () {
          form._shrinking = null;
          if (form.requestSubmit) { form.requestSubmit(by || undefined); } else { form.submit(); }
        });
        return;
      }
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
