"""A bounded, thread-safe map that forgets its least recently used entries."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Generic, TypeVar

K = TypeVar("K")
V = TypeVar("V")


class BoundedMap(Generic[K, V]):
    """At most `limit` entries; reading or writing an entry makes it the most recent."""

    def __init__(self, limit: int) -> None:
        self._limit = limit
        self._items: OrderedDict[K, V] = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._items)

    def __contains__(self, key: object) -> bool:
        return key in self._items

    def get(self, key: K) -> V | None:
        with self._lock:
            if key not in self._items:
                return None
            self._items.move_to_end(key)
            return self._items[key]

    def put(self, key: K, value: V) -> None:
        with self._lock:
            self._items[key] = value
            self._evict(key)

    def add_new(self, key: K, value: V) -> bool:
        """Store `value` unless `key` is already there; False when it was."""
        with self._lock:
            if key in self._items:
                return False
            self._items[key] = value
            self._evict(key)
            return True

    def update(self, key: K, change: Callable[[V | None], V]) -> V:
        """Replace the value of `key` with `change(old value or None)`, atomically; returns the new value."""
        with self._lock:
            value = change(self._items.get(key))
            self._items[key] = value
            self._evict(key)
            return value

    def pop(self, key: K) -> V | None:
        with self._lock:
            return self._items.pop(key, None)

    def _evict(self, key: K) -> None:
        self._items.move_to_end(key)
        while len(self._items) > self._limit:
            self._items.popitem(last=False)
