"""The book builds from clean with ``-W -n --keep-going``, and the extension turns bad input into build failures.

The whole-book test uses the session build. The extension tests build tiny Sphinx projects in a
temporary folder, one per case, so each failure is attributable to one piece of bad markup.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, BookBuild, run_build

pytestmark = pytest.mark.build

REFERENCES_PAGE = "(references)=\n# References\n\n```{course-references}\n```\n"
GLOSSARY_PAGE = "# Glossary\n\n```{course-glossary}\n```\n"


def toc_files() -> list[str]:
    """Every document the table of contents lists, root first."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    files = [toc["root"]]
    for part in toc.get("parts", []):
        files += [chapter["file"] for chapter in part.get("chapters", [])]
    return files


def test_book_builds_cleanly_with_the_make_flags(built_book: BookBuild) -> None:
    if not built_book.reused:
        assert "build succeeded" in built_book.log
        sphinx_warnings = [line for line in built_book.log.splitlines() if "WARNING:" in line]
        assert not sphinx_warnings, "\n".join(sphinx_warnings)
    missing = [name for name in toc_files() if not (built_book.html / f"{name}.html").is_file()]
    assert not missing, f"pages listed in _toc.yml but not built: {missing}"


def test_only_chart_pages_load_the_chart_loader_and_none_loads_vega_up_front(built_book: BookBuild) -> None:
    """vega is fetched by chart-loader.js when a reader reaches for a chart, never by the page itself."""
    for page in built_book.pages():
        html = page.read_text(encoding="utf-8")
        has_chart = 'class="jcpoa-chart"' in html
        assert ("_static/chart-loader.js" in html) == has_chart, page.relative_to(built_book.html)
        assert "vendor/vega" not in html, page.relative_to(built_book.html)


def sphinx_project(tmp_path: Path, index: str) -> Path:
    """A minimal Sphinx project using MyST and the course extension, with a references page."""
    source = tmp_path / "src"
    source.mkdir()
    (source / "conf.py").write_text(
        textwrap.dedent(
            """
            extensions = ["myst_parser", "jcpoa_course.book"]
            myst_enable_extensions = ["colon_fence"]
            jcpoa_references_doc = "references"
            root_doc = "index"
            """
        ),
        encoding="utf-8",
    )
    (source / "index.md").write_text(index + "\n\n```{toctree}\nreferences\nglossary\n```\n", encoding="utf-8")
    (source / "references.md").write_text(REFERENCES_PAGE, encoding="utf-8")
    (source / "glossary.md").write_text(GLOSSARY_PAGE, encoding="utf-8")
    return source


def sphinx_build(source: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "sphinx", "-W", "-n", "--keep-going", "-q", "-b", "html",
         str(source), str(source.parent / "html")],
        text=True, capture_output=True, check=False, timeout=300,
    )


def test_extension_renders_citations_self_checks_and_source_links(tmp_path: Path) -> None:
    source = sphinx_project(tmp_path, textwrap.dedent(
        """
        # Page

        As argued on {p}`14` and {pp}`15-17` {source}`harris-2019-al-monitor` about the {term}`JCPOA`.

        :::{self-check} Which page is cited {p}`3`?
        :answer: 2
        :explanation: Because **this** one {p}`4`.

        1. First
        2. Second {p}`5`
        :::
        """
    ))
    result = sphinx_build(source)
    assert result.returncode == 0, result.stderr
    html = (source.parent / "html" / "index.html").read_text(encoding="utf-8")
    assert "p.\u00a014" in html and "pp.\u00a015-17" in html
    assert 'href="references.html#source-harris-2019-al-monitor"' in html
    assert '<legend class="self-check-question">Which page is cited' in html
    assert html.count('type="radio"') == 2
    assert 'data-answer="2"' in html and 'role="status"' in html
    assert "<strong>this</strong>" in html
    assert 'href="glossary.html#term-JCPOA"' in html
    references = (source.parent / "html" / "references.html").read_text(encoding="utf-8")
    assert 'id="source-harris-2019-al-monitor"' in references
    assert references.index("source-harris-2019-al-monitor") < references.index("source-executive-order-a01"), (
        "the report's footnotes come before the public records"
    )
    glossary = (source.parent / "html" / "glossary.html").read_text(encoding="utf-8")
    assert 'id="term-JCPOA"' in glossary and "Source:" in glossary


BAD_MARKUP = {
    "page-too-high": ("See {p}`32`.", "page 32 is outside the report"),
    "range-backwards": ("See {pp}`17-15`.", "must go from a lower to a higher page"),
    "page-not-a-number": ("See {p}`fourteen`.", "'fourteen' is not a page number"),
    "unknown-source": ("See {source}`no-such-document`.", "unknown source id 'no-such-document'"),
    "no-answer": ("```{self-check} Q?\n\n1. a\n2. b\n```", "the ':answer:' option is missing"),
    "answer-out-of-range": ("```{self-check} Q?\n:answer: 3\n\n1. a\n2. b\n```", "':answer: 3' is out of range"),
    "no-options": ("```{self-check} Q?\n:answer: 1\n\nJust text.\n```", "exactly one numbered list"),
    "empty-body": ("```{self-check} Q?\n:answer: 1\n:explanation: E.\n```", "it has no options"),
    "duplicate-options": ("```{self-check} Q?\n:answer: 1\n:explanation: E.\n\n1. Same\n2. same\n```",
                          "line 3: self-check 'Q?': options 1 and 2 are the same"),
    "no-explanation": ("```{self-check} Q?\n:answer: 1\n:explanation:\n\n1. a\n2. b\n```",
                       "the ':explanation:' is missing or empty"),
    "unknown-kind": ("```{course-references} blog-post\n```", "unknown kind 'blog-post'"),
    "unknown-term": ("A {term}`No Such Term`.", "term not in glossary"),
    "chart-without-vendor": ('<div class="jcpoa-chart"></div>', "run `make vendor`"),
}


@pytest.fixture(scope="module")
def bad_markup_build(tmp_path_factory: pytest.TempPathFactory) -> subprocess.CompletedProcess[str]:
    """One build of a project with one page per kind of bad markup (one build is far cheaper than eight)."""
    tmp_path = tmp_path_factory.mktemp("bad-markup")
    source = sphinx_project(tmp_path, "# Cases\n\n```{toctree}\n" + "\n".join(BAD_MARKUP) + "\n```\n")
    for name, (markup, _) in BAD_MARKUP.items():
        (source / f"{name}.md").write_text(f"# {name}\n\n{markup}\n", encoding="utf-8")
    return sphinx_build(source)


@pytest.mark.parametrize("case", list(BAD_MARKUP))
def test_bad_markup_fails_the_build_with_a_clear_warning(
    bad_markup_build: subprocess.CompletedProcess[str], case: str
) -> None:
    assert bad_markup_build.returncode != 0
    expected = BAD_MARKUP[case][1]
    warnings = [line for line in bad_markup_build.stderr.splitlines() if f"{case}.md" in line]
    assert any(expected in line for line in warnings), (
        f"no warning naming {case}.md says {expected!r}:\n{bad_markup_build.stderr}"
    )


def test_a_failing_code_cell_fails_the_book_build(tmp_path: Path) -> None:
    """The project's own _config.yml must turn a cell error into a failed build."""
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    config["sphinx"]["extra_extensions"] = [e for e in config["sphinx"]["extra_extensions"] if e != "jcpoa_course.book"]
    config["sphinx"]["config"].pop("html_static_path", None)
    for key in ("repository", "launch_buttons", "html", "exclude_patterns"):
        config.pop(key, None)
    (tmp_path / "_config.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    (tmp_path / "_toc.yml").write_text("format: jb-book\nroot: index\n", encoding="utf-8")
    (tmp_path / "index.md").write_text(textwrap.dedent(
        """
        ---
        kernelspec: {name: python3, display_name: Python 3}
        jupytext: {text_representation: {extension: .md, format_name: myst}}
        ---
        # A page whose code fails

        ```{code-cell} ipython3
        raise ValueError("this cell fails on purpose")
        ```
        """
    ).lstrip(), encoding="utf-8")
    temp = tmp_path / "tmp"  # Sphinx leaves a crash report (sphinx-err-*.log) in the temp folder
    temp.mkdir()
    result = run_build(tmp_path, timeout=300, temp=temp)
    assert result.returncode != 0
    assert "this cell fails on purpose" in result.stdout


def test_book_renderer_output_is_a_valid_notebook_output() -> None:
    """myst-nb's glue stores the renderer's bundle in the notebook: nbformat must accept it."""
    import altair as alt
    import nbformat

    from jcpoa_course.views.render import CHART_MARKER_CLASS, use_book_renderer

    use_book_renderer()
    chart = alt.Chart(alt.Data(values=[{"a": 1}])).mark_point().encode(x="a:Q").properties(title="</script>")
    bundle = chart._repr_mimebundle_()
    data = bundle[0] if isinstance(bundle, tuple) else bundle
    assert f'class="{CHART_MARKER_CLASS}"' in data["text/html"]
    assert "<\\/script>" in data["text/html"], "a spec string must not close the inline script"
    assert any(key.startswith("application/vnd.vegalite") for key in data)
    output = nbformat.v4.new_output("display_data", data=data)
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("chart", outputs=[output])])
    nbformat.validate(notebook)


def fake_node_modules(root: Path, versions: dict[str, str]) -> None:
    for package, version in versions.items():
        folder = root / "node_modules" / package / "build"
        folder.mkdir(parents=True)
        (folder.parent / "package.json").write_text(json.dumps({"version": version}), encoding="utf-8")
        (folder / f"{package}.min.js").write_text(f"/* {package} {version} */", encoding="utf-8")


def test_vendor_copies_matching_builds_and_refuses_a_mismatch(tmp_path: Path) -> None:
    from jcpoa_course.book.delivery.vendor import VendorError, vendor

    expected = {"vega": "6", "vega-lite": "6.4.1", "vega-embed": "7"}
    good, bad = tmp_path / "good", tmp_path / "bad"
    fake_node_modules(good, {"vega": "6.4.0", "vega-lite": "6.4.1", "vega-embed": "7.3.0"})
    written = vendor(good, expected)
    assert [path.name for path in written] == ["vega.min.js", "vega-lite.min.js", "vega-embed.min.js"]
    assert (good / "book/assets/vendor/vega-lite.min.js").read_text(encoding="utf-8") == "/* vega-lite 6.4.1 */"
    fake_node_modules(bad, {"vega": "6.4.0", "vega-lite": "5.20.1", "vega-embed": "7.3.0"})
    with pytest.raises(VendorError, match="vega-lite 5.20.1 but Altair expects 6.4.1"):
        vendor(bad, expected)


def test_the_pinned_npm_packages_match_altair() -> None:
    from jcpoa_course.book.delivery.vendor import altair_expects, check_version

    lock = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))
    for package, expected in altair_expects().items():
        check_version(package, lock["packages"][f"node_modules/{package}"]["version"], expected)
