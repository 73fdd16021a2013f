-- set-update-from.lua: RedisSet.addAll, removeAll and retainAll with another Redis set of the same server as the
-- argument: the members never travel to the client.
-- KEYS[1]  this set, updated in place
-- KEYS[2]  the other set
-- ARGV[1]  'SUNIONSTORE' (addAll), 'SDIFFSTORE' (removeAll) or 'SINTERSTORE' (retainAll)
-- Reply:   1 if this set changed, 0 if not.
-- Idempotent:  yes, because union, difference and intersection with the same other set leave this set unchanged the
--              second time.
-- Atomic:  the size before and the store must see the same set, or "changed" could be wrong; each of the three
--          operations only grows or only shrinks the set, so a change of size is exactly a change of content.
local command = ARGV[1]
if command ~= 'SUNIONSTORE' and command ~= 'SDIFFSTORE' and command ~= 'SINTERSTORE' then
  return redis.error_reply('set-update-from.lua: unknown operation ' .. command)
end
local before = redis.call('SCARD', KEYS[1])
local after = redis.call(command, KEYS[1], KEYS[1], KEYS[2])
if after ~= before then
  return 1
end
return 0
