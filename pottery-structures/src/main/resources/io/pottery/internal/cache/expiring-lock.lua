-- ExpiringCache.computeIfAbsent: take (or keep) the load lock of one key for a lease.
-- KEYS[1]: the load lock. ARGV[1]: the caller's random token. ARGV[2]: the lease in milliseconds.
-- Reply: 1 if the caller holds the lock now, else 0.
-- Idempotent: yes, because a second run finds the caller's own token and only renews the lease.
-- Atomic: SET NX and the token check are one step, so two processes never both hold it.
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
  return 1
end
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return 1
end
return 0
