-- ExpiringCache.putIfAbsent: store an entry with its own time to live unless one is there, and list it in the
-- cache's index.
-- KEYS[1]: the entry. KEYS[2]: the index (sorted set: member = JSON of the key, score = expiry in Unix ms).
-- ARGV[1]: the encoded value. ARGV[2]: time to live in milliseconds, or "0" for none. ARGV[3]: the index member
-- (JSON of the key).
-- Reply: nil if ARGV[1] was stored; else the value already there.
-- Idempotent: yes, because a second run finds the value the first one stored and reports it: the same bytes the
-- caller passed, so it returns what is stored either way.
-- Atomic: another process storing the same key in between cannot make this store over it.
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local ttl = tonumber(ARGV[2])
local stored
local score = '+inf'
if ttl > 0 then
  stored = redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ttl)
  score = now + ttl
else
  stored = redis.call('SET', KEYS[1], ARGV[1], 'NX')
end
if not stored then
  return redis.call('GET', KEYS[1])
end
redis.call('ZADD', KEYS[2], score, ARGV[3])
return nil
