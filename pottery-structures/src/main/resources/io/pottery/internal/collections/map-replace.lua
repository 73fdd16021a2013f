-- map-replace.lua: RedisMap.replace(key, value) — overwrite a field only if it is present, and return the
-- value it held.
-- KEYS[1]  the hash
-- ARGV[1]  the field: the codec's bytes of the map key
-- ARGV[2]  the new value: the codec's bytes
-- Reply:   the previous value as a bulk string, or nil if the field was absent (and nothing was written).
-- Idempotent:  yes, because overwriting a present field with the same value twice leaves the hash as once.
-- Atomic:  "only if present" must hold at the moment of the write; checked from the client, a field removed
--          in between would be written back.
local previous = redis.call('HGET', KEYS[1], ARGV[1])
if previous then
  redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
end
return previous
