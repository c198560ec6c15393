"""The plan import page refuses a file that is a program, a web page, a virus or a zip bomb, with its
files code and a 4xx, before the parser reads it; nothing is kept."""

import pytest

from taizhang.plans.models import Plan
from tests.files import bombs, samples
from tests.web.plans.conftest import upload

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("plan.txt", samples.HTML, "含有脚本"),
        ("plan.docx", samples.EXE, "可执行程序"),
        ("plan.txt", samples.SCRIPT, "可执行程序"),
        ("plan.txt", samples.EICAR, "病毒"),
        ("plan.docx", bombs.docx_of_10_mb_xml(), "压缩比异常"),
        ("plan.pdf", samples.PDF, "不能导入 PDF"),
    ],
)
def test_a_bad_plan_file_is_refused_on_the_page(client, district, office, name, content, words):
    client.force_login(office)
    response = upload(client, district, content, name=name)
    assert response.status_code == 400
    assert words in response.content.decode()
    assert not Plan.objects.exists()


def test_a_doc_saved_as_docx_gets_the_parsers_advice(client, district, office):
    client.force_login(office)
    response = upload(client, district, samples.OLE, name="plan.docx")
    assert response.status_code == 400 and "另存为 .docx" in response.content.decode()


def test_the_issues_crashing_plan_and_a_damaged_word_file_get_a_message_not_a_500(client, district, office):
    """``1.牵头单位：`` once made the parser raise IndexError and this page answer 500."""
    from tests.docparse.docx_builder import plan_with_table, rewrite_document_xml

    client.force_login(office)
    labels_only = upload(client, district, "一、总体要求\n1.牵头单位：".encode(), name="plan.txt")
    no_body = rewrite_document_xml(plan_with_table(), lambda xml: xml.split("<w:body>")[0] + "</w:document>")
    damaged = upload(client, district, no_body, name="plan.docx")
    assert labels_only.status_code == 302  # on to its preview, which shows what was (not) found
    assert damaged.status_code == 400
    assert "Word 文件已损坏" in damaged.content.decode()
    assert not Plan.objects.exists()
