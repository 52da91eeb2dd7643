-- wrk script: 200 (or as many as in IDS_FILE) conversations going on at once, each message a citizen's question
-- from QUESTIONS_FILE sent into the next conversation in turn. Both files are written by bench/assistant/run.sh.
-- THINK_MS (optional): each connection waits this long after a reply before its next message, like a citizen
-- reading and typing (much shorter than a real one); without it every connection sends as fast as it can.
local ids, questions = {}, {}
for line in io.lines(os.getenv("IDS_FILE")) do ids[#ids + 1] = line end
for line in io.lines(os.getenv("QUESTIONS_FILE")) do questions[#questions + 1] = line end
local n = 0
thread_id = 0
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("thread_id", counter)
end

local function json_string(s)
  return '"' .. s:gsub('\\', '\\\\'):gsub('"', '\\"') .. '"'
end

function request()
  n = n + 1
  local id = ids[((n * 7 + thread_id * 101) % #ids) + 1]
  local q = questions[((n + thread_id * 13) % #questions) + 1]
  local body = '{"conversation_id":"' .. id .. '","text":' .. json_string(q) .. '}'
  return wrk.format("POST", "/api/v1/assistant/messages", { ["Content-Type"] = "application/json" }, body)
end

local think = tonumber(os.getenv("THINK_MS") or "0")
if think > 0 then
  function delay()
    return think
  end
end
