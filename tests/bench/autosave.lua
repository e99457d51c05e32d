-- autosave.lua: wrk script for POST /s/TOKEN/answer (the JSON autosave), cycling
-- through likert items of the scan so consecutive saves touch different rows.
-- FPHC_CSRF holds the scan's CSRF token.
local csrf = os.getenv("FPHC_CSRF") or ""
local items = {"s01", "s05", "s06", "s07", "s09", "s10", "s11", "s12", "s14", "s17",
               "w01", "w02", "w03", "w06", "w07", "w09", "w10", "w11", "w13", "w14"}
local n = 0
request = function()
  n = n + 1
  local body = string.format('{"item":"%s","value":%d}', items[(n % #items) + 1], (n % 5) + 1)
  return wrk.format("POST", nil, {["Content-Type"] = "application/json", ["X-CSRF-Token"] = csrf}, body)
end
