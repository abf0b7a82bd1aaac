-- A proposed phone number is personal data: kept as grid.person keeps phones (SM4-sealed, blind
-- index, mask), never in clear in sync.proposal.value. Phones proposed before were kept in clear:
-- their values are removed, and those still awaiting review are closed (the worker proposes again).
ALTER TABLE sync.proposal ADD COLUMN phone_enc bytea, ADD COLUMN phone_bidx text, ADD COLUMN phone_mask text;
UPDATE sync.proposal SET outcome = 'rejected', decided_at = now(),
  reason = '号码改为加密保存，请重新提交 / phones are now stored sealed: please propose again'
WHERE field = 'phone' AND outcome = 'review';
UPDATE sync.proposal SET value = '' WHERE field = 'phone';
