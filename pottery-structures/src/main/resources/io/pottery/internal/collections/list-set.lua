-- list-set.lua: RedisList.set(index, element) — replace the element at an index and return the old one.
-- KEYS[1]  the list
-- ARGV[1]  the index, 0 <= index (Java checks the sign; Redis would count a negative index from the end)
-- ARGV[2]  the new element: the codec's bytes
-- Reply:   the old element's bytes; or, if index >= LLEN, the length as an integer and nothing is written.
-- Idempotent:  yes, because writing the same element at the same index twice leaves the list as once.
-- Atomic:  the old value returned must be the one overwritten, and the bounds check must see the same length
--          as the write (LSET alone returns neither the old value nor a length).
local len = redis.call('LLEN', KEYS[1])
local index = tonumber(ARGV[1])
if index >= len then
  return len
end
local old = redis.call('LINDEX', KEYS[1], index)
redis.call('LSET', KEYS[1], index, ARGV[2])
return old
