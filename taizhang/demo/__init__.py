"""演示: `taizhang demo` builds a demo installation from the two seed plans (no models of its own)."""
