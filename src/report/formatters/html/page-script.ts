/**
 * The page's only script, inline. It sorts and filters the table list and opens sections:
 * everything it touches is already in the markup, so the page reads the same with scripts off.
 * It stands right after the list, so that the list works while a long page is still parsing.
 */
export const PAGE_SCRIPT = `
(function () {
  var list = document.getElementById('list');
  if (!list) return;
  var body = list.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var q = document.getElementById('q'), st = document.getElementById('st'), shown = document.getElementById('shown');
  var RANK = { failed: 0, error: 1, warned: 2, cancelled: 3, passed: 4, 'no-validators': 5 };
  rows.forEach(function (r) { r._text = (r.cells[1].textContent + ' ' + r.cells[2].textContent).toLowerCase(); });
  function filter() {
    var text = q.value.trim().toLowerCase(), status = st.value, n = 0;
    rows.forEach(function (r) {
      var s = r.getAttribute('data-s');
      var ok = (status === 'all' || (status === 'problems' ? RANK[s] < 4 : s === status)) && (!text || r._text.indexOf(text) >= 0);
      r.hidden = !ok;
      if (ok) n++;
    });
    shown.textContent = n + ' of ' + rows.length + ' tables shown';
  }
  function value(r, column, numeric) {
    if (column === 0) return RANK[r.getAttribute('data-s')];
    var text = r.cells[column].textContent;
    if (!numeric) return text.toLowerCase();
    var n = parseFloat(text.replace(/[,<%]/g, ''));
    return isNaN(n) ? -1 : n;
  }
  Array.prototype.forEach.call(list.tHead.rows[0].cells, function (th, column) {
    var numeric = th.className === 'n';
    var button = document.createElement('button');
    button.type = 'button';
    button.textContent = th.textContent;
    th.textContent = '';
    th.appendChild(button);
    button.addEventListener('click', function () {
      var descending = th.getAttribute('aria-sort') !== (numeric ? 'descending' : 'ascending') ? numeric : !numeric;
      Array.prototype.forEach.call(list.tHead.rows[0].cells, function (other) { other.removeAttribute('aria-sort'); });
      th.setAttribute('aria-sort', descending ? 'descending' : 'ascending');
      var keyed = rows.map(function (r, i) { return { r: r, v: value(r, column, numeric || column === 0), i: i }; });
      keyed.sort(function (a, b) { var c = a.v < b.v ? -1 : a.v > b.v ? 1 : 0; return (descending ? -c : c) || a.i - b.i; });
      list.removeChild(body); // reordered detached: one layout, not one per row
      keyed.forEach(function (k) { body.appendChild(k.r); });
      list.appendChild(body);
    });
  });
  q.addEventListener('input', filter);
  st.addEventListener('change', filter);
  function openAll(open) { Array.prototype.forEach.call(document.querySelectorAll('details.d'), function (d) { d.open = open; }); }
  document.getElementById('open-all').addEventListener('click', function () { openAll(true); });
  document.getElementById('close-all').addEventListener('click', function () { openAll(false); });
  function openTarget() {
    var target = location.hash && document.getElementById(location.hash.slice(1));
    if (target && target.tagName === 'DETAILS') target.open = true;
  }
  window.addEventListener('hashchange', openTarget);
  document.addEventListener('DOMContentLoaded', openTarget);
  document.getElementById('controls').hidden = false;
  filter();
})();
`;
