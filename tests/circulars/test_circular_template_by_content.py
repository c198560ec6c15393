"""circular_template_upload screens the file by its content first: a program, a web page, a virus or a
zip bomb named .docx is refused with its files code; a .doc or a zip named .docx is no template."""

from io import BytesIO

import pytest

from taizhang.circulars.models import CircularTemplate
from taizhang.circulars.services import circular_template_upload
from taizhang.files.codes import FileCode
from taizhang.lib.refusal import Refusal
from tests.files import bombs, samples

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (samples.EXE, FileCode.EXECUTABLE),
        (samples.HTML, FileCode.ACTIVE_CONTENT),
        (samples.EICAR, FileCode.VIRUS),
        (bombs.docx_of_10_mb_xml(), FileCode.RATIO_TOO_HIGH),
        (samples.OLE, "not_docx"),
        (samples.zip_bytes(), "not_docx"),
    ],
)
def test_a_bad_template_file_is_refused_with_its_code(scene, content, code):
    with pytest.raises(Refusal) as refused:
        circular_template_upload(
            actor=scene.office,
            region=scene.region,
            kind="inspection",
            upload=BytesIO(content),
            name="模板.docx",
        )
    assert refused.value.code == code
    assert not CircularTemplate.objects.exists()
