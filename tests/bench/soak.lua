-- soak.lua: wrk script for the mixed-traffic soak (scripts/bench.sh bench_soak).
-- SOAK_REQUESTS names a file with one request per line:
--   WEIGHT<TAB>METHOD<TAB>PATH<TAB>HEADER: VALUE|HEADER: VALUE<TAB>BODY
-- Each request is picked at random in proportion to its weight. Status codes are
-- counted per class; done() prints them (5xx must stay 0).
local reqs, total = {}, 0
local file = os.getenv("SOAK_REQUESTS")

local function load()
  for line in io.lines(file) do
    local w, m, p, h, b = line:match("^(%d+)\t([^\t]*)\t([^\t]*)\t([^\t]*)\t?(.*)$")
    if w then
      local headers = {}
      for kv in h:gmatch("[^|]+") do
        local k, v = kv:match("^([^:]+):%s*(.*)$")
        if k then headers[k] = v end
      end
      total = total + tonumber(w)
      reqs[#reqs + 1] = {upto = total, req = wrk.format(m, p, headers, b ~= "" and b or nil)}
    end
  end
end

local threads = {}
function setup(thread)
  threads[#threads + 1] = thread
end

function init(args)
  load()
  math.randomseed(os.time() + math.floor(os.clock() * 1e6))
  c2, c3, c4, c5 = 0, 0, 0, 0
end

function request()
  local r = math.random() * total
  for _, q in ipairs(reqs) do
    if r <= q.upto then return q.req end
  end
  return reqs[#reqs].req
end

function response(status, headers, body)
  if status >= 500 then c5 = c5 + 1
  elseif status >= 400 then c4 = c4 + 1
  elseif status >= 300 then c3 = c3 + 1
  else c2 = c2 + 1 end
end

function done(summary, latency, requests)
  local t = {0, 0, 0, 0}
  for _, th in ipairs(threads) do
    t[1] = t[1] + (th:get("c2") or 0); t[2] = t[2] + (th:get("c3") or 0)
    t[3] = t[3] + (th:get("c4") or 0); t[4] = t[4] + (th:get("c5") or 0)
  end
  io.write(string.format("SOAK_CODES 2xx=%d 3xx=%d 4xx=%d 5xx=%d\n", t[1], t[2], t[3], t[4]))
end
