-- Citizen self-service (智慧APP): "this is wrong" about my household becomes a data-quality issue of its
-- own source (no batch, no row: a person said it); 随手拍 reports and place check-ins come straight from
-- a citizen's account rather than from a signed field record.
INSERT INTO gov.source (name, department, title, entity, cadence, mapping, trust, enabled) VALUES
('citizen_feedback', '居民', '居民反馈（本人户信息有误）', 'person', interval '365 days',
 '{"key": null, "columns": {}, "required": []}', '{}', false);

ALTER TABLE gov.issue ALTER COLUMN batch_id DROP NOT NULL;
ALTER TABLE gov.issue ALTER COLUMN row_no DROP NOT NULL;
ALTER TABLE gov.issue ADD CONSTRAINT issue_batch_or_citizen
  CHECK (source = 'citizen_feedback' OR (batch_id IS NOT NULL AND row_no IS NOT NULL));

-- Which place a check-in was at (the code names it; place_code keeps the scanned text).
ALTER TABLE grid.check_in ADD COLUMN place_id bigint REFERENCES grid.place (id);
CREATE INDEX check_in_account ON grid.check_in (account_id, at DESC);
CREATE INDEX event_reported_by ON grid.event (reported_by, reported_at DESC);
