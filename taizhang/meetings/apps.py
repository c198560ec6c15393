from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "taizhang.meetings"
    verbose_name = "联系会议"
