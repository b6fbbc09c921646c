"""The shared cache and the Celery broker on Redis, each with one redis-py client
per process instead of one per call.

Django's Redis cache and kombu's Redis transport build a new `redis.Redis` for
each command they send (about 170 response callbacks set up every time, a
third of the cost of a rate-limit check or of publishing a task). A client
holds no connection of its own: each command takes one from the pool the
client was made with, so one client per pool is safe to share between threads.
Settings name these by string (CACHES, CELERY_BROKER_TRANSPORT).
"""

from contextlib import contextmanager

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient
from kombu.transport import redis as kombu_redis


class _OneClientPerPool(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))  # pools live as long as this object
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class RedisCache(DjangoRedisCache):
    """Django's Redis cache, with one redis-py client per server."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = _OneClientPerPool


class Channel(kombu_redis.Channel):
    """kombu's Redis channel, with one client for the commands it sends outside
    the event loop (publishing, above all) while its connection pool lasts."""

    _shared_client = None

    @contextmanager
    def conn_or_acquire(self, client=None):
        if client:
            yield client
            return
        shared = self._shared_client
        if shared is None or shared.connection_pool is not self.pool:  # a closed channel drops its pool
            shared = self._shared_client = self._create_client()
        yield shared


class Transport(kombu_redis.Transport):
    Channel = Channel
