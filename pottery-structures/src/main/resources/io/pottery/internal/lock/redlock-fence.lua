-- redlock-fence.lua: raise a lagging fencing counter to the token just issued, while the lock is still ours.
-- KEYS[1]  the lock, redlock:<key>
-- KEYS[2]  the fencing counter, {redlock:<key>}:fence
-- ARGV[1]  our random UUID
-- ARGV[2]  the fencing token issued (the maximum over the quorum's counters)
-- Reply:   1 if the lock still holds our UUID (the counter is now at least the token), else 0.
-- Idempotent:  yes, because raising the counter to the same token twice leaves it as once.
-- Atomic:  the raise must happen while this master still holds our lock, so that any later acquisition on
--          this master increments from at least our token; a GET then SET could raise after the lock moved on.
if redis.call('GET', KEYS[1]) ~= ARGV[1] then
  return 0
end
local current = tonumber(redis.call('GET', KEYS[2]) or '0')
if current < tonumber(ARGV[2]) then
  redis.call('SET', KEYS[2], ARGV[2])
end
return 1
