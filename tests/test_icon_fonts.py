"""The icon fonts are cut to the icons the book asks for: in classes, in scripts, and in CSS values."""

from __future__ import annotations

from pathlib import Path

from fontTools.ttLib import TTFont

from jcpoa_course.book.delivery.icon_fonts import code_points, icons_in_use, read_icon_css, subset_font, used_classes

CSS = (
    '.fa-bars:before{content:"\\f0c9"}'
    '.fa-magnifying-glass:before,.fa-search:before{content:"\\f002"}'
    '.fa-github:before{content:"\\f09b"}'
    '.fa-unused:before{content:"\\f1e3"}'
    '.fa-magnifying-glass{color:red}'
    '@media (min-width:1px){.admonition-title:after{content:var(--pst-icon-info)}}'
    'html{--pst-icon-external-link:"\uf35d"}'
)


def test_classes_map_to_code_points_and_other_rules_are_kept_whole() -> None:
    by_class, direct = read_icon_css([CSS])
    assert by_class["fa-bars"] == {0xF0C9}
    assert by_class["fa-search"] == by_class["fa-magnifying-glass"] == {0xF002}
    assert direct == {0xF35D}  # a custom property holding the character itself


def test_code_points_read_escapes_and_characters_but_only_private_use() -> None:
    assert code_points('content:"\\f0c9"') == {0xF0C9}
    assert code_points('content:"\\e521 "') == {0xE521}
    assert code_points('content:"\uf35d"; color:#fff') == {0xF35D}
    assert code_points('content:"\\2014"') == set()


def test_class_names_are_read_from_pages_and_scripts() -> None:
    page = '<i class="fa-solid fa-bars"></i><span class="sofa-bed">'
    script = 'r.classList="fa-solid fa-xmark"'
    assert used_classes([page, script]) == {"fa-solid", "fa-bars", "fa-xmark"}


def test_a_built_folder_keeps_what_it_uses_and_drops_the_rest(tmp_path: Path) -> None:
    (tmp_path / "_static").mkdir()
    (tmp_path / "_static" / "theme.css").write_text(CSS, encoding="utf-8")
    (tmp_path / "_static" / "fontawesome.js").write_text('"fa-unused"', encoding="utf-8")  # never read
    (tmp_path / "index.html").write_text('<i class="fa-brands fa-github"></i><i class="fa-bars"></i>')
    assert icons_in_use(tmp_path) == {0xF09B, 0xF0C9, 0xF35D}


def test_subset_fonts_hold_exactly_the_requested_glyphs(tmp_path: Path) -> None:
    import pydata_sphinx_theme

    webfonts = (Path(pydata_sphinx_theme.__file__).parent / "theme" / "pydata_sphinx_theme" / "static"
                / "vendor" / "fontawesome" / "webfonts")
    for name in ("fa-solid-900.woff2", "fa-solid-900.ttf"):
        target = tmp_path / name
        subset_font(webfonts / name, target, {0xF0C9, 0xF002})
        font = TTFont(target)
        assert set(font.getBestCmap()) == {0xF0C9, 0xF002}
        assert font.flavor == ("woff2" if name.endswith(".woff2") else None)
        assert target.stat().st_size < (webfonts / name).stat().st_size / 10
