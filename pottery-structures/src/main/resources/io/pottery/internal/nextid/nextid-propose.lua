-- nextid-propose.lua: one master's part of NextId — store a proposed range of ids if it is above everything
-- issued on this master.
-- KEYS[1]  the sequence, nextid:<key>, holding the last issued id as decimal text (absent = 0)
-- ARGV[1]  low, the first id of the proposed range (decimal)
-- ARGV[2]  high, the last id of the proposed range (decimal), high >= low >= 1; Python pottery proposes
--          low = high = current + 1 with a script of the same semantics
-- Reply:   high if the stored value was below low (high is now stored); otherwise the stored value negated
--          (0 or less), which can never equal a candidate, so a refusal is never counted as an acceptance.
-- Idempotent:  no, because it issues ids: a resend reports our own stored range as a refusal, and an unknown
--              outcome of an id-issuing write must reach the caller.
-- Atomic:  the compare and the write must not interleave with another proposer's, or two overlapping ranges
--          could both be stored on this master and be issued twice.
local stored = tonumber(redis.call('GET', KEYS[1]) or '0')
if stored < tonumber(ARGV[1]) then
  redis.call('SET', KEYS[1], ARGV[2])
  return tonumber(ARGV[2])
end
return -stored
