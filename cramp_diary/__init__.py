"""cramp-diary: a terminal diary and coach for leg cramps."""

__version__ = "0.1.0"
