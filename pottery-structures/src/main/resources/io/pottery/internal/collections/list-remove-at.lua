-- list-remove-at.lua: RedisList.remove(index) and iterator removal — remove the element at an index.
-- KEYS[1]  the list
-- ARGV[1]  the index; a negative index counts from the right end (-1 is the last), for descending iterators
-- ARGV[2]  a marker: random bytes starting with 0xff, which no codec writes (codecs write UTF-8 JSON)
-- Reply:   the removed element's bytes; or, if the index is out of bounds, the length as an integer.
-- Idempotent:  no, because a second run removes the element that moved into the index.
-- Atomic:  the marker is set and removed within this script, so no client ever sees it; and the element
--          returned is the one removed. (Python pottery marks with a UUID in MULTI, under WATCH.)
local key = KEYS[1]
local len = redis.call('LLEN', key)
local index = tonumber(ARGV[1])
if index < -len or index >= len then
  return len
end
if index < 0 then
  index = len + index
end
if index == 0 then
  return redis.call('LPOP', key)
end
if index == len - 1 then
  return redis.call('RPOP', key)
end
local old = redis.call('LINDEX', key, index)
redis.call('LSET', key, index, ARGV[2])
-- LREM scans from the end nearer to the index.
if index < len / 2 then
  redis.call('LREM', key, 1, ARGV[2])
else
  redis.call('LREM', key, -1, ARGV[2])
end
return old
