"""管理 (administration): the pages of the three administrators (三员: system, security, audit) over accounts,
units and the audit log, and the operations that reach across apps (merging two units, onboarding from an
通讯录). It sits high in the layers because a merge moves rows of every mechanism; the apps below know
nothing of it."""
