"""Circular pages: the list; for the office, new (from an inspection), edit, publish and the templates; for
whoever may read a circular, its page and its Word file. Thin: selector → form → service → redirect."""

from __future__ import annotations

from django.contrib import messages
from django.core.files.storage import default_storage
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from taizhang.accounts.access import ANY_ROLE, request_roles, role_required
from taizhang.accounts.checks import is_office_admin_of, office_region, require_office_admin_of
from taizhang.accounts.models import Role
from taizhang.circulars import services
from taizhang.circulars.forms import (
    PLACEHOLDER_HELP,
    CircularCreateForm,
    CircularEditForm,
    IssuerForm,
    TemplateUploadForm,
    VersionForm,
)
from taizhang.circulars.models import Circular, CircularKind
from taizhang.circulars.permissions import NOT_OFFICE
from taizhang.circulars.rendering import circular_render_docx, circular_text, template_bytes
from taizhang.circulars.selectors import circular_get, circular_list, inspections_for_circular, templates_of
from taizhang.lib.confirm import Confirmation, confirm_page, is_confirmed
from taizhang.lib.downloads import content_disposition
from taizhang.lib.i18n import said
from taizhang.lib.pageforms import form_submit, message_action
from taizhang.lib.responses import pdf_available, pdf_response

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _office(request: HttpRequest, circular: Circular) -> bool:
    return Role.OFFICE_ADMIN in request_roles(request) and is_office_admin_of(
        request.user, circular.region_id
    )


def _office_circular(request: HttpRequest, circular_id: int) -> Circular:
    """A circular the user may read (404 otherwise) and write (403 otherwise)."""
    circular = circular_get(user=request.user, pk=circular_id)
    require_office_admin_of(request.user, circular.region_id, refusal=NOT_OFFICE)
    return circular


@role_required(*ANY_ROLE)
@require_GET
def circular_list_page(request: HttpRequest) -> HttpResponse:
    """通报: the circulars the user may read, newest first."""
    circulars = circular_list(user=request.user).order_by("-published_at", "-created_at", "-id")
    return render(
        request,
        "circulars/circular_list.html",
        {
            "circulars": circulars,
            "office": Role.OFFICE_ADMIN in request_roles(request),
            "pdf": pdf_available(),
        },
    )


@role_required(Role.OFFICE_ADMIN)
def circular_create(request: HttpRequest) -> HttpResponse:
    """新建通报: from an inspection of the office's region, or blank."""
    inspections = inspections_for_circular(user=request.user)
    form = CircularCreateForm(request.POST or None, inspections=inspections)
    if request.method != "POST":
        return render(request, "circulars/circular_create.html", {"form": form})

    def draft(data: dict) -> Circular:
        if data["inspection"]:
            return services.circular_draft_from_inspection(actor=request.user, inspection=data["inspection"])
        return services.circular_draft(
            actor=request.user, kind=data["kind"], title=data["title"], body="", units=[]
        )

    sent = form_submit(form, draft, status=400, denied_on_form=True)
    if sent.done:
        messages.success(
            request, said("已生成通报草稿，请核改后发布。", "Draft created; edit it, then publish.")
        )
        return redirect("circular_edit", circular_id=sent.result.pk)
    return render(request, "circulars/circular_create.html", {"form": form}, status=sent.status)


@role_required(*ANY_ROLE)
@require_GET
def circular_detail(request: HttpRequest, circular_id: int) -> HttpResponse:
    """The circular as it reads (预览 for a draft), with its findings table."""
    circular = circular_get(user=request.user, pk=circular_id)
    office = _office(request, circular)
    return render(
        request,
        "circulars/circular_detail.html",
        {
            "circular": circular,
            "text": circular_text(circular),
            "units": circular.units.order_by("order", "name"),
            "office": office,
            "publish_form": VersionForm(initial={"expected_version": circular.version}),
            "pdf": pdf_available(),
        },
    )


@role_required(Role.OFFICE_ADMIN)
def circular_edit(request: HttpRequest, circular_id: int) -> HttpResponse:
    circular = _office_circular(request, circular_id)
    if circular.state != Circular.State.DRAFT:
        messages.error(
            request, said("通报已发布，不能修改。", "The circular is published and cannot be edited.")
        )
        return redirect("circular_detail", circular_id=circular.pk)
    form = CircularEditForm(request.POST or None, circular=circular)
    if request.method != "POST":
        return render(request, "circulars/circular_edit.html", {"circular": circular, "form": form})

    def save(data: dict) -> None:
        services.circular_update(
            actor=request.user,
            circular=circular,
            expected_version=data["expected_version"],
            title=data["title"],
            doc_number=data["doc_number"],
            body=data["body"],
            units=data["units"],
            copy_to=data["copy_to"],
        )

    sent = form_submit(form, save, status=400)
    if sent.done:
        messages.success(request, said("通报已保存。", "The circular has been saved."))
        return redirect("circular_detail", circular_id=circular.pk)
    if sent.error:  # a stale edit: said above the form
        form.add_error(None, sent.error)
    return render(
        request, "circulars/circular_edit.html", {"circular": circular, "form": form}, status=sent.status
    )


@require_http_methods(["GET", "POST"])
@role_required(Role.OFFICE_ADMIN)
def circular_publish(request: HttpRequest, circular_id: int) -> HttpResponse:
    """发布通报. GET, or a POST without ``confirmed``, is the confirmation page: the named units, whose
    liaisons and heads get a message; the Word file is final."""
    circular = _office_circular(request, circular_id)
    if circular.state != Circular.State.DRAFT and not is_confirmed(request):
        messages.info(request, _("通报已发布。"))
        return redirect("circular_detail", circular_id=circular.pk)
    if not is_confirmed(request):
        units = [unit.name for unit in circular.units.order_by("order", "name")]
        confirmation = Confirmation(
            title=_("发布通报"),
            lines=[
                _("发布《%(title)s》（%(number)s），生成正式 Word 文件，发布后不能再修改。")
                % {"title": circular.title, "number": circular.doc_number or _("尚无文号")},
                _("发布后 %(n)s 个被通报单位的联络员和负责人将收到通知。") % {"n": len(units)},
            ],
            recipients=units,
            button=_("确认发布"),
            action=reverse("circular_publish", args=[circular.pk]),
            back=reverse("circular_detail", args=[circular.pk]),
        )
        return confirm_page(request, confirmation, fields=[("expected_version", str(circular.version))])
    form = VersionForm(request.POST)

    def publish() -> str:
        version = form.cleaned_data["expected_version"]
        services.circular_publish(actor=request.user, circular=circular, expected_version=version)
        return said("通报已发布。", "The circular has been published.")

    return message_action(
        request,
        publish,
        back=redirect("circular_detail", circular_id=circular.pk),
        form=form,
        invalid=said("发布请求无效，请刷新页面后重试。", "Invalid request; reload the page and retry."),
    )


def _attachment(data_or_file, name: str) -> HttpResponse:
    response = HttpResponse(data_or_file, content_type=DOCX)
    response["Content-Disposition"] = content_disposition(name, ascii_name="circular.docx")
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _word_file(request: HttpRequest, circular_id: int) -> tuple[bytes, str]:
    """The Word file and its name: the one stored at publication; for a draft, made now from the template
    (the office's preview — nobody else sees a draft)."""
    circular = circular_get(user=request.user, pk=circular_id)
    name = f"{circular.doc_number or circular.title}.docx".replace("/", "_")
    if circular.state == Circular.State.PUBLISHED:
        try:
            with default_storage.open(circular.docx.name, "rb") as f:
                return f.read(), name
        except (FileNotFoundError, ValueError):
            raise Http404 from None
    require_office_admin_of(request.user, circular.region_id, refusal=NOT_OFFICE)
    return circular_render_docx(circular), f"草稿-{name}"


@role_required(*ANY_ROLE)
@require_GET
@never_cache
def circular_download(request: HttpRequest, circular_id: int) -> HttpResponse:
    return _attachment(*_word_file(request, circular_id))


@role_required(*ANY_ROLE)
@require_GET
@never_cache
def circular_download_pdf(request: HttpRequest, circular_id: int) -> HttpResponse:
    """The same document as PDF, through LibreOffice (``lib.responses.pdf_response``)."""
    data, name = _word_file(request, circular_id)
    pdf_name = name.removesuffix(".docx") + ".pdf"
    return pdf_response(data, suffix=".docx", filename=pdf_name, ascii_name="circular.pdf")


@role_required(Role.OFFICE_ADMIN)
def circular_templates(request: HttpRequest) -> HttpResponse:
    """通报模板: the Word template per kind for the office's region; upload one to replace it."""
    region = office_region(request.user, refusal=NOT_OFFICE)
    form = TemplateUploadForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":

        def upload(data: dict) -> None:
            file = data["file"]
            services.circular_template_upload(
                actor=request.user, region=region, kind=data["kind"], upload=file, name=file.name
            )

        sent = form_submit(form, upload, field="file", status=400)
        if sent.done:
            messages.success(request, said("模板已更换。", "The template has been replaced."))
            return redirect("circular_templates")
        status = sent.status
    rows = templates_of(region_id=region.pk)
    templates = [(kind, label, rows[kind]) for kind, label in CircularKind.choices]
    return render(
        request,
        "circulars/circular_templates.html",
        {
            "region": region,
            "templates": templates,
            "form": form,
            "placeholder_help": PLACEHOLDER_HELP,
            "issuer_form": IssuerForm.of(region),
        },
        status=status,
    )


@require_POST
@role_required(Role.OFFICE_ADMIN)
def circular_issuer(request: HttpRequest) -> HttpResponse:
    """发文机关设置 of the office's region, from the templates page."""
    region = office_region(request.user, refusal=NOT_OFFICE)
    form = IssuerForm(request.POST)

    def save() -> str:
        services.circular_issuer_set(actor=request.user, region=region, **form.cleaned_data)
        return said("发文机关设置已保存。", "The issuer settings have been saved.")

    return message_action(request, save, back=redirect("circular_templates"), form=form)


@role_required(Role.OFFICE_ADMIN)
@require_GET
def circular_template_download(request: HttpRequest) -> HttpResponse:
    """The template in use for ``?kind=`` in the office's region (the built-in one until replaced), to
    start a new one from."""
    kind = request.GET.get("kind", CircularKind.INSPECTION)
    if kind not in CircularKind.values:
        raise Http404
    region = office_region(request.user, refusal=NOT_OFFICE)
    data, row = template_bytes(region_id=region.pk, kind=kind)
    return _attachment(data, row.original_name if row else f"通报模板-{CircularKind(kind).label}.docx")
