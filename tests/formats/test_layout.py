"""Positioned glyphs -> lines -> paragraphs (core/formats/layout.py), shared by the OFD and
PDF readers: glyphs set here by a small typesetter, in points, as a PDF reader would pass them."""

from __future__ import annotations

from desktop_app.core.formats.layout import (
    Glyph,
    is_wide,
    lines_from_glyphs,
    paragraphs_from_glyphs,
    remove_furniture,
)

SIZE = 12.0
PITCH = 18.0
LEFT, TOP, CHARS = 72.0, 72.0, 20  # a 240 pt measure: 20 Chinese characters


def row(
    text: str, x: float, baseline: float, page: int = 0, size: float = SIZE, spread: float = 0.0
) -> list[Glyph]:
    """A line of glyphs from ``x`` on ``baseline``, ``spread`` pt added after each character."""
    out, cx = [], x
    for ch in text:
        width = size if is_wide(ch) else size / 2
        out.append(Glyph(ch, cx, baseline - size, width, size, page))
        cx += width + spread
    return out


def typeset(paragraphs: list[str], *, indent: int = 2, per_page: int = 40, gap: float = 0.0) -> list[Glyph]:
    """Chinese paragraphs set CHARS to a line, the first line indented, justified (full lines
    end at the margin), ``gap`` pt between paragraphs, ``per_page`` lines to a page."""
    glyphs: list[Glyph] = []
    slot, page, y_extra = 0, 0, 0.0
    for text in paragraphs:
        first, rest = text[: CHARS - indent], text[CHARS - indent :]
        lines = [first] + [rest[i : i + CHARS] for i in range(0, len(rest), CHARS)]
        for k, line in enumerate(lines):
            if slot == per_page:
                slot, page, y_extra = 0, page + 1, 0.0
            x = LEFT + (indent * SIZE if k == 0 else 0)
            glyphs += row(line, x, TOP + SIZE + slot * PITCH + y_extra, page)
            slot += 1
        y_extra += gap
    return glyphs


def texts(glyphs: list[Glyph]) -> list[str]:
    return [b.text for b in paragraphs_from_glyphs(glyphs)]


BODY = [
    "为进一步加强机关作风建设提高工作效率和服务水平经市政府同意现就有关事项通知如下。",
    "坚持以人民为中心的发展思想聚焦群众和企业反映强烈的突出问题以改进作风的实际成效取信于民。",
    "一、总体要求",
    "各单位要把理论学习作为加强作风建设的首要任务健全学习制度创新学习方式切实提高学习质量。",
]


def test_indented_paragraphs_are_rebuilt_without_spaces() -> None:
    assert texts(typeset(BODY)) == BODY


def test_paragraphs_set_apart_by_space_instead_of_indent() -> None:
    assert texts(typeset(BODY, indent=0, gap=10)) == BODY


def test_a_short_line_ending_a_sentence_ends_its_paragraph() -> None:
    full = "这一行正好写满了整整二十个汉字的宽度啊呀"
    assert len(full) == CHARS
    paragraphs = [full + "完。", "下一段不缩进也从左边开始写满这一行的宽度还要更长一些才行。"]
    glyphs = typeset(paragraphs, indent=0)
    assert texts(glyphs) == paragraphs


def test_a_paragraph_goes_on_across_a_page_break() -> None:
    glyphs = typeset(BODY * 3, per_page=7)
    assert len({g.page for g in glyphs}) > 3
    assert texts(glyphs) == BODY * 3


def test_latin_words_split_by_a_line_break_get_their_space_back() -> None:
    glyphs = row("The report says that", LEFT, 100) + row("growth is steady.", LEFT, 100 + PITCH)
    glyphs += row("一", LEFT, 100 + 3 * PITCH)  # something below, so the first line counts as full
    assert texts(glyphs)[0] == "The report says that growth is steady."


def test_a_space_not_drawn_is_seen_in_the_gap_and_fake_bold_is_drawn_once() -> None:
    glyphs = row("第一章", LEFT, 100) + row("总则", LEFT + 3.5 * SIZE, 100)
    glyphs += [g._replace(x=g.x + 0.3) for g in row("第一章", LEFT, 100)]  # drawn twice: bold
    glyphs += row("2023", LEFT + 6 * SIZE, 100) + row("年", LEFT + 8.5 * SIZE, 100)
    assert [line.text for line in lines_from_glyphs(glyphs)] == ["第一章 总则 2023 年"]


def test_a_wide_gap_cuts_a_line_into_segments() -> None:
    glyphs = row("京政发〔2023〕1号", LEFT, 100) + row("签发人：张三", LEFT + 15 * SIZE, 100)
    lines = lines_from_glyphs(glyphs)
    assert [line.text for line in lines] == ["京政发〔2023〕1号", "签发人：张三"]
    assert texts(glyphs) == ["京政发〔2023〕1号", "签发人：张三"]


def test_two_columns_are_read_one_after_the_other() -> None:
    title = row("两栏排版的标题写得很长很长很长跨过了两栏", LEFT, 80)
    left = [row("左栏第" + "一二三四五六七八"[i] + "行文字内容", LEFT, 110 + i * PITCH) for i in range(8)]
    right = [
        row("右栏第" + "一二三四五六七八"[i] + "行文字内容", LEFT + 130, 110 + i * PITCH) for i in range(8)
    ]
    glyphs = title + [g for line in left + right for g in line]
    lines = [line.text for line in lines_from_glyphs(glyphs)]
    assert lines[0].startswith("两栏")
    assert lines[1:9] == [f"左栏第{n}行文字内容" for n in "一二三四五六七八"]
    assert lines[9:] == [f"右栏第{n}行文字内容" for n in "一二三四五六七八"]


def test_a_balanced_title_is_one_paragraph() -> None:
    big = 22.0
    first, second = "关于进一步加强", "机关作风建设的通知"
    glyphs = row(first, LEFT + (240 - len(first) * big) / 2, 100, size=big)
    glyphs += row(second, LEFT + (240 - len(second) * big) / 2, 100 + 30, size=big)
    glyphs += [g._replace(y=g.y + 100) for g in typeset(BODY)]
    assert texts(glyphs) == [first + second, *BODY]


PAGE_NUMBERS = [
    "— {n} —",
    "- {n} -",
    "第 {n} 页 共 9 页",
    "第{n}页",
    "{n} / 9",
    "Page {n} of 9",
    "·{n}·",
    "{n}",
]


def test_page_numbers_are_removed_in_every_form() -> None:
    for form in PAGE_NUMBERS:
        glyphs = typeset(BODY * 2, per_page=6)
        pages = max(g.page for g in glyphs) + 1
        for page in range(pages):
            glyphs += row(form.format(n=page + 1), LEFT + 100, 600, page)
        assert texts(glyphs) == BODY * 2, form


def test_numbers_that_do_not_count_with_the_pages_stay() -> None:
    glyphs = typeset(BODY, per_page=40)
    glyphs += row("2023", LEFT, 400) + row("一", LEFT + 100, 600, page=1)  # a year on one page
    assert "2023" in [line.text for line in remove_furniture(lines_from_glyphs(glyphs))]


def test_a_running_head_goes_and_the_same_words_in_the_body_stay() -> None:
    glyphs = typeset(["中华人民共和国宪法", *BODY * 3], per_page=8)
    pages = max(g.page for g in glyphs) + 1
    for page in range(pages):
        glyphs += row("中华人民共和国宪法", LEFT + 80, 50, page, size=9)
    assert texts(glyphs) == ["中华人民共和国宪法", *BODY * 3]
