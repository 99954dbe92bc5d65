// SafeCampus signature pad for the inspection form (issue 3 §4).
// - draws with pointer events (finger, pen or mouse) on a white canvas;
// - a moment after the last stroke the drawing is uploaded as a PNG through
//   the form's photo upload (the server sniffs and re-encodes it like any
//   photo) and its id goes into the hidden "signature_photo_id" field, which
//   inspection.js keeps in the device copy and the server draft;
// - the drawing itself (a data URL) is kept on the device too, so a reload
//   or a lost connection keeps it even before it was uploaded;
// - a drawn signature makes the typed name optional; "clear" undoes both.
// Without scripts the pad stays hidden and the typed name is the signature.
(function () {
  "use strict";
  var form = document.getElementById("inspection-form");
  var pad = form && form.querySelector("[data-sign-pad]");
  if (!pad) { return; }
  var canvas = pad.querySelector("[data-sign-canvas]");
  var idField = form.querySelector("[data-sign-id]");
  var typed = form.elements.namedItem("signature");
  var status = pad.querySelector("[data-sign-status]");
  var csrf = form.getAttribute("data-csrf");
  var key = "safecampus.inspection." + form.getAttribute("data-client-id") + ".signature";
  var ctx = canvas.getContext("2d");
  var ratio = 1;
  var ink = false;        // something is drawn
  var stroke = null;      // the pointer drawing now, with its last point
  var version = 0;        // bumps on every change; an upload of an older one is stale
  var uploaded = -1;      // the version whose upload is in the hidden field
  var failed = -1;        // the version whose upload failed at submission
  var timer = 0;
  var inflight = null;    // the running upload's promise

  pad.hidden = false;

  function say(msg) { if (status) { status.textContent = msg; } }

  function remember() {
    try {
      localStorage.setItem(key, JSON.stringify({ data: ink ? canvas.toDataURL("image/png") : "", id: Number(idField.value) || 0 }));
    } catch (e) { /* full or off */ }
  }

  // setID puts the uploaded photo's id into the form and tells
  // inspection.js (which saves the form on "change").
  function setID(id) {
    idField.value = id ? String(id) : "";
    typed.required = !ink && !idField.value;
    idField.dispatchEvent(new Event("change", { bubbles: true }));
    remember();
  }

  function blank() {
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.fillStyle = "#fff"; // JPEG has no transparency: paint the paper white
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.lineWidth = 2.5;
    ctx.lineCap = "round";
    ctx.lineJoin = "round";
    ctx.strokeStyle = "#111";
  }

  // paint draws a saved image (data URL or photo URL) into the canvas,
  // scaled down to fit if the canvas is now smaller.
  function paint(src, done) {
    var img = new Image();
    img.onload = function () {
      var s = Math.min(1, canvas.width / img.width, canvas.height / img.height);
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.drawImage(img, 0, 0, img.width * s, img.height * s);
      ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
      if (done) { done(true); }
    };
    img.onerror = function () { if (done) { done(false); } };
    img.src = src;
  }

  // fit sizes the canvas to its box in device pixels, keeping the drawing.
  function fit() {
    var w = canvas.clientWidth, h = canvas.clientHeight;
    ratio = window.devicePixelRatio || 1;
    if (canvas.width === Math.round(w * ratio) && canvas.height === Math.round(h * ratio)) { return; }
    var keep = ink ? canvas.toDataURL("image/png") : "";
    canvas.width = Math.round(w * ratio);
    canvas.height = Math.round(h * ratio);
    blank();
    if (keep) { paint(keep); }
  }

  function point(e) {
    var r = canvas.getBoundingClientRect();
    return { x: e.clientX - r.left, y: e.clientY - r.top };
  }

  function changed() {
    version++;
    ink = true;
    typed.required = false;
    clearTimeout(timer);
  }

  canvas.addEventListener("pointerdown", function (e) {
    if (e.pointerType === "mouse" && e.button !== 0) { return; }
    e.preventDefault();
    canvas.setPointerCapture(e.pointerId);
    changed();
    var p = point(e);
    stroke = { id: e.pointerId, x: p.x, y: p.y };
    ctx.beginPath();
    ctx.arc(p.x, p.y, ctx.lineWidth / 2, 0, 2 * Math.PI);
    ctx.fillStyle = ctx.strokeStyle;
    ctx.fill();
  });
  canvas.addEventListener("pointermove", function (e) {
    if (!stroke || e.pointerId !== stroke.id) { return; }
    e.preventDefault();
    var events = e.getCoalescedEvents ? e.getCoalescedEvents() : [];
    if (!events.length) { events = [e]; }
    ctx.beginPath();
    ctx.moveTo(stroke.x, stroke.y);
    events.forEach(function (ev) {
      var p = point(ev);
      ctx.lineTo(p.x, p.y);
      stroke.x = p.x;
      stroke.y = p.y;
    });
    ctx.stroke();
  });
  function end(e) {
    if (!stroke || e.pointerId !== stroke.id) { return; }
    stroke = null;
    remember();
    // Upload once the hand rests, not after every stroke.
    timer = setTimeout(upload, 1200);
  }
  canvas.addEventListener("pointerup", end);
  canvas.addEventListener("pointercancel", end);

  // upload sends the drawing as a PNG; it resolves once the form names it.
  function upload() {
    clearTimeout(timer);
    if (!ink || uploaded === version) { return Promise.resolve(); }
    if (inflight) { return inflight.then(upload); }
    var v = version;
    say("正在保存签名…");
    inflight = new Promise(function (resolve, reject) {
      canvas.toBlob(function (blob) {
        if (!blob) { reject(new Error("签名保存失败")); return; }
        var body = new FormData();
        body.append("file", blob, "signature.png");
        body.append("csrf_token", csrf);
        fetch(form.getAttribute("data-photo-url"), {
          method: "POST", credentials: "same-origin", headers: { "X-CSRF-Token": csrf }, body: body
        }).then(function (res) {
          return res.json().catch(function () { return {}; }).then(function (j) {
            if (!res.ok || !j.id) { throw new Error(j.error || "签名保存失败（" + res.status + "）"); }
            if (v === version) {
              uploaded = v;
              setID(j.id);
              say("签名已保存");
            }
            resolve();
          });
        }).catch(reject);
      }, "image/png");
    }).then(function () { inflight = null; }, function (err) {
      inflight = null;
      say(navigator.onLine ? err.message : "离线，签名已在本机保存，联网后上传");
      throw err;
    });
    return inflight;
  }

  pad.querySelector("[data-sign-clear]").addEventListener("click", function () {
    clearTimeout(timer);
    version++;
    ink = false;
    uploaded = version;
    blank();
    setID(0);
    say("签名已清除");
  });

  // A drawing not yet uploaded goes up before the form is sent; offline,
  // inspection.js keeps the form on the phone instead. If the upload fails
  // the next tap sends the form as it is (with the typed name, or the last
  // drawing that did go up), so a refused drawing never blocks submission.
  form.addEventListener("submit", function (e) {
    if (!ink || uploaded === version || failed === version || !navigator.onLine) { return; }
    e.preventDefault();
    e.stopImmediatePropagation();
    var btn = e.submitter;
    upload().then(function () {
      if (form.requestSubmit) { form.requestSubmit(btn || undefined); } else { form.submit(); }
    }, function (err) {
      failed = version;
      typed.required = !idField.value;
      say((err && err.message ? err.message : "签名保存失败") + "，可输入姓名后再提交");
    });
  });

  window.addEventListener("online", function () { if (ink && uploaded !== version) { upload().catch(function () {}); } });
  window.addEventListener("resize", fit);

  // Start from what the device kept, else from the server draft's photo.
  fit();
  var saved = null;
  try { saved = JSON.parse(localStorage.getItem(key) || "null"); } catch (e) { saved = null; }
  if (saved && saved.data) {
    ink = true;
    typed.required = false;
    paint(saved.data);
    if (saved.id) {
      uploaded = version;
      if (idField.value !== String(saved.id)) { setID(saved.id); }
    } else {
      idField.value = "";
      if (navigator.onLine) { timer = setTimeout(function () { upload().catch(function () {}); }, 0); }
    }
  } else if (saved) {
    if (idField.value) { setID(0); } // cleared on the phone after the last server draft
  } else if (idField.value) {
    ink = true;
    uploaded = version;
    typed.required = false;
    paint("/photos/" + encodeURIComponent(idField.value), function (ok) {
      if (ok) { remember(); } else { ink = false; uploaded = -1; setID(0); }
    });
  }
})();
