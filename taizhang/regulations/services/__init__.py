"""Every write on the regulations register: one function per business action, checks first, one
transaction with its audit entry."""

from taizhang.regulations.services.decisions import regulation_decide
from taizhang.regulations.services.register import regulation_create, regulation_update
from taizhang.regulations.services.versions import regulation_version_add

__all__ = ["regulation_create", "regulation_decide", "regulation_update", "regulation_version_add"]
