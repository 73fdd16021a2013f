-- two-round-raise.lua: the write round of the two-round NextId contender (Python pottery's algorithm): raise the
-- stored value to the proposed id, never lower it.
-- KEYS[1]  the sequence, holding the last issued id as decimal text (absent = 0)
-- ARGV[1]  the proposed id: the maximum a read quorum returned, plus one
-- Reply:   1 if the id was above the stored value and is now stored, else 0.
-- Atomic:  the compare and the write must not interleave with another writer's, or the value could go down.
local stored = tonumber(redis.call('GET', KEYS[1]) or '0')
if stored < tonumber(ARGV[1]) then
  redis.call('SET', KEYS[1], ARGV[1])
  return 1
end
return 0
