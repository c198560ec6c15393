"""Pages of supervision (督办): orders and replies, the overdue list, 看效果/查进度/问原因, key regulations.

Thin views: the selectors decide what is in scope (404) and who may act on it (403); the services decide
again, with the states; the views turn refusals into a message in the reader's language and a status
(403 wrong role, 409 stale version, 422 a step the state or the content does not allow).
"""
