-- ExpiringCache.put: store an entry with its own time to live and list it in the cache's index, then drop a few
-- index members whose entry is gone.
-- KEYS[1]: the entry. KEYS[2]: the index (sorted set: member = JSON of the key, score = expiry in Unix ms).
-- ARGV[1]: the encoded value. ARGV[2]: time to live in milliseconds, or "0" for none. ARGV[3]: the index member
-- (JSON of the key). ARGV[4]: the prefix that, followed by a member, is that member's entry key.
-- Reply: 1.
-- Idempotent: yes, because a second run stores the same value again and only moves its expiry a little later.
-- Atomic: a clear() running at the same time either sees the index member with the entry or neither, so no
-- entry is ever left that the index does not list. Pruning checks EXISTS, so a live entry never loses its member.
-- All keys share the cache's hash tag; the pruned entries are read by name (ARGV[4] .. member), in that slot.
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local ttl = tonumber(ARGV[2])
local score = '+inf'
if ttl > 0 then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ttl)
  score = now + ttl
else
  redis.call('SET', KEYS[1], ARGV[1])
end
redis.call('ZADD', KEYS[2], score, ARGV[3])
local stale = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', now, 'LIMIT', 0, 10)
for _, member in ipairs(stale) do
  if redis.call('EXISTS', ARGV[4] .. member) == 0 then
    redis.call('ZREM', KEYS[2], member)
  end
end
return 1
