"""Every write on the regulations register: one function per business action, checks first, one
transaction with its audit entry. Versions and decisions are ``rulemaking.services``."""

from taizhang.regulations.services.register import regulation_create, regulation_update

__all__ = ["regulation_create", "regulation_update"]
