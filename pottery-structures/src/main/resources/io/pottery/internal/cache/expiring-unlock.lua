-- ExpiringCache.computeIfAbsent: release the load lock of one key if the caller still holds it.
-- KEYS[1]: the load lock. ARGV[1]: the caller's token.
-- Reply: 1 if released, 0 if the lock had expired or another caller holds it now.
-- Idempotent: yes, because a second run finds the lock gone (or another's) and deletes nothing.
-- Atomic: the token check and DEL are one step, so a lock that expired and was taken by another is never freed.
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
