-- list-retain-all.lua: RedisList.retainAll(elements) — remove every element that is not one of the given.
-- KEYS[1]  the list
-- ARGV[1]  a marker: random bytes starting with 0xff, which no codec writes
-- ARGV[2…] the elements to keep: the codec's bytes
-- Reply:   the number of elements removed.
-- Idempotent:  yes, because once only the given elements are left a second run removes nothing.
-- Atomic:  the read, the marking and the LREM of the marker are one step; the marker never stays behind.
local key = KEYS[1]
local keep = {}
for i = 2, #ARGV do
  keep[ARGV[i]] = true
end
local len = redis.call('LLEN', key)
local removed = 0
for first = 0, len - 1, 1000 do
  local page = redis.call('LRANGE', key, first, first + 999)
  for j = 1, #page do
    if not keep[page[j]] then
      redis.call('LSET', key, first + j - 1, ARGV[1])
      removed = removed + 1
    end
  end
end
if removed > 0 then
  redis.call('LREM', key, 0, ARGV[1])
end
return removed
