-- set-relation.lua: RedisSet.isDisjoint, isSubsetOf, isSupersetOf and equals in one round trip, without sending
-- the members of a Redis set to the client.
-- KEYS[1]  this set
-- KEYS[2]  the other set, when the other collection is a Redis set on the same server (absent otherwise)
-- ARGV[1]  'disjoint', 'subset' (this ⊆ other), 'superset' (this ⊇ other) or 'equal'
-- ARGV[2…] the codec's bytes of the other collection's elements, when there is no KEYS[2]
-- Reply:   1 if the relation holds, 0 if not.
-- Idempotent:  yes, because it only reads.
-- Atomic:  both sets are read at one instant, so the answer is true of a state that really existed.
local this = KEYS[1]
local relation = ARGV[1]
if #KEYS == 2 then
  local other = KEYS[2]
  if relation == 'superset' then
    this, other = other, this
    relation = 'subset'
  end
  if relation == 'subset' or relation == 'equal' then
    local size, other_size = redis.call('SCARD', this), redis.call('SCARD', other)
    if size > other_size or (relation == 'equal' and size ~= other_size) then
      return 0
    end
    for _, member in ipairs(redis.call('SMEMBERS', this)) do
      if redis.call('SISMEMBER', other, member) == 0 then
        return 0
      end
    end
    return 1
  end
  -- disjoint: walk the smaller set, probe the larger
  local small, large = this, other
  if redis.call('SCARD', small) > redis.call('SCARD', large) then
    small, large = large, small
  end
  for _, member in ipairs(redis.call('SMEMBERS', small)) do
    if redis.call('SISMEMBER', large, member) == 1 then
      return 0
    end
  end
  return 1
end
if relation == 'subset' or relation == 'equal' then
  local given = {}
  local distinct = 0
  for i = 2, #ARGV do
    if not given[ARGV[i]] then
      given[ARGV[i]] = true
      distinct = distinct + 1
    end
  end
  local size = redis.call('SCARD', this)
  if size > distinct or (relation == 'equal' and size ~= distinct) then
    return 0
  end
  for _, member in ipairs(redis.call('SMEMBERS', this)) do
    if not given[member] then
      return 0
    end
  end
  return 1
end
-- superset fails on the first given member that is absent, disjoint on the first that is present
local failing = 1
if relation == 'superset' then
  failing = 0
end
for i = 2, #ARGV do
  if redis.call('SISMEMBER', this, ARGV[i]) == failing then
    return 0
  end
end
return 1
