from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "taizhang.reports"
    verbose_name = "进展报送"
