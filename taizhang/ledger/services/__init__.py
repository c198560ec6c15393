"""Writes to the ledger: a unit's decomposition of its line (分解) and its milestones (进度目标).

The line and its milestones share one lock: every write here bumps the line's ``version`` through
``save_versioned``, so two people editing the same decomposition cannot overwrite each other.
"""

from taizhang.ledger.services.decompose import assignment_decompose
from taizhang.ledger.services.milestones import MilestoneIn, milestone_done, milestone_set

__all__ = ["MilestoneIn", "assignment_decompose", "milestone_done", "milestone_set"]
