-- "Current residence" in the per-grid statistics (V12) means until >= today, and today is the city's day
-- (Asia/Shanghai), as imports and field visits date residences; the session's current_date was UTC, the day
-- before until 08:00 Beijing time, so a person who had moved still counted where they had lived. The function
-- now runs with the city's time zone whatever the caller's session uses.
ALTER FUNCTION grid.refresh_unit_grid_stats(text[]) SET TimeZone = 'Asia/Shanghai';
