"""taizhang (台账): the live ledger for an anti-corruption punishment-and-prevention plan."""
