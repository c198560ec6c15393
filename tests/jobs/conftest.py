# The tick is tested with the notification tests' people and local mail/robot servers.
from tests.notifications.conftest import no_channels, people, robot, smtp  # noqa: F401
