-- counter-in-place.lua: every RedisCounter update that takes more than one field, all or nothing.
--   'add', 'subtract'      add and subtract, from an iterable or a map: old + delta for every element, as Python's
--                          collections.Counter.update/subtract define it (not Python pottery's read-then-write,
--                          which counts the old value twice and loses concurrent updates). Zero and negative
--                          results stay stored.
--   'plus', 'minus', 'union', 'intersection'
--                          plusInPlace, minusInPlace, unionInPlace, intersectionInPlace: Python's Counter
--                          operators += -= |= &=, then every count of 0 or below is deleted.
-- KEYS[1]  the hash
-- ARGV[1]  the operation: 'add', 'subtract', 'plus', 'minus', 'union' or 'intersection'
-- ARGV[2…] pairs: field (the codec's bytes of the element), count (a canonical signed decimal integer, as
--          Long.toString writes it)
-- Reply:   on success an integer: for 'add'/'subtract' the number of fields written, for the others the number of
--          fields left. On refusal, nothing is written and the reply is an array:
--            {'not-a-count', field, stored value}  a stored count that is not a 64-bit decimal integer
--            {'overflow', field, exact result}      a new count outside the signed 64-bit range
-- Idempotent:  no, because 'add', 'subtract', 'plus' and 'minus' add the counts again on each run.
-- Atomic:  every count the update reads is validated and every new count computed before the first write, so a
--          refusal leaves the hash exactly as it was (Redis does not roll a script back: a failing HINCRBY halfway
--          would leave the fields before it updated). The in-place operations read and validate the whole hash,
--          because their clean-up judges every count. Counts are computed and compared as decimal text, never as
--          Lua numbers (doubles), so they stay exact beyond 2^53.

local key = KEYS[1]
local operation = ARGV[1]

-- a < b for canonical decimal integers ('-12', '0', '345'), exactly
local function less(a, b)
  local negative_a = string.sub(a, 1, 1) == '-'
  local negative_b = string.sub(b, 1, 1) == '-'
  if negative_a ~= negative_b then
    return negative_a
  end
  if negative_a then
    a, b = string.sub(b, 2), string.sub(a, 2)
  end
  if #a ~= #b then
    return #a < #b
  end
  return a < b
end

local function positive(count)
  return string.sub(count, 1, 1) ~= '-' and count ~= '0'
end

local function negate(count)
  if count == '0' then
    return '0'
  elseif string.sub(count, 1, 1) == '-' then
    return string.sub(count, 2)
  end
  return '-' .. count
end

-- The magnitude (digits without sign) of a canonical integer fits a signed 64-bit integer of that sign.
local function fits(count)
  local negative = string.sub(count, 1, 1) == '-'
  local digits = negative and string.sub(count, 2) or count
  if #digits ~= 19 then
    return #digits < 19
  end
  return digits <= (negative and '9223372036854775808' or '9223372036854775807')
end

-- What HINCRBY accepts as a stored count: canonical decimal (no sign '+', no leading zeros, no '-0') in range.
local function is_count(text)
  return (text == '0' or string.match(text, '^%-?[1-9]%d*$') ~= nil) and fits(text)
end

-- Digit strings without sign or leading zeros: a + b.
local function add_digits(a, b)
  local out, carry, i, j = {}, 0, #a, #b
  while i > 0 or j > 0 or carry > 0 do
    local sum = carry
    if i > 0 then sum = sum + string.byte(a, i) - 48 end
    if j > 0 then sum = sum + string.byte(b, j) - 48 end
    out[#out + 1] = string.char(48 + sum % 10)
    carry = math.floor(sum / 10)
    i, j = i - 1, j - 1
  end
  return string.reverse(table.concat(out))
end

-- Digit strings without sign or leading zeros, a > b: a - b, without leading zeros.
local function subtract_digits(a, b)
  local out, borrow, i, j = {}, 0, #a, #b
  while i > 0 do
    local digit = string.byte(a, i) - 48 - borrow
    if j > 0 then digit = digit - (string.byte(b, j) - 48) end
    if digit < 0 then
      digit, borrow = digit + 10, 1
    else
      borrow = 0
    end
    out[#out + 1] = string.char(48 + digit)
    i, j = i - 1, j - 1
  end
  local result = string.gsub(string.reverse(table.concat(out)), '^0+', '')
  return result
end

-- a + b for canonical decimal integers of any size, exactly.
local function sum(a, b)
  local negative_a = string.sub(a, 1, 1) == '-'
  local negative_b = string.sub(b, 1, 1) == '-'
  local digits_a = negative_a and string.sub(a, 2) or a
  local digits_b = negative_b and string.sub(b, 2) or b
  if negative_a == negative_b then
    local digits = add_digits(digits_a, digits_b)
    return (negative_a and digits ~= '0') and '-' .. digits or digits
  end
  if digits_a == digits_b then
    return '0'
  end
  local a_larger = #digits_a > #digits_b or (#digits_a == #digits_b and digits_a > digits_b)
  if a_larger then
    local digits = subtract_digits(digits_a, digits_b)
    return negative_a and '-' .. digits or digits
  end
  local digits = subtract_digits(digits_b, digits_a)
  return negative_b and '-' .. digits or digits
end

local counts = {}   -- field -> count text: what is stored, then what will be
local touched = {}  -- fields whose count this update sets, in the order first met
local seen = {}

local function touch(field, count)
  counts[field] = count
  if not seen[field] then
    seen[field] = true
    touched[#touched + 1] = field
  end
end

if operation == 'add' or operation == 'subtract' then
  -- Read and check only the fields updated: the rest of the hash is none of this update's business.
  for i = 2, #ARGV, 2 do
    local field = ARGV[i]
    if counts[field] == nil then
      local stored = redis.call('HGET', key, field)
      if stored == false then
        stored = '0'
      elseif not is_count(stored) then
        return {'not-a-count', field, stored}
      end
      counts[field] = stored
    end
    local delta = ARGV[i + 1]
    if operation == 'subtract' then
      delta = negate(delta)
    end
    touch(field, sum(counts[field], delta))
  end
  for _, field in ipairs(touched) do
    if not fits(counts[field]) then
      return {'overflow', field, counts[field]}
    end
  end
  for _, field in ipairs(touched) do
    redis.call('HSET', key, field, counts[field])
  end
  return #touched
end

if operation ~= 'plus' and operation ~= 'minus' and operation ~= 'union' and operation ~= 'intersection' then
  return redis.error_reply('counter-in-place.lua: unknown operation ' .. operation)
end

local flat = redis.call('HGETALL', key)
local fields = {}
for i = 1, #flat, 2 do
  if not is_count(flat[i + 1]) then
    return {'not-a-count', flat[i], flat[i + 1]}
  end
  counts[flat[i]] = flat[i + 1]
  fields[#fields + 1] = flat[i]
end
local stored = {}
for field, count in pairs(counts) do
  stored[field] = count
end

if operation == 'plus' or operation == 'minus' then
  for i = 2, #ARGV, 2 do
    local delta = ARGV[i + 1]
    if operation == 'minus' then
      delta = negate(delta)
    end
    touch(ARGV[i], sum(counts[ARGV[i]] or '0', delta))
  end
  for _, field in ipairs(touched) do
    -- A result that does not fit is refused even if the clean-up would delete it: Python's Counter would hold it.
    if not fits(counts[field]) then
      return {'overflow', field, counts[field]}
    end
  end
elseif operation == 'union' then
  for i = 2, #ARGV, 2 do
    if less(counts[ARGV[i]] or '0', ARGV[i + 1]) then
      touch(ARGV[i], ARGV[i + 1])
    end
  end
else
  local other = {}
  for i = 2, #ARGV, 2 do
    other[ARGV[i]] = ARGV[i + 1]
  end
  for _, field in ipairs(fields) do
    local theirs = other[field] or '0'
    if less(theirs, counts[field]) then
      touch(field, theirs)
    end
  end
end

-- Validated and computed: now write. Keep positive counts that changed, delete every count of 0 or below.
local doomed = {}
for _, field in ipairs(fields) do
  if not seen[field] and not positive(counts[field]) then
    doomed[#doomed + 1] = field
  end
end
local left = #fields
for _, field in ipairs(touched) do
  if not positive(counts[field]) then
    if stored[field] ~= nil then
      doomed[#doomed + 1] = field
    end
  elseif counts[field] ~= stored[field] then
    if stored[field] == nil then
      left = left + 1
    end
    redis.call('HSET', key, field, counts[field])
  end
end
for first = 1, #doomed, 1000 do
  redis.call('HDEL', key, unpack(doomed, first, math.min(first + 999, #doomed)))
end
return left - #doomed
