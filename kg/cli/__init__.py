"""The ``kg`` command line: one module per command, each calling one library function.

The app is :data:`kg.cli.main.app`; the console script calls :func:`kg.cli.main.main`.
"""
