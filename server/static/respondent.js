/* fphc — autosave on the scan's pillar pages. Progressive enhancement only:
 * without this file the Back/Next buttons save the whole page. */
(function () {
  'use strict';
  var form = document.querySelector('form[data-answer-save]');
  if (!form || !window.fetch) { return; }
  var url = form.getAttribute('data-answer-save');
  var csrfField = form.querySelector('input[name="csrf"]');
  var status = document.getElementById('save-status');
  var progress = document.getElementById('progress');
  var lang = document.documentElement.lang === 'en' ? 'en' : 'nl';
  var text = {
    nl: { saving: 'Bezig met opslaan…', saved: 'Opgeslagen', failed: 'Niet opgeslagen' },
    en: { saving: 'Saving…', saved: 'Saved', failed: 'Not saved' }
  }[lang];
  var pending = 0;

  function show(msg, bad) {
    if (!status) { return; }
    status.textContent = msg;
    status.className = bad ? 'savebar bad' : 'savebar';
  }

  function valueOf(fieldset) {
    var key = fieldset.getAttribute('data-item');
    var type = fieldset.getAttribute('data-type');
    var na = fieldset.querySelector('input[name="na.' + key + '"]');
    if (na && na.checked) { return 'na'; }
    var inputs = fieldset.querySelectorAll('[name="a.' + key + '"]');
    var i;
    if (type === 'multi') {
      var list = [];
      for (i = 0; i < inputs.length; i++) { if (inputs[i].checked) { list.push(inputs[i].value); } }
      return list;
    }
    if (type === 'number') {
      /* sent as typed: the server reads "6,5 %" the one Dutch way (common/number_nl.c) */
      var v = inputs[0].value.trim();
      return v === '' ? null : v;
    }
    if (type === 'text') { return inputs[0].value; }
    for (i = 0; i < inputs.length; i++) {
      if (inputs[i].checked) {
        var raw = inputs[i].value;
        if (raw === 'na') { return 'na'; }
        if (type === 'likert5') { return parseInt(raw, 10); }
        if (type === 'yesno') { return raw === 'yes'; }
        return raw;
      }
    }
    return null;
  }

  function save(fieldset) {
    var body = JSON.stringify({ item: fieldset.getAttribute('data-item'), value: valueOf(fieldset) });
    pending++;
    show(text.saving, false);
    fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrfField.value },
      body: body,
      credentials: 'same-origin'
    }).then(function (res) {
      return res.json().catch(function () { return {}; }).then(function (data) {
        pending--;
        if (res.ok && data.saved) {
          fieldset.removeAttribute('data-unsaved');
          if (progress && typeof data.answered_percent === 'number') {
            progress.value = data.answered_percent;
            progress.textContent = data.answered_percent + '%';
            var label = document.querySelector('label[for="progress"]');
            if (label) { label.textContent = label.textContent.replace(/^\d+/, String(data.answered_percent)); }
          }
          if (pending === 0) { show(text.saved, false); }
        } else {
          fieldset.setAttribute('data-unsaved', '1');
          show(text.failed + ((data.error && data.error.message) ? ': ' + data.error.message : ''), true);
        }
      });
    }).catch(function () {
      pending--;
      show(text.failed, true);
    });
  }

  form.addEventListener('change', function (ev) {
    var fieldset = ev.target.closest ? ev.target.closest('fieldset[data-item]') : null;
    if (!fieldset) { return; }
    if (ev.target.name && ev.target.name.indexOf('na.') === 0 && ev.target.checked) {
      var other = fieldset.querySelector('[name="a.' + fieldset.getAttribute('data-item') + '"]');
      if (other && other.type === 'number') { other.value = ''; }
    }
    save(fieldset);
  });
})();
