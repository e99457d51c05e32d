/* fphc — progressive enhancement only: every page works without this file. */
(function () {
  'use strict';
  var summary = document.getElementById('error-summary');
  if (summary) { summary.focus(); }
})();
