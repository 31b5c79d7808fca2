// Live updates: elements marked data-poll refresh through htmx (hx-trigger "every 1s", one per
// page). While the tab is hidden the poll is cancelled before it is sent; the next tick after
// the tab is shown again refreshes the page.
document.addEventListener('htmx:beforeRequest', function (event) {
  var elt = event.detail && event.detail.elt;
  if (document.hidden && elt && elt.hasAttribute('data-poll')) {
    event.preventDefault();
  }
});
