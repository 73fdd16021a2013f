-- map-compare-and-set.lua: the compare-and-set step of RedisMap.replace(key, old, new), remove(key, value),
-- compute, computeIfPresent, merge and replaceAll — change a field only if it still holds the bytes the caller
-- read (or is still absent).
-- KEYS[1]  the hash
-- ARGV[1]  the field: the codec's bytes of the map key
-- ARGV[2]  '1' if the field must hold exactly ARGV[3]; '0' if it must be absent
-- ARGV[3]  the expected value bytes (ignored when ARGV[2] is '0')
-- ARGV[4]  '1' to set the field to ARGV[5]; '0' to delete it
-- ARGV[5]  the new value bytes (ignored when ARGV[4] is '0')
-- Reply:   1 if the field matched and was changed, 0 if it did not match and nothing was written.
-- Idempotent:  no, because a resent run answers 0 (no match) and compute/merge would read again and apply their
--              function twice.
-- Atomic:  the comparison and the write must see the same value, or a concurrent write between them would be
--          overwritten (a lost update); Java callers retry with a fresh read when the reply is 0.
local current = redis.call('HGET', KEYS[1], ARGV[1])
if ARGV[2] == '1' then
  if current ~= ARGV[3] then
    return 0
  end
elseif current then
  return 0
end
if ARGV[4] == '1' then
  redis.call('HSET', KEYS[1], ARGV[1], ARGV[5])
else
  redis.call('HDEL', KEYS[1], ARGV[1])
end
return 1
