-- wrk script: POST /api/v1/reports/lookup cycling over the codes in CODES_FILE (one "CODE SECRET" per line).
local pairs_list = {}
for line in io.lines(os.getenv("CODES_FILE")) do
  local code, secret = line:match("^(%S+)%s+(%S+)$")
  if code then pairs_list[#pairs_list + 1] = { code, secret } end
end
local n = 0

function request()
  n = n + 1
  local p = pairs_list[(n % #pairs_list) + 1]
  return wrk.format("POST", "/api/v1/reports/lookup", { ["Content-Type"] = "application/json" },
    string.format('{"code":"%s","secret":"%s"}', p[1], p[2]))
end

function response(status, headers, body)
  if status ~= 200 then io.stderr:write("lookup: " .. status .. " " .. body:sub(1, 200) .. "\n") end
end
