-- redlock-extend.lua: Redlock.extend and the watchdog — reset the lease to the full auto-release time, only if
-- the lock still holds our value (Python pottery's extend script semantics).
-- KEYS[1]  the lock, redlock:<key>
-- ARGV[1]  our random UUID
-- ARGV[2]  the auto-release time in milliseconds
-- Reply:   1 if the lock held our UUID and its expiry is reset, else 0.
-- Idempotent:  yes, because resetting our own lease to the full time twice leaves it as once.
-- Atomic:  a GET then PEXPIRE could extend another holder's lock taken in between (a watchdog renewing a lease
--          that its holder just released would then keep a stranger's lock alive).
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return 1
end
return 0
