-- Issue 10: masks showing the first 3 and last 4 characters left ~91 national IDs beside the clear
-- birth date and gender. Stored masks are redone the way src/domain/masking.ts now masks: a
-- national ID keeps its first 3 characters, a phone its first 3 and last 2. The old masks hold
-- every character the new ones show, so nothing is decrypted. Running it twice changes nothing.

UPDATE students
   SET national_id = CASE WHEN length(national_id) <= 6 THEN repeat('*', length(national_id))
                          ELSE left(national_id, 3) || repeat('*', length(national_id) - 3) END
 WHERE national_id IS NOT NULL AND national_id LIKE '%***%';

UPDATE students
   SET phone = CASE WHEN length(phone) <= 8 THEN repeat('*', length(phone))
                    ELSE left(phone, 3) || repeat('*', length(phone) - 5) || right(phone, 2) END
 WHERE phone IS NOT NULL AND phone LIKE '%***%';

UPDATE status_changes
   SET incoming_national_id = CASE WHEN length(incoming_national_id) <= 6 THEN repeat('*', length(incoming_national_id))
                                   ELSE left(incoming_national_id, 3) || repeat('*', length(incoming_national_id) - 3) END
 WHERE incoming_national_id IS NOT NULL AND incoming_national_id LIKE '%***%';
