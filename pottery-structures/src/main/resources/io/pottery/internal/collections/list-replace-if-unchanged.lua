-- list-replace-if-unchanged.lua: RedisList.sort and replaceAll — replace the whole list with new elements,
-- only if it still holds exactly what the caller read (compared by length and a SHA-1 digest).
-- KEYS[1]  the list
-- ARGV[1]  the length the caller read
-- ARGV[2]  the SHA-1 (hex) of what the caller read: for each element, its byte length in decimal, ':' and
--          its bytes, all concatenated
-- ARGV[3…] the new elements: the codec's bytes, in order
-- Reply:   1 if the list was replaced, 0 if it had changed and nothing was written.
-- Idempotent:  no, because a resent run answers 0 (changed) and replaceAll would read again and apply its function
--              twice.
-- Atomic:  the comparison and the rewrite must see one list, or a concurrent change would be lost; the Java
--          caller reads again and retries on 0.
local key = KEYS[1]
local len = redis.call('LLEN', key)
if len ~= tonumber(ARGV[1]) then
  return 0
end
local parts = {}
for first = 0, len - 1, 1000 do
  local page = redis.call('LRANGE', key, first, first + 999)
  for j = 1, #page do
    parts[#parts + 1] = #page[j] .. ':' .. page[j]
  end
end
if redis.sha1hex(table.concat(parts)) ~= ARGV[2] then
  return 0
end
redis.call('DEL', key)
for from = 3, #ARGV, 1000 do
  redis.call('RPUSH', key, unpack(ARGV, from, math.min(from + 999, #ARGV)))
end
return 1
