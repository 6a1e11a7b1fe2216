"""How formulas run: scalar, numpy, frames and SQL backends."""
