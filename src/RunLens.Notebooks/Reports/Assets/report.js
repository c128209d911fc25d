// RunLens report: one button opens or closes every code cell; TOC links open the section they point into.
(function () {
  var button = document.querySelector('.toggle-code');
  if (button) {
    button.addEventListener('click', function () {
      var open = button.getAttribute('data-open') !== 'true';
      document.querySelectorAll('details.source').forEach(function (d) { d.open = open; });
      button.setAttribute('data-open', open ? 'true' : 'false');
      button.textContent = open ? 'Hide all code' : 'Show all code';
    });
  }
  document.querySelectorAll('nav.toc a[href^="#"]').forEach(function (a) {
    a.addEventListener('click', function () {
      var target = document.getElementById(a.getAttribute('href').slice(1));
      if (target) { target.scrollIntoView(); }
    });
  });
})();
