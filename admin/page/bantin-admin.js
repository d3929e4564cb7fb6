// Photos chosen in the web editor lose their EXIF data (GPS position, camera, date) and are
// scaled down to at most MAX_SIDE pixels before Decap CMS reads them, so what is committed to
// the public repository holds only the pixels. Decap has no hook for this: the file input's
// "change" event is caught first (capture phase on window), each JPEG/PNG/WebP is drawn on a
// canvas and re-encoded (a canvas carries no metadata), and the event is sent again with the
// new files. Other files (PDF, Word) pass untouched.
(function () {
  "use strict";
  var MAX_SIDE = 2560;  // px: larger than any screen the site is read on, a third of a 48 MP photo
  var QUALITY = 0.9;    // JPEG quality of the re-encoded photo
  var PICTURE = /^image\/(jpeg|png|webp)$/;
  var DONE = "bantinCleaned";

  function clean(file) {
    if (!PICTURE.test(file.type)) return Promise.resolve(file);
    // imageOrientation "from-image": a phone's portrait photo stays upright once its EXIF
    // orientation tag is gone.
    return createImageBitmap(file, { imageOrientation: "from-image" }).then(function (bitmap) {
      var scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
      var canvas = document.createElement("canvas");
      canvas.width = Math.round(bitmap.width * scale);
      canvas.height = Math.round(bitmap.height * scale);
      canvas.getContext("2d").drawImage(bitmap, 0, 0, canvas.width, canvas.height);
      var type = file.type === "image/png" ? "image/png" : "image/jpeg";
      return new Promise(function (resolve) { canvas.toBlob(resolve, type, QUALITY); }).then(function (blob) {
        var name = type === "image/jpeg" ? file.name.replace(/\.(webp|jpe?g)$/i, ".jpg") : file.name;
        return new File([blob], name, { type: type, lastModified: file.lastModified });
      });
    });
  }

  window.addEventListener("change", function (event) {
    var input = event.target;
    if (!input || input.type !== "file" || !input.files || !input.files.length || input.dataset[DONE]) return;
    event.stopImmediatePropagation();
    Promise.all(Array.prototype.map.call(input.files, clean)).then(function (files) {
      var transfer = new DataTransfer();
      files.forEach(function (file) { transfer.items.add(file); });
      input.files = transfer.files;
      input.dataset[DONE] = "1";
      input.dispatchEvent(new Event("change", { bubbles: true }));
      delete input.dataset[DONE];
    }, function (error) {
      window.alert("Không đọc được ảnh " + (input.files[0] && input.files[0].name) +
                   ": hãy lưu lại ảnh dạng JPG hoặc PNG rồi tải lên lại. (" + error + ")");
      input.value = "";
    });
  }, true);
})();
