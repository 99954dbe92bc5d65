-- Drawn signatures (issue 3 §4): the phone's signature pad exports a PNG
-- that is uploaded like any photo (sniffed, re-encoded, stored on disk) and
-- linked at submission as a photo of owner_kind 'signature' whose owner_id
-- is the inspection. The typed name (inspections.signature) stays as the
-- alternative; a submission needs one of them (docs/decisions/0012).
ALTER TABLE inspections ADD COLUMN signature_photo_id BIGINT REFERENCES photos(id);
