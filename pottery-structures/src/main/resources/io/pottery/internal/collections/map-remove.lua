-- map-remove.lua: RedisMap.remove(key) — delete a field and return the value it held.
-- KEYS[1]  the hash
-- ARGV[1]  the field: the codec's bytes of the map key
-- Reply:   the removed value as a bulk string, or nil if the field was absent.
-- Idempotent:  yes, because a second run finds the field absent and writes nothing.
-- Atomic:  remove must return exactly the value it deleted; an HGET then an HDEL could report a value that
--          another client overwrote in between, and delete that client's value unseen.
local previous = redis.call('HGET', KEYS[1], ARGV[1])
if previous then
  redis.call('HDEL', KEYS[1], ARGV[1])
end
return previous
