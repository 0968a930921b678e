// Instant feedback for the book's {self-check} questions, with no kernel: compare the chosen
// option with the answer stored on the question and announce the verdict in its live region.
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
