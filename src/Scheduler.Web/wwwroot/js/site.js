// Small behaviours shared by every page. Pages work without it; it only adds convenience.
(function () {
  "use strict";
  // <button data-confirm="Cancel this session?"> asks before its form is sent.
  document.addEventListener("submit", function (event) {
    var button = event.submitter;
    var question = (button && button.getAttribute("data-confirm")) || event.target.getAttribute("data-confirm");
    if (question && !window.confirm(question)) {
      event.preventDefault();
    }
  }, true);
  // A button that starts a long operation says so until the answer comes.
  document.addEventListener("submit", function (event) {
    var button = event.submitter;
    if (!event.defaultPrevented && button && button.hasAttribute("data-busy")) {
      button.setAttribute("aria-busy", "true");
      button.dataset.label = button.textContent;
      button.textContent = button.getAttribute("data-busy");
    }
  });
})();
