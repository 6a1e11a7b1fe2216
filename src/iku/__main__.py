"""``python -m iku`` runs the command line."""

from iku.cli import main

raise SystemExit(main())
