-- login_flood.lua: wrk script for a flood of wrong-password logins from 40 client
-- addresses (X-Forwarded-For, believed because the bench server trusts 127.0.0.1),
-- each with the login form's token and cookie (FPHC_LOGIN_CSRF), so that every post
-- reaches the password check.
local csrf = os.getenv("FPHC_LOGIN_CSRF") or ""
local n = 0
request = function()
  n = n + 1
  local body = string.format("csrf=%s&email=flood%d%%40demo.example&password=wrong-password-%d", csrf, n % 400, n)
  return wrk.format("POST", "/login", {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Cookie"] = "fphc_login=" .. csrf,
    ["X-Forwarded-For"] = string.format("198.51.100.%d", (n % 40) + 1)}, body)
end
