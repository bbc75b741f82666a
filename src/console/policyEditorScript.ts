// The policy editor's script, served from /console/assets/policy-editor.js (the CSP allows no
// inline script), loaded only by pages with an editor: it keeps the line numbers beside each
// textarea marked data-policy-editor in step with its text and scroll, and, when the engine's
// refusal named a line and column, puts the caret there so the error is where the user types.

export const POLICY_EDITOR_SCRIPT = `"use strict";
(function () {
  var editors = document.querySelectorAll("textarea[data-policy-editor]");
  Array.prototype.forEach.call(editors, function (area) {
    var gutter = area.parentNode.querySelector(".gutter");
    var errorLine = Number(area.dataset.errorLine || 0);
    var render = function () {
      var count = Math.max(area.value.split("\\n").length, 12);
      gutter.textContent = "";
      for (var i = 1; i <= count; i++) {
        var line = document.createElement("span");
        line.textContent = String(i);
        if (i === errorLine) line.className = "error-line";
        gutter.appendChild(line);
      }
      area.rows = count;
    };
    area.addEventListener("input", function () {
      errorLine = 0;
      render();
    });
    area.addEventListener("scroll", function () {
      gutter.scrollTop = area.scrollTop;
    });
    render();
    if (errorLine > 0) {
      var lines = area.value.split("\\n");
      var offset = 0;
      for (var j = 0; j < errorLine - 1 && j < lines.length; j++) offset += lines[j].length + 1;
      offset += Math.max(Number(area.dataset.errorColumn || 1) - 1, 0);
      area.focus();
      area.setSelectionRange(offset, offset);
    }
  });
})();
`;
