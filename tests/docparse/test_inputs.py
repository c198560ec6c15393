"""Encodings, line ends and bad input: any file gives a Document or one clear, bilingual ParseError."""

import codecs
from pathlib import Path

import pytest

from taizhang.docparse import ParseError, parse

SEED = Path(__file__).parent.parent / "fixtures" / "seeds" / "004_93fe00d8dcbc73d5.txt"
TEXT = SEED.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk", "utf-16", "utf-16-le", "utf-16-be"]
)
def test_every_supported_encoding_gives_the_same_tasks(encoding):
    expected = parse(SEED)
    doc = parse(TEXT.encode(encoding))
    assert doc.title == expected.title
    assert [(t.number, t.text, t.lead) for t in doc.tasks] == [
        (t.number, t.text, t.lead) for t in expected.tasks
    ]


def test_windows_line_ends_and_full_width_spaces_change_nothing():
    expected = parse(SEED)
    text = TEXT.replace("\n", "\r\n").replace("牵头单位：", "\u3000牵头单位：\u3000")
    doc = parse(text.encode("gb18030"))
    assert [(t.text, t.lead, t.cooperating) for t in doc.tasks] == [
        (t.text, t.lead, t.cooperating) for t in expected.tasks
    ]


def test_gbk_text_is_never_read_as_mojibake():
    doc = parse("一、总则\n1.加强廉政教育。\n牵头单位：县纪委\n".encode("gbk"))
    assert doc.tasks[0].text == "加强廉政教育。"
    assert doc.tasks[0].lead == ["县纪委"]


def test_utf16_without_bom_is_detected():
    data = "1.建立台账制度。\n牵头单位：区纪委监委\n".encode("utf-16-le")
    assert not data.startswith(codecs.BOM_UTF16_LE)
    assert parse(data).tasks[0].lead == ["区纪委监委"]


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", "empty"),
        (b" \n\r\n ", "empty"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "unsupported_pdf"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100), "unsupported_doc"),
        (b"\x89PNG\r\n\x1a\n" + bytes(50), "unsupported_image"),
        (b"\xff\xd8\xff\xe0" + bytes(50), "unsupported_image"),
        (b"PK\x03\x04not really a zip", "corrupt_docx"),
        (bytes(range(256)) * 8, None),
    ],
)
def test_unreadable_input_raises_one_clear_error(data, code):
    with pytest.raises(ParseError) as info:
        parse(data)
    if code:
        assert info.value.code == code
    assert info.value.zh and info.value.en
    assert "Traceback" not in str(info.value)


def test_a_zip_that_is_not_a_word_file_says_so(tmp_path):
    import zipfile

    path = tmp_path / "plan.docx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("readme.txt", "hello")
    with pytest.raises(ParseError) as info:
        parse(path)
    assert info.value.code == "not_docx"
    assert "不是 Word 文件" in info.value.zh and "压缩包" in info.value.zh
    assert "zip archive" in info.value.en
    with pytest.raises(ParseError) as info:
        parse(path.read_bytes())  # no name to go by: the content alone
    assert info.value.code == "unsupported_zip"


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(tmp_path):
    path = tmp_path / "big.txt"
    path.write_bytes(b"a" * 2048)
    with pytest.raises(ParseError) as info:
        parse(path, max_bytes=1024)
    assert info.value.code == "too_large"
    assert "1 KB" in info.value.zh


def test_a_missing_file_is_a_parse_error(tmp_path):
    with pytest.raises(ParseError) as info:
        parse(tmp_path / "nope.txt")
    assert info.value.code == "unreadable"


def test_a_notice_without_tasks_gives_metadata_and_no_tasks():
    doc = parse(
        "京纪发〔2021〕12号\n\n关于开展专项检查的\n通　知\n各区纪委：\n现将有关事项通知如下。\n\n"
        "北京市纪委\n二〇二一年三月五日\n".encode()
    )
    assert doc.tasks == []
    assert doc.kind == "notice"
    assert (doc.doc_number, doc.title, doc.addressees, doc.date) == (
        "京纪发〔2021〕12号",
        "关于开展专项检查的通知",
        ["各区纪委"],
        "2021-03-05",
    )
    assert doc.issuer == "北京市纪委"
