-- Python pottery's HyperLogLog membership test: whether adding each element to a copy of the HLL would change a
-- register. A change means the element was certainly not added; no change means it probably was.
-- KEYS[1]: the HyperLogLog. KEYS[2]: a temporary key in the same hash slot, free for this call.
-- ARGV[1]: the temporary key's time to live in milliseconds, so it expires even if this script fails half-way.
-- ARGV[2..n]: the encoded elements.
-- Reply: an array with, per element in order, 1 if it is probably contained and 0 if not; all 0 if KEYS[1] is
-- missing (and nothing is written then).
-- Idempotent: yes, because it leaves nothing behind: the HyperLogLog is only read and the temporary key is deleted.
-- Atomic: each element is tested against the HLL as it is (a fresh copy per element), and no other client sees
-- the copy or a half-done answer. The copy is COPY (Redis 6.2+), server-side: the HLL's bytes never enter Lua.
-- Both keys are declared, so a cluster routes the script to their one slot.
local answers = {}
if redis.call('EXISTS', KEYS[1]) == 0 then
  for i = 2, #ARGV do
    answers[i - 1] = 0
  end
  return answers
end
for i = 2, #ARGV do
  redis.call('COPY', KEYS[1], KEYS[2], 'REPLACE')
  redis.call('PEXPIRE', KEYS[2], ARGV[1])
  answers[i - 1] = 1 - redis.call('PFADD', KEYS[2], ARGV[i])
end
redis.call('DEL', KEYS[2])
return answers
