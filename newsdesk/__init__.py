"""Entry points: settings and the command line."""
