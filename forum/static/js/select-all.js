// The registration list's "select all" box: ticks or clears every row of the bulk form.
// A file, not an inline script: the Content-Security-Policy allows scripts from files only.
(function () {
  var all = document.getElementById('select-all');
  if (!all) return;
  var boxes = document.querySelectorAll('#bulk-form input[name="ids"]');
  all.hidden = false;
  all.addEventListener('change', function () {
    boxes.forEach(function (box) { box.checked = all.checked; });
  });
})();
