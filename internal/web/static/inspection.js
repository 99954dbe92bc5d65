// SafeCampus inspection form: keeps a half-filled form alive on a phone.
// - every change is saved on the device (localStorage, keyed by the form's
//   client id) and restored after a reload;
// - a server draft is saved every 20 s while the form changes and when the
//   phone comes back online;
// - photos are uploaded as soon as they are taken and shown as thumbnails
//   (the drawn signature is signature.js's; its photo id is a form field),
//   shrunk in the browser first when larger than the server keeps;
// - a second tap on "submit" is ignored (the server also stores a client
//   id only once).
// Without this file the form still works: it posts answers and photos.
(function () {
  "use strict";
  var PREFIX = "safecampus.inspection.";

  // shrink is photo_shrink.js's (loaded before this file); without it the
  // photo goes as taken.
  var shrink = window.SafeCampusShrink || function (file) { return Promise.resolve(file); };

  // The record page of a submitted form: forget the copy on the device.
  var done = document.querySelector("[data-submitted-client-id]");
  if (done) {
    try {
      localStorage.removeItem(PREFIX + done.getAttribute("data-submitted-client-id"));
      localStorage.removeItem(PREFIX + done.getAttribute("data-submitted-client-id") + ".signature"); // signature.js's drawing
    } catch (e) { /* storage off */ }
  }

  var form = document.getElementById("inspection-form");
  if (!form) { return; }
  var cid = form.getAttribute("data-client-id");
  var key = PREFIX + cid;
  var csrf = form.getAttribute("data-csrf");
  var banner = form.querySelector("[data-offline]");
  var status = form.querySelector("[data-draft-status]");
  var dirty = false;
  var submitting = false;

  function questions() { return form.querySelectorAll("fieldset[data-q]"); }
  function field(name) { return form.elements.namedItem(name); }
  function num(v) { var n = parseInt(v, 10); return isNaN(n) ? 0 : n; }

  // state reads the form into the shape of the server draft.
  function state() {
    var s = {
      client_id: cid, kind: field("kind") ? field("kind").value : "",
      place_id: num(field("place_id").value), unit_id: num(field("unit_id").value),
      due_id: num(field("due_id").value), item_set_id: num(field("item_set_id").value),
      answers: [], co_inspectors: [], note: field("note").value, signature: field("signature").value,
      signature_photo_id: field("signature_photo_id") ? num(field("signature_photo_id").value) : 0
    };
    questions().forEach(function (fs) {
      var code = fs.getAttribute("data-q");
      var checked = fs.querySelector("input[type=radio]:checked");
      var note = fs.querySelector("input[name='n_" + code + "']");
      var a = { q: code, r: checked ? checked.value : "", n: note ? note.value : "", p: [] };
      fs.querySelectorAll("input[name='p_" + code + "']").forEach(function (h) { a.p.push(num(h.value)); });
      s.answers.push(a);
    });
    var co = field("co_inspectors");
    if (co) {
      for (var i = 0; i < co.options.length; i++) {
        if (co.options[i].selected) { s.co_inspectors.push(num(co.options[i].value)); }
      }
    }
    return s;
  }

  function saveLocal() {
    try { localStorage.setItem(key, JSON.stringify({ saved: Date.now(), form: state() })); } catch (e) { /* full or off */ }
  }

  function addThumb(fs, id, url) {
    var code = fs.getAttribute("data-q");
    var box = fs.querySelector("[data-thumbs]");
    if (box.querySelector("input[value='" + id + "']")) { return; }
    var span = document.createElement("span");
    span.className = "thumb";
    var img = document.createElement("img");
    img.src = url;
    img.alt = "照片";
    var h = document.createElement("input");
    h.type = "hidden";
    h.name = "p_" + code;
    h.value = String(id);
    span.appendChild(img);
    span.appendChild(h);
    box.appendChild(span);
  }

  // restore puts back what the device saved for this form.
  function restore() {
    var saved;
    try { saved = JSON.parse(localStorage.getItem(key) || "null"); } catch (e) { saved = null; }
    if (!saved || !saved.form) { return; }
    var s = saved.form;
    if (s.kind && field("kind")) { field("kind").value = s.kind; }
    field("note").value = s.note || "";
    field("signature").value = s.signature || field("signature").value;
    var byCode = {};
    (s.answers || []).forEach(function (a) { byCode[a.q] = a; });
    questions().forEach(function (fs) {
      var a = byCode[fs.getAttribute("data-q")];
      if (!a) { return; }
      fs.querySelectorAll("input[type=radio]").forEach(function (r) { r.checked = r.value === a.r; });
      var note = fs.querySelector("input[name='n_" + a.q + "']");
      if (note) { note.value = a.n || ""; }
      (a.p || []).forEach(function (id) { addThumb(fs, id, "/photos/" + id); });
    });
    var co = field("co_inspectors");
    if (co && s.co_inspectors) {
      for (var i = 0; i < co.options.length; i++) {
        co.options[i].selected = s.co_inspectors.indexOf(num(co.options[i].value)) >= 0;
      }
    }
    dirty = true; // the server draft may be older than the device's copy
    say("已恢复本机保存的填写内容");
  }

  function say(msg) { if (status) { status.textContent = msg; } }

  function showOffline() { if (banner) { banner.hidden = navigator.onLine; } }

  function saveDraft() {
    if (!dirty || submitting || !navigator.onLine) { return; }
    dirty = false;
    fetch(form.getAttribute("data-draft-url"), {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf },
      body: JSON.stringify(state())
    }).then(function (res) {
      if (!res.ok) { dirty = true; return; }
      var t = new Date();
      say("草稿已保存 " + t.getHours() + ":" + ("0" + t.getMinutes()).slice(-2));
    }).catch(function () { dirty = true; showOffline(); });
  }

  function upload(input) {
    var fs = input.closest("fieldset[data-q]");
    var files = Array.prototype.slice.call(input.files || []);
    if (!files.length) { return; }
    say("正在上传照片…");
    var pending = files.map(function (original) {
      return shrink(original).then(function (file) { return send(file); });
    });
    function send(file) {
      var body = new FormData();
      body.append("file", file, file.name || "photo.jpg");
      body.append("csrf_token", csrf);
      return fetch(form.getAttribute("data-photo-url"), {
        method: "POST", credentials: "same-origin", headers: { "X-CSRF-Token": csrf }, body: body
      }).then(function (res) {
        return res.json().catch(function () { return { error: "照片上传失败（" + res.status + "）" }; }).then(function (j) {
          if (!res.ok) { throw new Error(j.error || "照片上传失败"); }
          addThumb(fs, j.id, j.url);
        });
      });
    }
    Promise.all(pending).then(function () {
      input.value = ""; // uploaded: the form must not send the file again
      dirty = true;
      saveLocal();
      say("照片已上传");
    }).catch(function (err) {
      // Left in the input, the photo still goes with a normal submission.
      say(navigator.onLine ? err.message : "离线，照片将在提交时上传");
      showOffline();
    });
  }

  restore();
  showOffline();
  form.addEventListener("change", function (e) {
    if (e.target.matches && e.target.matches("input[type=file][data-camera]")) { upload(e.target); return; }
    dirty = true;
    saveLocal();
  });
  form.addEventListener("input", function () { dirty = true; saveLocal(); });
  form.addEventListener("submit", function (e) {
    if (submitting) { e.preventDefault(); return; }
    if (!navigator.onLine) {
      e.preventDefault();
      saveLocal();
      showOffline();
      say("离线，已在本机保存；联网后再提交");
      return;
    }
    submitting = true;
    saveLocal();
    var btn = form.querySelector("[data-submit]");
    if (btn) { setTimeout(function () { btn.disabled = true; btn.textContent = "正在提交…"; }, 0); }
  });
  window.addEventListener("offline", showOffline);
  window.addEventListener("online", function () { showOffline(); dirty = true; saveDraft(); });
  window.addEventListener("pageshow", function (e) {
    // Back from a failed submission: let the form be sent again.
    if (e.persisted) { submitting = false; var b = form.querySelector("[data-submit]"); if (b) { b.disabled = false; } }
  });
  setInterval(saveDraft, 20000);
})();
