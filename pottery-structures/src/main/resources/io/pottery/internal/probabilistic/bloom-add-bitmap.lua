-- BloomFilter.addAll for many elements: OR a bitmap of the bits to set into the filter, instead of one BITFIELD
-- operation per bit (hundreds of thousands of them cost far more than sending the bitmap once).
-- KEYS[1]: the filter's bitmap. KEYS[2]: a temporary key in the same hash slot, free for this call.
-- ARGV[1]: the bits to set, in Redis bit order (most significant bit of each byte first), trimmed after the byte of
-- the highest bit, so the filter grows only as far as SETBIT would grow it.
-- ARGV[2]: the temporary key's time to live in milliseconds, so it expires even if this script fails half-way.
-- Reply: 1 if any bit changed, else 0.
-- Idempotent: yes, because OR-ing the same bits twice leaves the bitmap as once (the temporary key is deleted
--             either way).
-- Atomic: no client sees some of the bits set and not others, and the temporary key never outlives the call.
local before = redis.call('BITCOUNT', KEYS[1])
redis.call('SET', KEYS[2], ARGV[1], 'PX', ARGV[2])
redis.call('BITOP', 'OR', KEYS[1], KEYS[1], KEYS[2])
redis.call('DEL', KEYS[2])
if redis.call('BITCOUNT', KEYS[1]) > before then
  return 1
end
return 0
