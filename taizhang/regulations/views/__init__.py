"""Pages of the regulations register (制度库): the list and the periodic review list, registering and
editing, and the catalogue import; a regulation's own page, with its versions and 立改废留 decisions, is
``rulemaking.views``. Thin views: the selectors decide what is in scope (404), the services who may act
(403) and what the regulation's status allows (422); a stale version is 409."""

from taizhang.regulations.views.edit import regulation_create, regulation_edit
from taizhang.regulations.views.importing import regulation_import
from taizhang.regulations.views.lists import regulation_list_view, regulation_review

__all__ = [
    "regulation_create",
    "regulation_edit",
    "regulation_import",
    "regulation_list_view",
    "regulation_review",
]
