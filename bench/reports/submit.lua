-- wrk script: POST /api/v1/reports as JSON, a different report each time, no photo. The server under test runs
-- with proof of work off and a high per-client limit, so this measures the server, not the anti-bot measures.
local categories = { "noise", "disturbance", "illegal_parking", "gambling", "fire_hazard", "lost_documents" }
local n = 0
-- thread_id is set per thread by setup() below (a global of that thread's Lua state)
thread_id = 0
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("thread_id", counter)
end

function request()
  n = n + 1
  local k = (n % #categories) + 1
  local body = string.format(
    '{"category":"%s","description":"Phản ánh thử tải số %d-%d (demo), đề nghị kiểm tra","lat":"%.5f","lon":"%.5f",' ..
    '"phone":"09%08d"}',
    categories[k], thread_id, n, 20.96 + (n * 7919 % 1300) / 10000, 105.76 + (n * 104729 % 1400) / 10000,
    (thread_id * 10000000 + n) % 100000000)
  return wrk.format("POST", "/api/v1/reports", { ["Content-Type"] = "application/json" }, body)
end
