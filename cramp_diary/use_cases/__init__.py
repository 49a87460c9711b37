"""One function per thing a person does or reads, called alike by the CLI, the app and the report.

Each returns a result that carries its own sentence (worded once, in :mod:`.sentences`), so
the command line and the app can never say the same event two ways, and each rule is
checked in one place. The edges only choose how to show the sentence (``click.echo``,
``notify``) and what to do on refusal (exit 2, a quiet note).

Import the module you need (``from cramp_diary.use_cases.check_in import check_in``):
nothing is imported here, so ``cramp-diary log`` stays as light as it is.
"""
