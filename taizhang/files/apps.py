from django.apps import AppConfig


class FilesConfig(AppConfig):
    name = "taizhang.files"
    verbose_name = "文件"
