"""Every write of rulemaking: adding a version of a regulation and recording a 立改废留 decision, checks
first, one transaction with its audit entry."""

from taizhang.rulemaking.services.decisions import regulation_decide
from taizhang.rulemaking.services.versions import regulation_version_add

__all__ = ["regulation_decide", "regulation_version_add"]
