-- Read caches on PostgreSQL hear of every change that could make a cached result stale
-- (docs/decisions/0011-read-cache-on-postgresql.md). After each statement that writes one of the tables the cached
-- reads use, the database notifies channel skillshelf_changes, in the writing transaction (so the news arrives when
-- it commits, and never for a rollback): the ids of the people whose rows changed, or '*' when the change can touch
-- anyone (courses, org units, programmes; more than 64 people at once; TRUNCATE). Every app instance LISTENs and drops
-- what it cached for those people. Tables no cached read uses (rate limits, audit events, the outbox, jobs, imports,
-- tokens, signing keys, live workshops) have no trigger: db/read-cache.ts lists them (UNCACHED_TABLES), and
-- tests/integration/read-cache-postgres.test.ts checks that every table is on one side or the other.
CREATE FUNCTION "read_cache_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	rows_of text := CASE TG_OP WHEN 'INSERT' THEN 'new_rows' WHEN 'DELETE' THEN 'old_rows'
		ELSE '(SELECT * FROM old_rows UNION ALL SELECT * FROM new_rows) AS b' END;
	people text;
BEGIN
	IF TG_OP = 'TRUNCATE' THEN
		-- No transition tables: anyone.
		people := '*';
	ELSIF TG_ARGV[0] = '*' THEN
		-- A table whose rows are not one person's (courses, programmes, org units): anyone, if a row changed. A
		-- statement that changed no row (a cascade from deleting someone who had none) says nothing.
		EXECUTE format('SELECT ''*'' FROM %s LIMIT 1', rows_of) INTO people;
	ELSE
		-- TG_ARGV[0] names the column holding the person (user_id, or id on users).
		EXECUTE format(
			'SELECT CASE WHEN count(*) > 64 THEN ''*'' ELSE string_agg(p::text, '','') END FROM (SELECT DISTINCT %I AS p FROM %s) AS t WHERE p IS NOT NULL',
			TG_ARGV[0], rows_of)
		INTO people;
	END IF;
	IF people IS NOT NULL THEN
		PERFORM pg_notify('skillshelf_changes', people);
	END IF;
	RETURN NULL;
END
$$;
--> statement-breakpoint
-- Four triggers per table (transition tables allow one event per trigger), made in one loop: each table with the
-- column that says whose its rows are, or '*'.
DO $$
DECLARE
	t record;
BEGIN
	FOR t IN SELECT * FROM (VALUES
		('users', 'id'),
		('assignment_people', 'user_id'), ('certificates', 'user_id'), ('competence_reach', 'user_id'),
		('competence_self_assessments', 'user_id'), ('enrolments', 'user_id'), ('learner_assignments', 'user_id'),
		('lesson_progress', 'user_id'), ('notification_preferences', 'user_id'), ('notifications', 'user_id'),
		('programme_enrolments', 'user_id'), ('quiz_attempts', 'user_id'), ('sessions', 'user_id'), ('user_roles', 'user_id'),
		('assignments', '*'), ('course_quizzes', '*'), ('courses', '*'), ('lessons', '*'), ('org_units', '*'),
		('programme_courses', '*'), ('programmes', '*')
	) AS v(name, person) LOOP
		EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows
			FOR EACH STATEMENT EXECUTE FUNCTION read_cache_changed(%L)', t.name || '_read_cache_insert', t.name, t.person);
		EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
			FOR EACH STATEMENT EXECUTE FUNCTION read_cache_changed(%L)', t.name || '_read_cache_update', t.name, t.person);
		EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS old_rows
			FOR EACH STATEMENT EXECUTE FUNCTION read_cache_changed(%L)', t.name || '_read_cache_delete', t.name, t.person);
		EXECUTE format('CREATE TRIGGER %I AFTER TRUNCATE ON %I
			FOR EACH STATEMENT EXECUTE FUNCTION read_cache_changed()', t.name || '_read_cache_truncate', t.name);
	END LOOP;
END
$$;
