"""catalogue_import screens the file by its content and reads the sheet with limits: a program, a web page
or a virus named .xlsx, a zip bomb and a sheet over the row cap are refused with their files code."""

import io
import zipfile

import pytest

from taizhang.files.codes import FileCode
from taizhang.regulations.catalogue import CatalogueError, catalogue_import
from taizhang.regulations.models import Regulation
from tests.files import bombs, samples


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (samples.EXE, FileCode.EXECUTABLE),
        (samples.HTML, FileCode.ACTIVE_CONTENT),
        (samples.EICAR, FileCode.VIRUS),
        (bombs.xlsx_of_a_million_rows(), FileCode.RATIO_TOO_HIGH),
    ],
)
def test_a_bad_catalogue_file_is_refused_with_its_code(city, content, code):
    with pytest.raises(CatalogueError) as refused:
        catalogue_import(
            actor=city.office,
            region=city.region,
            fileobj=io.BytesIO(content),
            dry_run=False,
            file_name="目录.xlsx",
        )
    assert refused.value.code == code and refused.value.problems
    assert not Regulation.objects.exists()


def test_a_sheet_over_the_row_cap_is_refused(city, settings):
    settings.TAIZHANG_SHEET_MAX_ROWS = 50
    rows = [["制度名称"]] + [[f"制度{n}"] for n in range(60)]
    with pytest.raises(CatalogueError) as refused:
        catalogue_import(
            actor=city.office, region=city.region, fileobj=io.BytesIO(samples.xlsx_bytes(*rows)), dry_run=True
        )
    assert refused.value.code == FileCode.TOO_MANY_ROWS and "50" in refused.value.zh


def test_a_sheet_claiming_a_huge_size_is_read_as_its_cells(city):
    data = samples.xlsx_bytes(["制度名称"], ["公务接待管理办法"])
    with io.BytesIO(data) as source:
        out = io.BytesIO()
        with zipfile.ZipFile(source) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
            for item in zin.infolist():
                part = zin.read(item)
                if item.filename == "xl/worksheets/sheet1.xml":
                    part = part.replace(b'<dimension ref="A1:A2"/>', b'<dimension ref="A1:XFD1048576"/>')
                zout.writestr(item, part)
    result = catalogue_import(
        actor=city.office, region=city.region, fileobj=io.BytesIO(out.getvalue()), dry_run=True
    )
    assert [row.title for row in result.rows] == ["公务接待管理办法"]
