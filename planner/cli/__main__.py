"""``python -m planner.cli`` runs the ``cvj`` command line."""

from planner.cli import main

main()
