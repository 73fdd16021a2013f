-- counter-add.lua: RedisCounter.add and subtract, from an iterable or a map: old + delta for every element, as
-- Python's collections.Counter.update/subtract define it (not Python pottery's read-then-write, which counts the
-- old value twice and loses concurrent updates).
-- KEYS[1]  the hash
-- ARGV[1] … ARGV[n]  pairs: ARGV[1] a field (the codec's bytes of an element), ARGV[2] its delta (a signed
--          decimal integer), ARGV[3] the next field, and so on
-- Reply:   the number of fields updated.
-- Idempotent:  no, because each run adds the deltas again.
-- Atomic:  other clients see all of the update or none of it. HINCRBY takes the delta as text, so counts stay
--          exact 64-bit integers (Lua numbers are doubles). A count that would overflow stops the script with
--          HINCRBY's error; fields before it are already updated (Redis does not roll a script back).
for i = 1, #ARGV, 2 do
  redis.call('HINCRBY', KEYS[1], ARGV[i], ARGV[i + 1])
end
return #ARGV / 2
