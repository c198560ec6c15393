"""定时任务: the periodic work (``taizhang tick``) and what it runs. It sits near the top of the layers
because it calls into every mechanism that marks things overdue or reminds people; they know nothing of it."""
