"""Argument checking shared by the wrappers: wrong Python types raise TypeError before C is called."""

import numbers
import os


def as_int(x, name):
    """An integer argument (bool and floats are refused)."""
    if isinstance(x, bool) or not isinstance(x, numbers.Integral):
        raise TypeError(f"{name} must be an int, not {type(x).__name__}")
    return int(x)


def as_real(x, name):
    """A real-number argument (int or float; bool and strings are refused)."""
    if isinstance(x, bool) or not isinstance(x, numbers.Real):
        raise TypeError(f"{name} must be a number, not {type(x).__name__}")
    return float(x)


def as_bytes(x, name, optional=False):
    """A text argument, encoded as UTF-8 for C (None allowed when optional)."""
    if x is None and optional:
        return None
    if not isinstance(x, str):
        raise TypeError(f"{name} must be a str, not {type(x).__name__}")
    if "\0" in x:
        raise ValueError(f"{name} must not contain NUL characters")
    return x.encode("utf-8")


def as_path(x, name="path"):
    """A file-system path (str or os.PathLike), encoded for C."""
    if not isinstance(x, (str, bytes, os.PathLike)):
        raise TypeError(f"{name} must be a path (str or os.PathLike), not {type(x).__name__}")
    b = os.fsencode(x)
    if b"\0" in b:
        raise ValueError(f"{name} must not contain NUL characters")
    return b


def as_str_list(x, name):
    """None, one str, or an iterable of str -> list of str (or None)."""
    if x is None:
        return None
    if isinstance(x, str):
        return [x]
    try:
        items = list(x)
    except TypeError:
        raise TypeError(f"{name} must be a str or an iterable of str, not {type(x).__name__}") from None
    for i in items:
        if not isinstance(i, str):
            raise TypeError(f"{name} must contain str, not {type(i).__name__}")
    return items


def text(b):
    """C string (bytes or None) -> str."""
    return "" if b is None else b.decode("utf-8", "replace")
