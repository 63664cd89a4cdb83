-- Factmark schema 2: times are stored with a fixed nine-digit fraction
-- ("2026-03-04T10:00:00.500000000Z"), so that comparing them as text compares
-- them as times. Schema 1 wrote RFC3339Nano, which drops trailing zeros and
-- the fraction itself, and under which "…:05.5Z" sorted before "…:05Z". Every
-- stored time is UTC and ends in Z.

UPDATE articles SET imported_at = CASE
	WHEN instr(imported_at, '.') = 0 THEN substr(imported_at, 1, 19) || '.000000000Z'
	ELSE substr(imported_at, 1, 20) || substr(substr(imported_at, 21, length(imported_at) - 21) || '000000000', 1, 9) || 'Z'
	END
	WHERE length(imported_at) <> 30;

UPDATE articles SET opened_at = CASE
	WHEN instr(opened_at, '.') = 0 THEN substr(opened_at, 1, 19) || '.000000000Z'
	ELSE substr(opened_at, 1, 20) || substr(substr(opened_at, 21, length(opened_at) - 21) || '000000000', 1, 9) || 'Z'
	END
	WHERE opened_at IS NOT NULL AND length(opened_at) <> 30;

UPDATE speakers SET created = CASE
	WHEN instr(created, '.') = 0 THEN substr(created, 1, 19) || '.000000000Z'
	ELSE substr(created, 1, 20) || substr(substr(created, 21, length(created) - 21) || '000000000', 1, 9) || 'Z'
	END
	WHERE length(created) <> 30;

UPDATE speakers SET modified = CASE
	WHEN instr(modified, '.') = 0 THEN substr(modified, 1, 19) || '.000000000Z'
	ELSE substr(modified, 1, 20) || substr(substr(modified, 21, length(modified) - 21) || '000000000', 1, 9) || 'Z'
	END
	WHERE length(modified) <> 30;

UPDATE annotations SET created = CASE
	WHEN instr(created, '.') = 0 THEN substr(created, 1, 19) || '.000000000Z'
	ELSE substr(created, 1, 20) || substr(substr(created, 21, length(created) - 21) || '000000000', 1, 9) || 'Z'
	END
	WHERE length(created) <> 30;

UPDATE annotations SET modified = CASE
	WHEN instr(modified, '.') = 0 THEN substr(modified, 1, 19) || '.000000000Z'
	ELSE substr(modified, 1, 20) || substr(substr(modified, 21, length(modified) - 21) || '000000000', 1, 9) || 'Z'
	END
	WHERE length(modified) <> 30;
