-- redlock-locked.lua: Redlock.locked — the remaining time of our lease on this master (Python pottery's
-- is-locked script semantics).
-- KEYS[1]  the lock, redlock:<key>
-- ARGV[1]  our random UUID
-- Reply:   the PTTL in milliseconds if the lock holds our UUID (0 if it has no time left), else 0.
-- Idempotent:  yes, because it only reads.
-- Atomic:  a GET then PTTL could report the time of another holder's lock taken in between.
if redis.call('GET', KEYS[1]) == ARGV[1] then
  local ttl = redis.call('PTTL', KEYS[1])
  if ttl > 0 then
    return ttl
  end
end
return 0
