-- map-put.lua: RedisMap.put(key, value) — set a field and return the value it replaced.
-- KEYS[1]  the hash
-- ARGV[1]  the field: the codec's bytes of the map key
-- ARGV[2]  the new value: the codec's bytes
-- Reply:   the previous value as a bulk string, or nil if the field was absent.
-- Idempotent:  yes, because setting the field to the same value twice leaves the hash as once.
-- Atomic:  put must return exactly the value it overwrote. An HGET then an HSET from the client could report
--          a value another client replaced in between, and silently lose that client's write.
local previous = redis.call('HGET', KEYS[1], ARGV[1])
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
return previous
