from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "taizhang.notifications"
    verbose_name = "消息提醒"

    def ready(self) -> None:
        from taizhang.audit.alarms import register_alarm_listener
        from taizhang.notifications.alarms import alarm_notify

        register_alarm_listener(alarm_notify)
