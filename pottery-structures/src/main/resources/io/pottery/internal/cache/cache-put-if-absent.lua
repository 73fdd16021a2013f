-- CachedOrderedMap.putIfAbsent: store a value unless the cache already holds the key, and tell which value is
-- now stored, then renew the cache's time to live.
-- KEYS[1]: the cache hash.
-- ARGV[1]: the field (encoded key). ARGV[2]: the encoded value. ARGV[3]: time to live in milliseconds, or "0" for
-- none.
-- Reply: nil if ARGV[2] was stored; else the value the field already held.
-- Idempotent: yes, because a second run finds our own value stored and only renews the time to live again.
-- Atomic: another process storing the same key in between cannot make this store over it, or adopt a value that
-- is no longer there.
local stored = redis.call('HGET', KEYS[1], ARGV[1])
if not stored then
  redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
end
if ARGV[3] ~= '0' then
  redis.call('PEXPIRE', KEYS[1], ARGV[3])
end
return stored
