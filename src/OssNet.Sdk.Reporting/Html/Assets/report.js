// OssNet.Sdk.Reporting: sorts the case table of index.html. Click a column header to sort by it (numbers by their
// exact data-value, missing values last); click again to reverse.
(function () {
  'use strict';
  var table = document.getElementById('cases');
  if (!table) {
    return;
  }
  var body = table.tBodies[0];
  var state = { column: -1, ascending: true };

  function key(row, column) {
    var cell = row.cells[column];
    var raw = cell ? cell.getAttribute('data-value') : '';
    if (column === 0) {
      return raw;
    }
    return raw === '' || raw === null ? null : Number(raw);
  }

  function sortBy(column, header) {
    state.ascending = state.column === column ? !state.ascending : true;
    state.column = column;
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = key(a, column), y = key(b, column);
      if (x === null || y === null) {
        return x === y ? 0 : (x === null ? 1 : -1);
      }
      var order = typeof x === 'string' ? x.localeCompare(y, undefined, { numeric: true }) : x - y;
      return state.ascending ? order : -order;
    });
    rows.forEach(function (row) { body.appendChild(row); });
    table.querySelectorAll('th.sort').forEach(function (th) { th.removeAttribute('aria-sort'); });
    header.setAttribute('aria-sort', state.ascending ? 'ascending' : 'descending');
  }

  table.querySelectorAll('th.sort').forEach(function (th) {
    th.tabIndex = 0;
    var column = Number(th.getAttribute('data-column'));
    th.addEventListener('click', function () { sortBy(column, th); });
    th.addEventListener('keydown', function (e) {
      if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault();
        sortBy(column, th);
      }
    });
  });
})();
