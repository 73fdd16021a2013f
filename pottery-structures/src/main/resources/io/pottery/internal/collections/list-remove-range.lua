-- list-remove-range.lua: RedisList.subList(from, to).clear() — remove the elements at from <= index < to.
-- KEYS[1]  the list
-- ARGV[1]  from, 0 <= from
-- ARGV[2]  to, from <= to (clamped to LLEN)
-- ARGV[3]  a marker: random bytes starting with 0xff, which no codec writes
-- Reply:   the number of elements removed.
-- Idempotent:  no, because a second run removes the elements that moved into the range.
-- Atomic:  the marked slots and the LREM of the marker must be one step; the marker never stays behind.
local key = KEYS[1]
local len = redis.call('LLEN', key)
local from = tonumber(ARGV[1])
local to = math.min(tonumber(ARGV[2]), len)
if from >= to then
  return 0
end
if from == 0 then
  redis.call('LTRIM', key, to, -1)
elseif to == len then
  redis.call('LTRIM', key, 0, from - 1)
else
  for i = from, to - 1 do
    redis.call('LSET', key, i, ARGV[3])
  end
  redis.call('LREM', key, 0, ARGV[3])
end
return to - from
