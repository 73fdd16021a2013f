-- ExpiringCache.clear, one batch: delete the entries of the first ARGV[2] index members and those members.
-- KEYS[1]: the index (sorted set: member = JSON of the key, score = expiry in Unix ms).
-- ARGV[1]: the prefix that, followed by a member, is that member's entry key. ARGV[2]: the batch size.
-- Reply: {entries deleted, index members left}.
-- Idempotent: yes, because a second run finds those entries and members gone and goes on with the next batch,
-- which a clear() was going to delete anyway.
-- Atomic: per batch; a batch is bounded so Redis is never blocked long. The entries are read by name
-- (ARGV[1] .. member): they share the index's hash tag, so on a cluster they are in this slot.
local members = redis.call('ZRANGE', KEYS[1], 0, tonumber(ARGV[2]) - 1)
local deleted = 0
for _, member in ipairs(members) do
  deleted = deleted + redis.call('DEL', ARGV[1] .. member)
end
if #members > 0 then
  redis.call('ZREM', KEYS[1], unpack(members))
end
return {deleted, redis.call('ZCARD', KEYS[1])}
