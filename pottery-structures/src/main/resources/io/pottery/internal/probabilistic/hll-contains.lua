-- Python pottery's HyperLogLog membership test: whether adding each element to a copy of the HLL would change a
-- register. A change means the element was certainly not added; no change means it probably was.
-- KEYS[1]: the HyperLogLog. KEYS[2]: a temporary key in the same hash slot, free for this call.
-- ARGV[1]: the temporary key's time to live in milliseconds, so it expires even if this script fails half-way.
-- ARGV[2..n]: the encoded elements.
-- Reply: an array with, per element in order, 1 if it is probably contained and 0 if not; all 0 if KEYS[1] is
-- missing (and nothing is written then).
-- Idempotent: yes, because it leaves nothing behind: the HyperLogLog is only read and the temporary key is deleted.
-- Atomic: each element is tested against the HLL as it is (a fresh copy per element), and no other client sees
-- the copy or a half-done answer. The copy is GET + SET rather than COPY, which Redis only has since 6.2.
local hll = redis.call('GET', KEYS[1])
local answers = {}
if not hll then
  for i = 2, #ARGV do
    answers[i - 1] = 0
  end
  return answers
end
for i = 2, #ARGV do
  redis.call('SET', KEYS[2], hll, 'PX', ARGV[1])
  answers[i - 1] = 1 - redis.call('PFADD', KEYS[2], ARGV[i])
end
redis.call('DEL', KEYS[2])
return answers
