-- wrk script: POST /api/v1/calls with a different synthetic call each time (token from the TOKEN variable).
-- Points spread over Hà Nội and categories mixed, so duplicates are offered at a realistic rate.
local token = os.getenv("TOKEN")
local categories = { "CRIME-PROPERTY", "PUBLIC-ORDER", "TRAFFIC", "FIRE", "CRIME-VIOLENT", "INFO" }
local texts = {
  "Vừa bị cướp giật điện thoại, hai thanh niên đi xe máy",
  "Có người say rượu gây rối trước quán",
  "Va chạm giữa ô tô và xe máy, một người bị thương",
  "Cháy nhà dân, có người mắc kẹt",
  "Nhóm thanh niên đang đánh nhau, có người cầm dao",
  "Hỏi thủ tục trình báo mất giấy tờ",
}
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
  local lat = 20.96 + ((n * 7919) % 1300) / 10000
  local lon = 105.76 + ((n * 104729) % 1400) / 10000
  local body = string.format(
    '{"line":"%s","caller":"+849%08d","description":"%s","category":"%s","client_ref":"wrk-%d-%d",' ..
    '"location":{"lat":%.5f,"lon":%.5f,"accuracy_m":20}}',
    (categories[k] == "FIRE") and "114" or "113", n % 100000000, texts[k], categories[k], thread_id, n, lat, lon)
  return wrk.format("POST", "/api/v1/calls",
    { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. token }, body)
end
