-- wrk script: each connection waits 10 ms between requests, so 10 connections offer about
-- 1,000 requests per second (wrk 4 has no fixed-rate mode).
function delay()
  return 10
end
