-- redlock-release.lua: Redlock.release — delete the lock only if it still holds our value (Python pottery's
-- release script semantics).
-- KEYS[1]  the lock, redlock:<key>
-- ARGV[1]  our random UUID
-- Reply:   1 if the lock held our UUID and is now deleted, else 0.
-- Idempotent:  yes, because a second run finds the lock no longer ours and deletes nothing.
-- Atomic:  between a GET and a DEL the lease could expire and another holder take the lock; we would delete
--          theirs.
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('DEL', KEYS[1])
  return 1
end
return 0
