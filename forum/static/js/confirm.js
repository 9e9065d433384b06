// "Are you sure?" before a form that deletes or sends: forms and buttons say it in their
// data-confirm attribute. A file, not onsubmit/onclick attributes: the Content-Security-
// Policy runs scripts from files only (forum/web/security_headers.py).
(function () {
  document.addEventListener('submit', function (event) {
    var form = event.target;
    var question = form.getAttribute && form.getAttribute('data-confirm');
    if (question && !window.confirm(question)) event.preventDefault();
  }, true);
  document.addEventListener('click', function (event) {
    var button = event.target.closest && event.target.closest('button[data-confirm], input[data-confirm]');
    if (button && !window.confirm(button.getAttribute('data-confirm'))) event.preventDefault();
  }, true);
  // A read-only address to copy: focusing it selects it whole.
  document.addEventListener('focusin', function (event) {
    if (event.target.hasAttribute && event.target.hasAttribute('data-select-on-focus')) event.target.select();
  });
})();
