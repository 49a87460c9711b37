"""Allow ``python -m cramp_diary``."""

from cramp_diary.cli import main

main()
