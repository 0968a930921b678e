// Instant feedback for the book's {self-check} questions, with no kernel: compare the chosen
// option with the answer stored on the question and announce the verdict in its live region.
// The explanation is in the HTML for readers without scripts; this script hides it until the
// reader answers.
(function () {
  "use strict";

  function answer(check, chosen) {
    var right = chosen === check.getAttribute("data-answer");
    var verdict = check.querySelector(".self-check-verdict");
    var explanation = check.querySelector(".self-check-explanation");
    check.classList.toggle("self-check-correct", right);
    check.classList.toggle("self-check-wrong", !right);
    verdict.textContent = right ? "Correct." : "Not quite.";
    if (explanation) {
      explanation.hidden = false;
    }
  }

  function wire(check) {
    var explanation = check.querySelector(".self-check-explanation");
    if (explanation) {
      explanation.hidden = true;
    }
    check.addEventListener("change", function (event) {
      if (event.target && event.target.type === "radio") {
        answer(check, event.target.value);
      }
    });
  }

  function start() {
    document.querySelectorAll(".self-check").forEach(wire);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
