-- redlock-acquire.lua: one master's part of Redlock.acquire — take the lock if free, and count the
-- acquisition for the fencing token.
-- KEYS[1]  the lock, redlock:<key>, holding the holder's bare UUID text (Python pottery's layout)
-- KEYS[2]  the fencing counter, {redlock:<key>}:fence (same hash slot as KEYS[1]), an integer, no expiry
-- ARGV[1]  our random UUID, 36 characters
-- ARGV[2]  the auto-release time in milliseconds
-- Reply:   the incremented fencing counter (an integer >= 1) if the lock was free and is now ours;
--          0 if someone holds it (nothing changed); a WRONGTYPE error if the key holds another Redis type,
--          which no holder can have written (the caller then names the master and its answer, instead of
--          waiting for a "holder" that will never release).
-- Idempotent:  no, because a resend would increment the fencing counter again and could take a lock freed
--              meanwhile.
-- Atomic:  the counter must be incremented by exactly the acquisitions that succeeded on this master, in the
--          order they succeeded; SET NX and INCR in two commands could count a failed SET or interleave.
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
  return redis.call('INCR', KEYS[2])
end
local kind = redis.call('TYPE', KEYS[1])['ok']
if kind ~= 'string' then
  return redis.error_reply('WRONGTYPE ' .. KEYS[1] .. ' holds a ' .. kind .. ', not a Redlock lease')
end
return 0
