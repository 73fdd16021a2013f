-- nextid-propose.lua: one master's part of NextId — store a proposed range of ids if it is above everything
-- issued on this master.
-- KEYS[1]  the sequence, nextid:<key>, holding the last issued id as decimal text (absent = 0)
-- ARGV[1]  low, the first id of the proposed range, canonical decimal text
-- ARGV[2]  high, the last id of the proposed range, canonical decimal text, low <= high <= 9223372036854775807;
--          Python pottery proposes low = high = current + 1 with a script of the same semantics
-- Reply:   the bulk string high if the stored value was below low (high is now stored); otherwise "-" followed
--          by the stored value, which can never equal a candidate, so a refusal is never counted as an
--          acceptance. An error reply NOTANID if the stored value is not canonical decimal text from 0 to
--          9223372036854775807 (nothing is written).
-- Idempotent:  no, because it issues ids: a resend reports our own stored range as a refusal, and an unknown
--              outcome of an id-issuing write must reach the caller.
-- Atomic:  the compare and the write must not interleave with another proposer's, or two overlapping ranges
--          could both be stored on this master and be issued twice.
--
-- Values are compared as text, never as Lua numbers: a Lua number is a double, exact only up to 2^53, and ids
-- go up to 2^63 - 1. Canonical decimal texts order by length first, then digit by digit; a text of up to 19
-- digits is split into two parts of at most 10 digits, each exact as a double, so no compare depends on the
-- server's locale (Lua's string < uses strcoll).
local MAX = '9223372036854775807'

local function less(a, b)
  if #a ~= #b then
    return #a < #b
  end
  if #a <= 15 then
    return tonumber(a) < tonumber(b)
  end
  local headA, headB = tonumber(string.sub(a, 1, -11)), tonumber(string.sub(b, 1, -11))
  if headA ~= headB then
    return headA < headB
  end
  return tonumber(string.sub(a, -10)) < tonumber(string.sub(b, -10))
end

local stored = redis.call('GET', KEYS[1]) or '0'
-- Canonical: digits only, no sign, no leading zero, no exponent (Python pottery's doubles write 1e+17 from
-- 10^17 on), at most Long.MAX_VALUE. Anything else would compare as garbage: refuse to touch it.
if #stored == 0 or #stored > 19 or string.find(stored, '^%d+$') == nil
    or (#stored > 1 and string.sub(stored, 1, 1) == '0') or less(MAX, stored) then
  local shown = string.sub(stored, 1, 40)
  shown = string.gsub(shown, '[^%w%p ]', function(c) return string.format('\\x%02x', string.byte(c)) end)
  shown = string.gsub(shown, '"', '\\"')
  if #stored > 40 then
    shown = shown .. '...'
  end
  return redis.error_reply('NOTANID the stored value "' .. shown .. '" is not a decimal id from 0 to ' .. MAX
      .. '; NextId leaves it as it is')
end
if less(stored, ARGV[1]) then
  redis.call('SET', KEYS[1], ARGV[2])
  return ARGV[2]
end
return '-' .. stored
