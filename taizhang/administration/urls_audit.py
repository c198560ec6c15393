"""Routes of the administration pages: audit (审计日志, for the audit administrator only)."""

from django.urls import path

from taizhang.administration.views import auditlog

urlpatterns = [
    path("audit/", auditlog.audit_log, name="audit_log"),
    path("audit/export.xlsx", auditlog.audit_log_download, name="audit_log_export"),
]
