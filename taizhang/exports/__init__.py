"""Ledger (台账) exports: plain writers with no Django import, shared by the CLI and the web app."""
