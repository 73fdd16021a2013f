-- list-remove-all.lua: RedisList.removeAll(elements) — remove every occurrence of each given element.
-- KEYS[1]  the list
-- ARGV[1], ARGV[2], … the elements to remove: the codec's bytes (at least one)
-- Reply:   the number of elements removed.
-- Idempotent:  yes, because once every occurrence is gone a second run removes nothing.
-- Atomic:  removeAll is one change for other clients, not one LREM after another.
local removed = 0
for i = 1, #ARGV do
  removed = removed + redis.call('LREM', KEYS[1], 0, ARGV[i])
end
return removed
