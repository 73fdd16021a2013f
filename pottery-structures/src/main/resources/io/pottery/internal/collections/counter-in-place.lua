-- counter-in-place.lua: RedisCounter.plusInPlace, minusInPlace, unionInPlace and intersectionInPlace, Python's
-- Counter operators += -= |= &=: combine with another counter, then delete every count of 0 or below.
-- KEYS[1]  the hash
-- ARGV[1]  'plus', 'minus', 'union' or 'intersection'
-- ARGV[2…] pairs: field (the codec's bytes of the element), count (a signed decimal integer)
-- Reply:   the number of fields left.
-- Idempotent:  no, because 'plus' and 'minus' add the counts again on each run.
-- Atomic:  the combination and the clean-up must see one state, or a concurrent increment could be lost or a
--          positive count deleted. Counts are compared as decimal text, never as Lua numbers (doubles), so they
--          stay exact beyond 2^53.

-- a < b for canonical decimal integers ('-12', '0', '345'), exactly
local function less(a, b)
  local negative_a = string.sub(a, 1, 1) == '-'
  local negative_b = string.sub(b, 1, 1) == '-'
  if negative_a ~= negative_b then
    return negative_a
  end
  if negative_a then
    a, b = string.sub(b, 2), string.sub(a, 2)
  end
  if #a ~= #b then
    return #a < #b
  end
  return a < b
end

local function positive(count)
  return string.sub(count, 1, 1) ~= '-' and count ~= '0'
end

local key = KEYS[1]
local operation = ARGV[1]
if operation == 'plus' or operation == 'minus' then
  for i = 2, #ARGV, 2 do
    local delta = ARGV[i + 1]
    if operation == 'minus' then
      if string.sub(delta, 1, 1) == '-' then
        delta = string.sub(delta, 2)
      elseif delta ~= '0' then
        delta = '-' .. delta
      end
    end
    redis.call('HINCRBY', key, ARGV[i], delta)
  end
elseif operation == 'union' then
  for i = 2, #ARGV, 2 do
    local mine = redis.call('HGET', key, ARGV[i]) or '0'
    if less(mine, ARGV[i + 1]) then
      redis.call('HSET', key, ARGV[i], ARGV[i + 1])
    end
  end
elseif operation == 'intersection' then
  local other = {}
  for i = 2, #ARGV, 2 do
    other[ARGV[i]] = ARGV[i + 1]
  end
  local flat = redis.call('HGETALL', key)
  for i = 1, #flat, 2 do
    local theirs = other[flat[i]] or '0'
    if less(theirs, flat[i + 1]) then
      redis.call('HSET', key, flat[i], theirs)
    end
  end
else
  return redis.error_reply('counter-in-place.lua: unknown operation ' .. operation)
end
local flat = redis.call('HGETALL', key)
local doomed = {}
for i = 1, #flat, 2 do
  if not positive(flat[i + 1]) then
    doomed[#doomed + 1] = flat[i]
  end
end
for first = 1, #doomed, 1000 do
  redis.call('HDEL', key, unpack(doomed, first, math.min(first + 999, #doomed)))
end
return #flat / 2 - #doomed
