-- map-put-if-absent.lua: RedisMap.putIfAbsent(key, value) and computeIfAbsent — set a field only if it is
-- absent, and return what it holds otherwise.
-- KEYS[1]  the hash
-- ARGV[1]  the field: the codec's bytes of the map key
-- ARGV[2]  the value to set if the field is absent
-- Reply:   the value the field already held (bulk string), or nil if it was absent and is now set.
-- Idempotent:  yes, because a second run finds our value and writes nothing.
-- Atomic:  HSETNX alone cannot tell which value won when it loses, and a later HGET may see a third value or
--          none; ConcurrentMap.putIfAbsent must return the value that blocked the write.
local current = redis.call('HGET', KEYS[1], ARGV[1])
if current then
  return current
end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
return false
