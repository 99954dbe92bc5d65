// SafeCampus: photos shrunk in the browser before upload, shared by the
// hazard pages (hazard.js) and the inspection form (inspection.js), which
// load this file first. It defines window.SafeCampusShrink; without it
// (or without canvas support) they send the photo as taken.
(function () {
  "use strict";

  // shrink resolves to a JPEG of file at most MAX px on its longer side when
  // the photo is bigger than that (the server would shrink it anyway, after
  // a 12-megapixel upload and decode); otherwise, or when the browser cannot
  // draw it on a canvas, to the file itself. Browsers apply the EXIF
  // rotation when drawing, so the copy is upright and carries no metadata.
  var MAX = 1600; // photo.MaxSide on the server
  function shrink(file) {
    return new Promise(function (resolve) {
      var canvas = document.createElement("canvas");
      if (!/^image\//.test(file.type) || !canvas.getContext || !canvas.toBlob || !window.URL) { resolve(file); return; }
      var img = new Image();
      var url = URL.createObjectURL(file);
      img.onerror = function () { URL.revokeObjectURL(url); resolve(file); };
      img.onload = function () {
        URL.revokeObjectURL(url);
        var w = img.naturalWidth, h = img.naturalHeight, s = MAX / Math.max(w, h);
        if (!w || !h || s >= 1) { resolve(file); return; }
        canvas.width = Math.max(1, Math.round(w * s));
        canvas.height = Math.max(1, Math.round(h * s));
        var ctx = canvas.getContext("2d");
        if (!ctx) { resolve(file); return; }
        ctx.fillStyle = "#fff"; // transparency → white, as on the server
        ctx.fillRect(0, 0, canvas.width, canvas.height);
        ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
        canvas.toBlob(function (blob) {
          if (!blob) { resolve(file); return; }
          var name = file.name.replace(/\.[^.]*$/, "") + ".jpg";
          try { resolve(new File([blob], name, { type: "image/jpeg" })); } catch (e) { blob.name = name; resolve(blob); }
        }, "image/jpeg", 0.85);
      };
      img.src = url;
    });
  }

  window.SafeCampusShrink = shrink;
})();
