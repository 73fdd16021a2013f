-- ExpiringCache.remove: delete one entry and its index member.
-- KEYS[1]: the entry. KEYS[2]: the index.
-- ARGV[1]: the index member (JSON of the key).
-- Reply: 1 if the entry was there, else 0.
-- Idempotent: yes, because a second run deletes nothing more (it then reports 0).
-- Atomic: the entry and its member go together, so the index never misses a live entry.
redis.call('ZREM', KEYS[2], ARGV[1])
return redis.call('DEL', KEYS[1])
