-- wrk script: POST a form, every request a new valid submission.
--
-- Reads a config file (first script argument), one "key value" per line:
--   path <path>        a form address; one is picked at random per request (repeatable)
--   body <template>    urlencoded body; {TOKEN} becomes a fresh one-time form token,
--                      {UNIQUE} a value never used before, {REF} a new candidate reference
--   csrf <secret>      sent as the csrftoken cookie and the X-CSRFToken header
--   success <text>     a valid submission redirects to a Location containing this
--   pool <kind> <file> per-request values used once each, in order: "session" (a
--                      sessionid cookie holding the earlier answers) or "path"
--   seed <text>        makes {UNIQUE} and {REF} differ between runs
--   offset <n>         skip the first n pool values (used by an earlier warm-up run)
-- Prints "RESULT ok=<n> other=<n> pool_left=<n> used=<n> over=<n>" when done; "over" counts
-- requests sent after the pool ran out (they go to /healthz instead, so are never counted valid).

local threads = {}

function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

local paths, body, csrf, success, seed, offset = {}, "", "", "", "run", 0
local pool = {}
-- globals, so done() can read them from each thread
counter, ok, other, pool_size, pool_kind = 0, 0, 0, 0, nil
local letters

local function random_string(n)
  local chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
  local out = {}
  for i = 1, n do
    local k = math.random(1, #chars)
    out[i] = chars:sub(k, k)
  end
  return table.concat(out)
end

function init(args)
  for line in io.lines(args[1]) do
    local key, rest = line:match("^(%S+) ?(.*)$")
    if key == "path" then table.insert(paths, rest)
    elseif key == "body" then body = rest
    elseif key == "csrf" then csrf = rest
    elseif key == "success" then success = rest
    elseif key == "seed" then seed = rest
    elseif key == "offset" then offset = tonumber(rest)
    elseif key == "pool" then
      local kind, file = rest:match("^(%S+) (.*)$")
      pool_kind = kind
      for value in io.lines(file) do table.insert(pool, value) end
    end
  end
  pool_size = math.max(#pool - offset, 0)
  math.randomseed(os.time() + id * 7919)
  letters = string.char(65 + math.random(0, 25), 65 + math.random(0, 25), 65 + math.random(0, 25))
end

function request()
  counter = counter + 1
  local unique = seed .. "-" .. id .. "-" .. counter
  local ref = letters .. string.format("%06d", (id * 100000 + counter) % 1000000)
  local filled = body:gsub("{TOKEN}", function() return random_string(40) end)
  filled = filled:gsub("{UNIQUE}", unique):gsub("{REF}", ref)
  local cookie = "csrftoken=" .. csrf
  local path = paths[math.random(1, #paths)]
  if pool_kind then
    local value = pool[counter + offset]
    if value == nil then
      path = "/healthz"  -- the pool ran out: a request that is never a submission (and never counted valid)
    elseif pool_kind == "session" then
      cookie = cookie .. "; sessionid=" .. value
    else
      path = value
    end
  end
  local headers = {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Cookie"] = cookie,
    ["X-CSRFToken"] = csrf,
  }
  return wrk.format("POST", path, headers, filled)
end

function response(status, headers, body)
  local location = headers["Location"] or headers["location"] or ""
  if status == 302 and location:find(success, 1, true) then ok = ok + 1 else other = other + 1 end
end

function done(summary, latency, requests)
  local total_ok, total_other, left, used, over = 0, 0, 0, 0, 0
  for _, thread in ipairs(threads) do
    total_ok = total_ok + thread:get("ok")
    total_other = total_other + thread:get("other")
    local count = thread:get("counter")
    used = used + count
    local size = thread:get("pool_size") or 0
    left = left + math.max(size - count, 0)
    if thread:get("pool_kind") then over = over + math.max(count - size, 0) end
  end
  io.write(string.format("RESULT ok=%d other=%d pool_left=%d used=%d over=%d\n", total_ok, total_other, left, used, over))
end
