"""Question understanding, hybrid ranking and the extractive, cited answer."""
