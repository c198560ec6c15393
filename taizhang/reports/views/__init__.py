"""Pages of progress reports (进展报送): the periods of a ledger line, the report of one period with its
evidence files and review trail, evidence downloads, and the review queue (审核).

Thin views: the selectors decide what is in scope (404), the services who may do what (403) and whether
the report's state allows it; the views turn refusals into a clear message in the reader's language.
"""
