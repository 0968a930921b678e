// Instant feedback for the book's {self-check} questions, with no kernel: compare the chosen
// option with the answer stored on the question and announce the verdict in its live region.
// The explanation is in the HTML for readers without scripts and in print; on screen with scripts
// on, jcpoa-book.css hides it until this script marks the question right or wrong. The stylesheet,
// not this script, hides it, so no explanation shows while the page loads and nothing moves when
// this script starts.
//
// Progress: each answer is remembered in this browser's localStorage (no server, no account),
// keyed by the question's id (data-question, from the chapter and the question's text). A page
// with self-checks shows "3 of 4 answered, 2 right"; the home page's course-progress section
// (a table the build writes, hidden until this script fills it) shows every chapter and a
// button that clears the lot. Without scripts, or without storage, nothing of this appears.
(function () {
  "use strict";

  var STORE = "jcpoa-course-self-checks";

  function load() {
    try {
      return JSON.parse(window.localStorage.getItem(STORE)) || {};
    } catch (error) {
      return {};
    }
  }

  function save(answers) {
    try {
      window.localStorage.setItem(STORE, JSON.stringify(answers));
    } catch (error) {
      // Storage is off (private mode, file:// in some browsers): feedback still works.
    }
  }

  function summary(keys, answers) {
    var answered = 0;
    var right = 0;
    keys.forEach(function (key) {
      if (answers[key]) {
        answered += 1;
        if (answers[key].right) {
          right += 1;
        }
      }
    });
    return { answered: answered, right: right, total: keys.length };
  }

  function sentence(counts) {
    return counts.answered + " of " + counts.total + " answered, " + counts.right + " right";
  }

  function show(check, chosen) {
    var right = chosen === check.getAttribute("data-answer");
    var verdict = check.querySelector(".self-check-verdict");
    check.classList.toggle("self-check-correct", right);
    check.classList.toggle("self-check-wrong", !right);
    verdict.textContent = right ? "Correct." : "Not quite.";
    return right;
  }

  function reset(check) {
    check.classList.remove("self-check-correct", "self-check-wrong");
    check.querySelector(".self-check-verdict").textContent = "";
    check.querySelectorAll("input[type=radio]").forEach(function (input) {
      input.checked = false;
    });
  }

  function pageProgress(checks) {
    if (!checks.length) {
      return function () {};
    }
    var note = document.createElement("p");
    note.className = "self-check-progress";
    checks[0].parentNode.insertBefore(note, checks[0]);
    var keys = checks.map(function (check) {
      return check.getAttribute("data-question");
    });
    return function () {
      note.textContent = "Your self-checks on this page: " + sentence(summary(keys, load())) + ".";
    };
  }

  function courseProgress(section, onClear) {
    var data = JSON.parse(section.querySelector(".course-progress-data").textContent);
    var body = section.querySelector("tbody");
    var total = section.querySelector(".course-progress-total");
    function update() {
      var answers = load();
      var all = [];
      body.querySelectorAll("tr").forEach(function (row, index) {
        var counts = summary(data.chapters[index].questions, answers);
        row.querySelector(".course-progress-answered").textContent = counts.answered + " of " + counts.total;
        row.querySelector(".course-progress-right").textContent = String(counts.right);
        all = all.concat(data.chapters[index].questions);
      });
      total.textContent = "Whole course: " + sentence(summary(all, answers)) + ".";
    }
    section.querySelector(".course-progress-clear").addEventListener("click", function () {
      if (window.confirm("Clear every self-check answer this browser remembers?")) {
        save({});
        onClear();
      }
    });
    section.hidden = false;
    return update;
  }

  function start() {
    var checks = Array.prototype.slice.call(document.querySelectorAll(".self-check"));
    var updates = [pageProgress(checks)];
    function refresh() {
      updates.forEach(function (update) {
        update();
      });
    }
    var answers = load();
    checks.forEach(function (check) {
      var key = check.getAttribute("data-question");
      var remembered = key && answers[key];
      if (remembered) {
        var input = check.querySelector('input[type=radio][value="' + remembered.chosen + '"]');
        if (input) {
          input.checked = true;
          show(check, remembered.chosen);
        }
      }
      check.addEventListener("change", function (event) {
        if (event.target && event.target.type === "radio") {
          var right = show(check, event.target.value);
          if (key) {
            var stored = load();
            stored[key] = { chosen: event.target.value, right: right };
            save(stored);
          }
          refresh();
        }
      });
    });
    document.querySelectorAll(".course-progress").forEach(function (section) {
      updates.push(courseProgress(section, function () {
        checks.forEach(reset);
        refresh();
      }));
    });
    refresh();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
