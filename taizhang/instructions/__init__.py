"""Leaders' instructions (领导批示) and following (关注): a leader writes an instruction on a task, an
order, a finding or a report; it reaches the units of that item, each of which answers (答复). Office-side
users follow (关注) items and are told of their changes."""
