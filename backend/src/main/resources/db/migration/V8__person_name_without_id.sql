-- Import matching looks for namesakes without an ID number for rows that carry one; among a
-- million persons almost everyone has an ID number, so this index is small and the lookup cheap.
CREATE INDEX person_name_without_id ON grid.person (name) WHERE id_number_bidx IS NULL AND merged_into IS NULL;
