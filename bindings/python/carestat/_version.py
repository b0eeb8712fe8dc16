"""Version of the Python binding (kept equal to the C library's version it is written for)."""
__version__ = "0.1.0"
