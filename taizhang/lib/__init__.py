"""Plain helpers shared by the apps. Nothing here knows a domain model."""
