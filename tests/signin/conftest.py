from tests.accounts.conftest import PASSWORD, office  # the 甲市 world of the account pages

__all__ = ["PASSWORD", "office"]
