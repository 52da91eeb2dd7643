-- wrk script: POST /api/v1/units/{id}/position, cycling over UNITS units, each fix newer than the last.
local token = os.getenv("TOKEN")
local units = tonumber(os.getenv("UNITS") or "50")
local start_ms = tonumber(os.getenv("START_MS"))
local n = 0
-- thread_id is set per thread by setup() below (a global of that thread's Lua state)
thread_id = 0
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("thread_id", counter)
end

local function iso(ms)
  local s = math.floor(ms / 1000)
  return os.date("!%Y-%m-%dT%H:%M:%S", s) .. string.format(".%03dZ", ms % 1000)
end

function request()
  n = n + 1
  -- Threads take alternate units so that their fixes never race on one unit.
  local unit = ((n * 2 + thread_id) % units) + 1
  -- Each unit's fixes are 1 ms apart and start at START_MS: never a repeat, never older, never far ahead.
  local ms = start_ms + 1 + math.floor(n / math.max(1, math.floor(units / 2)))
  local body = string.format('{"lat":%.5f,"lon":%.5f,"accuracy_m":8,"fixed_at":"%s"}',
    21.0 + (n % 1000) / 100000, 105.8 + (n % 997) / 100000, iso(ms))
  return wrk.format("POST", "/api/v1/units/" .. unit .. "/position",
    { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. token }, body)
end

function response(status, headers, body)
  if status ~= 202 then io.stderr:write("position refused: " .. status .. " " .. body .. "\n") end
end
