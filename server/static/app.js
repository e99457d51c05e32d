/* fphc — progressive enhancement only: every page works without this file. */
(function () {
  'use strict';
  var summary = document.getElementById('error-summary');
  if (summary) { summary.focus(); }

  /* ---- office: autosave of advice (forms with data-autosave) ----
   * Posts the form as it is, asking for JSON; the server answers the new version,
   * or 409 with the other person's text when someone saved in between. */
  function autosave(form) {
    var status = form.querySelector('.status');
    var version = form.querySelector('input[name=version]');
    var area = form.querySelector('textarea');
    var timer = null, busy = false, again = false, blocked = false;
    /* only the advice forms (they carry a version): the owner's scan pages save
       per answer (respondent.js) or on a button, never the whole page behind their back */
    if (!area || area.readOnly || !version) { return; }
    function say(text) { if (status) { status.textContent = text; } }
    function save() {
      if (blocked) { return; }
      if (busy) { again = true; return; }
      busy = true;
      var body = new URLSearchParams(new FormData(form));
      fetch(form.action, { method: 'POST', body: body, credentials: 'same-origin',
        headers: { 'Accept': 'application/json' } })
        .then(function (res) {
          return res.json().then(function (j) { return { status: res.status, json: j }; });
        })
        .then(function (r) {
          if (r.status === 200) {
            version.value = r.json.version;
            say(r.json.message + ' · ' + r.json.editor + ' · ' + r.json.updated_at);
          } else if (r.status === 409 && r.json.current) {
            blocked = true;
            say(r.json.error.message + ' — ' + r.json.current.editor + ' (' + r.json.current.updated_at +
                '): ' + r.json.current.body);
          } else {
            say(r.json.error ? r.json.error.message : String(r.status));
          }
        })
        .catch(function () { say(''); })
        .then(function () { busy = false; if (again) { again = false; save(); } });
    }
    area.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(save, 1200);
    });
  }
  /* ---- scan: an exclusive option ("Niets in het bijzonder") unticks the others,
   * and ticking another option unticks it; the server refuses the combination anyway. */
  document.addEventListener('change', function (ev) {
    var box = ev.target;
    if (!box || box.type !== 'checkbox' || !box.checked || !/^a\./.test(box.name || '')) { return; }
    var group = document.querySelectorAll('input[type=checkbox][name="' + box.name + '"]');
    var excl = box.hasAttribute('data-exclusive');
    for (var k = 0; k < group.length; k++) {
      var other = group[k];
      if (other !== box && other.checked && (excl || other.hasAttribute('data-exclusive'))) {
        other.checked = false;
        other.dispatchEvent(new Event('change', { bubbles: true }));
      }
    }
  }, true);
  var forms = document.querySelectorAll('form[data-autosave]');
  for (var i = 0; i < forms.length; i++) { autosave(forms[i]); }
})();
