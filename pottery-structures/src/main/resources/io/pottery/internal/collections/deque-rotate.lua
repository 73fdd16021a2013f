-- deque-rotate.lua: RedisDeque.rotate(n) — rotate right by n modulo the length, as collections.deque.rotate.
-- KEYS[1]  the list
-- ARGV[1]  |n| in decimal digits (any size: the modulo is taken digit by digit, exactly)
-- ARGV[2]  '+' to rotate right (towards the tail), '-' to rotate left
-- Reply:   the number of steps rotated right, 0 <= steps < length.
-- Idempotent:  no, because each run rotates again.
-- Atomic:  the cut and the re-push must see one list, or a concurrent push would be reordered or lost.
--          (Python pottery leaves the deque unchanged when |n| > length; Java takes n modulo the length.)
local key = KEYS[1]
local len = redis.call('LLEN', key)
if len <= 1 then
  return 0
end
local steps = 0
for digit in string.gmatch(ARGV[1], '%d') do
  steps = (steps * 10 + tonumber(digit)) % len
end
if ARGV[2] == '-' then
  steps = (len - steps) % len
end
if steps == 0 then
  return 0
end
if steps <= len - steps then
  -- Move the last `steps` elements to the head, in order.
  local tail = redis.call('LRANGE', key, len - steps, -1)
  redis.call('LTRIM', key, 0, len - steps - 1)
  for to = #tail, 1, -1000 do
    local chunk = {}
    for j = to, math.max(1, to - 999), -1 do
      chunk[#chunk + 1] = tail[j]
    end
    redis.call('LPUSH', key, unpack(chunk))
  end
else
  -- Rotating right by `steps` is rotating left by len - steps: move the first len - steps to the tail.
  local head = redis.call('LRANGE', key, 0, len - steps - 1)
  redis.call('LTRIM', key, len - steps, -1)
  for from = 1, #head, 1000 do
    redis.call('RPUSH', key, unpack(head, from, math.min(from + 999, #head)))
  end
end
return steps
