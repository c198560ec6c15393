"""看板: per-plan dashboards for leaders and the office. No models: it reads the ledger and reports."""
