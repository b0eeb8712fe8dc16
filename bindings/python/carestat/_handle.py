"""Lifetime of C handles: explicit close(), context manager, and weakref.finalize (no __del__)."""

import weakref

from ._lib import Error

# Status codes (values from common.h; tests check each against carestat_status_name()).
OK = 0
ENOMEM = -1
EINVAL = -2
EIO = -3
EPARSE = -4
ENOTFOUND = -5
ERANGE = -6
EUNSUPPORTED = -7
ELIMIT = -8
ESTATE = -9
EBUFFER = -10


class Handle:
    """Owns one C handle and frees it exactly once.

    The handle is released by :meth:`close`, at the end of a ``with`` block, when the Python
    object is garbage-collected, or at interpreter exit, whichever comes first.  The finalizer
    holds the pointer, never ``self``.  Using a closed handle raises :class:`carestat.Error` with
    code ``CARESTAT_ESTATE``.
    """

    _kind = "handle"

    def _adopt(self, ptr, free_fn):
        self._p = ptr
        self._fin = weakref.finalize(self, free_fn, ptr)

    def close(self):
        """Release the C object now (idempotent)."""
        fin = getattr(self, "_fin", None)
        if fin is not None:
            fin()

    @property
    def closed(self):
        """True once :meth:`close` has run."""
        fin = getattr(self, "_fin", None)
        return fin is None or not fin.alive

    def __enter__(self):
        self._ptr  # noqa: B018  (raises if closed)
        return self

    def __exit__(self, *exc):
        self.close()
        return False

    @property
    def _ptr(self):
        if self.closed:
            raise Error(ESTATE, f"the {self._kind} is closed")
        return self._p

    @property
    def _as_parameter_(self):
        return self._ptr
