-- list-insert.lua: RedisList.add(index, element) and addAll(index, elements) — insert elements before an
-- index, in order, moving whichever side of the list is shorter. No marker is used.
-- KEYS[1]  the list
-- ARGV[1]  the index, 0 <= index <= LLEN, or 'end' for LLEN (append)
-- ARGV[2]  the maximum length after the insert (a bounded RedisDeque's maxlen), or -1 for none
-- ARGV[3…] the elements: the codec's bytes, in list order (at least one)
-- Reply:   {0, new length} on success; {1, length} if the index is out of bounds; {2, length} if the list
--          would exceed the maximum length. Nothing is written unless the reply starts with 0.
-- Idempotent:  no, because each run inserts the elements again.
-- Atomic:  the bounds check, the cut and the re-push must see one list, or a concurrent push would land in
--          the middle of the moved elements.
local key = KEYS[1]
local len = redis.call('LLEN', key)
local index = len
if ARGV[1] ~= 'end' then
  index = tonumber(ARGV[1])
end
local maxlen = tonumber(ARGV[2])
local count = #ARGV - 2
if index < 0 or index > len then
  return {1, len}
end
if maxlen >= 0 and len + count > maxlen then
  return {2, len}
end

-- Pushes items[first..last] at the right end, in order; unpack is limited by Lua's stack, hence chunks.
local function push_right(items, first, last)
  for from = first, last, 1000 do
    redis.call('RPUSH', key, unpack(items, from, math.min(from + 999, last)))
  end
end

-- Pushes items[first..last] at the left end so that they end up in order (LPUSH a b puts b before a).
local function push_left(items, first, last)
  for to = last, first, -1000 do
    local chunk = {}
    for j = to, math.max(first, to - 999), -1 do
      chunk[#chunk + 1] = items[j]
    end
    redis.call('LPUSH', key, unpack(chunk))
  end
end

if index == len then
  push_right(ARGV, 3, #ARGV)
elseif index <= len - index then
  if index > 0 then
    -- (LRANGE 0 -1 would be the whole list, hence the guard.)
    local head = redis.call('LRANGE', key, 0, index - 1)
    redis.call('LTRIM', key, index, -1)
    push_left(ARGV, 3, #ARGV)
    push_left(head, 1, #head)
  else
    push_left(ARGV, 3, #ARGV)
  end
else
  local tail = redis.call('LRANGE', key, index, -1)
  redis.call('LTRIM', key, 0, index - 1)
  push_right(ARGV, 3, #ARGV)
  push_right(tail, 1, #tail)
end
return {0, len + count}
