-- set-retain.lua: RedisSet.retainAll(collection) with a local collection: keeps only the given members.
-- KEYS[1]  the set
-- ARGV[1] … ARGV[n]  the codec's bytes of the elements to keep (possibly none: then every member goes)
-- Reply:   the number of members removed.
-- Idempotent:  yes, because once only the given members are left a second run removes nothing.
-- Atomic:  the members read and the members removed must be the same snapshot, or a member added meanwhile
--          could survive (or one re-added be lost) contrary to retainAll's contract.
local keep = {}
for i = 1, #ARGV do
  keep[ARGV[i]] = true
end
local doomed = {}
for _, member in ipairs(redis.call('SMEMBERS', KEYS[1])) do
  if not keep[member] then
    doomed[#doomed + 1] = member
  end
end
-- SREM in batches: unpack() of a huge table would overflow Lua's stack
for first = 1, #doomed, 1000 do
  redis.call('SREM', KEYS[1], unpack(doomed, first, math.min(first + 999, #doomed)))
end
return #doomed
