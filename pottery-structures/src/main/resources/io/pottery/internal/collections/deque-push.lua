-- deque-push.lua: a bounded RedisDeque's addFirst/addLast/offer*/push/addAll/extendLeft — push at one end,
-- then trim the other end down to maxlen, as Python's deque(maxlen=n).
-- KEYS[1]  the list
-- ARGV[1]  'LPUSH' (head) or 'RPUSH' (tail)
-- ARGV[2]  maxlen, >= 0
-- ARGV[3…] the elements: the codec's bytes, in push order (at least one)
-- Reply:   the length afterwards.
-- Idempotent:  no, because each run pushes the elements again.
-- Atomic:  the push and its trim are one step, so no client ever sees more than maxlen elements, even with
--          pushes at both ends at once.
local key = KEYS[1]
local maxlen = tonumber(ARGV[2])
if maxlen == 0 then
  -- collections.deque(maxlen=0) drops whatever is added; LLEN still fails on a key of another type.
  return redis.call('LLEN', key)
end
local len
for from = 3, #ARGV, 1000 do
  len = redis.call(ARGV[1], key, unpack(ARGV, from, math.min(from + 999, #ARGV)))
end
if len > maxlen then
  if ARGV[1] == 'RPUSH' then
    redis.call('LTRIM', key, -maxlen, -1)
  else
    redis.call('LTRIM', key, 0, maxlen - 1)
  end
  len = maxlen
end
return len
