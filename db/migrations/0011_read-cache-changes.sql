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
	people text;
BEGIN
	-- TRUNCATE has no transition tables.
	IF TG_OP = 'TRUNCATE' THEN
		PERFORM pg_notify('skillshelf_changes', '*');
		RETURN NULL;
	END IF;
	-- '*': a table whose rows are not one person's (courses, programmes, org units): anyone, if a row changed. A
	-- statement that changed no row (a cascade from deleting someone who had none) says nothing.
	IF TG_ARGV[0] = '*' THEN
		EXECUTE format('SELECT ''*'' FROM %s LIMIT 1', CASE TG_OP WHEN 'DELETE' THEN 'old_rows' ELSE 'new_rows' END) INTO people;
		IF people IS NOT NULL THEN
			PERFORM pg_notify('skillshelf_changes', people);
		END IF;
		RETURN NULL;
	END IF;
	-- Otherwise TG_ARGV[0] names the column holding the person (user_id, or id on users).
	EXECUTE format(
		'SELECT CASE WHEN count(*) > 64 THEN ''*'' ELSE string_agg(p::text, '','') END FROM (SELECT DISTINCT %I AS p FROM %s) AS t WHERE p IS NOT NULL',
		TG_ARGV[0],
		CASE TG_OP WHEN 'INSERT' THEN 'new_rows' WHEN 'DELETE' THEN 'old_rows' ELSE '(SELECT * FROM old_rows UNION ALL SELECT * FROM new_rows) AS b' END)
	INTO people;
	IF people IS NOT NULL THEN
		PERFORM pg_notify('skillshelf_changes', people);
	END IF;
	RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "users_read_cache_insert" AFTER INSERT ON "users"
	REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION read_cache_changed('id');
--> statement-breakpoint
CREATE TRIGGER "users_read_cache_update" AFTER UPDATE ON "users"
	REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION read_cache_changed('id');
--> statement-breakpoint
CREATE TRIGGER "users_read_cache_delete" AFTER DELETE ON "users"
	REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION read_cache_changed('id');
--> statement-breakpoint
CREATE TRIGGER "users_read_cache_truncate" AFTER TRUNCATE ON "users"
	FOR EACH STATEMENT EXECUTE FUNCTION read_cache_changed();
--> statement-breakpoint
CREATE TRIGGER "assignment_people_read_cache_insert" AFTER INSERT ON "assignment_people"
	REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION read_cache_changed('user_id');
--> statement-breakpoint
CREATE TRIGGER "assignment_people_read_cache_update" AFTER UPDATE ON "assignment_people"
	REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION read_cache_changed('user_id');
--> statement-breakpoint
CREATE TRIGGER "assignment_people_read_cache_delete" AFTER DELETE ON "assignment_people"
	REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION read_cache_changed('user_id');
--> statement-breakpoint
CREATE TRIGGER "assignment_people_read_cache_truncate" AFTER TRUNCATE ON "assignment_people"
	FOR EACH STATEMENT EXECUTE FUNCTION read_cache_changed();
--> statement-breakpoint
CREATE TRIGGER "certificates_read_cache_insert" AFTER INSERT ON "certificates"
	REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION read_cache_changed('user_id');
--> statement-breakpoint
CREATE TRIGGER "certificates_read_cache_update" AFTER UPDATE ON "certificates"
	REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION read_cache_changed('user_id');
--> statement-breakpoint
CREATE TRIGGER "certificates_read_cache_delete" AFTER DELETE ON "certificates"
	REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION read_cache_changed('user_id');
--> statement-breakpoint
CREATE TRIGGER "certificates_read_cache_truncate" AFTER TRUNCATE ON "certificates"
	FOR EACH STATEMENT EXECUTE FUNCTION read_cache_changed();
--> statement-breakpoint
CREATE TRIGGER "competence_reach_read_cache_insert" AFTER INSERT ON "competence_reach"
	REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION read_cache_changed('user_id');
--> statement-breakpoint
CREATE TRIGGER "competence_reach_read_cache_update" AFTER UPDATE ON "competence_reach"
	REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION read_cache_changed('user_id');
--> statement-breakpoint
CREATE TRIGGER "competence_reach_read_cache_delete" AFTER DELETE ON "competence_reach"
	REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION read_cache_changed('user_id');
--> statement-breakpoint
CREATE TRIGGER "competence_reach_read_cache_truncate" AFTER TRUNCATE ON "competence_reach"
	FOR EACH STATEMENT EXECUTE FUNCTION read_cache_changed();
--> statement-breakpoint
CREATE TRIGGER "competence_self_assessments_read_cache_insert" AFTER INSERT ON "competence_self_assessments"
	REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION read_cache_changed('user_id');
--> statement-breakpoint
CREATE TRIGGER "competence_self_assessments_read_cache_update" AFTER UPDATE ON "competence_self_assessments"
	REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION read_cache_changed('user_id');
--> statement-breakpoint
CREATE TRIGGER "competence_self_assessments_read_cache_delete" AFTER DELETE ON "competence_self_assessments"
	REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION read_cache_changed('user_id');
--> statement-breakpoint
CREATE TRIGGER "competence_self_assessments_read_cache_truncate" AFTER TRUNCATE ON "competence_self_assessments"
	FOR EACH STATEMENT EXECUTE FUNCTION read_cache_changed();
--> statement-breakpoint
CREATE TRIGGER "enrolments_read_cache_insert" AFTER INSERT ON "enrolments"
	REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION read_cache_changed('user_id');
--> statement-breakpoint
CREATE TRIGGER "enrolments_read_cache_update" AFTER UPDATE ON "enrolments"
	REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION read_cache_changed('user_id');
--> statement-breakpoint
CREATE TRIGGER "enrolments_read_cache_delete" AFTER DELETE ON "enrolments"
	REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION read_cache_changed('user_id');
--> statement-breakpoint
CREATE TRIGGER "enrolments_read_cache_truncate" AFTER TRUNCATE ON "enrolments"
	FOR EACH STATEMENT EXECUTE FUNCTION read_cache_changed();
--> statement-breakpoint
CREATE TRIGGER "learner_assignments_read_cache_insert" AFTER INSERT ON "learner_assignments"
	REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION read_cache_changed('user_id');
--> statement-breakpoint
CREATE TRIGGER "learner_assignments_read_cache_update" AFTER UPDATE ON "learner_assignments"
	REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION read_cache_changed('user_id');
--> statement-breakpoint
CREATE TRIGGER "learner_assignments_read_cache_delete" AFTER DELETE ON "learner_assignments"
	REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION read_cache_changed('user_id');
--> statement-breakpoint
CREATE TRIGGER "learner_assignments_read_cache_truncate" AFTER TRUNCATE ON "learner_assignments"
	FOR EACH STATEMENT EXECUTE FUNCTION read_cache_changed();
--> statement-breakpoint
CREATE TRIGGER "lesson_progress_read_cache_insert" AFTER INSERT ON "lesson_progress"
	REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION read_cache_changed('user_id');
--> statement-breakpoint
CREATE TRIGGER "lesson_progress_read_cache_update" AFTER UPDATE ON "lesson_progress"
	REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION read_cache_changed('user_id');
--> statement-breakpoint
CREATE TRIGGER "lesson_progress_read_cache_delete" AFTER DELETE ON "lesson_progress"
	REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION read_cache_changed('user_id');
--> statement-breakpoint
CREATE TRIGGER "lesson_progress_read_cache_truncate" AFTER TRUNCATE ON "lesson_progress"
	FOR EACH STATEMENT EXECUTE FUNCTION read_cache_changed();
--> statement-breakpoint
CREATE TRIGGER "notification_preferences_read_cache_insert" AFTER INSERT ON "notification_preferences"
	REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION read_cache_changed('user_id');
--> statement-breakpoint
CREATE TRIGGER "notification_preferences_read_cache_update" AFTER UPDATE ON "notification_preferences"
	REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION read_cache_changed('user_id');
--> statement-breakpoint
CREATE TRIGGER "notification_preferences_read_cache_delete" AFTER DELETE ON "notification_preferences"
	REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION read_cache_changed('user_id');
--> statement-breakpoint
CREATE TRIGGER "notification_preferences_read_cache_truncate" AFTER TRUNCATE ON "notification_preferences"
	FOR EACH STATEMENT EXECUTE FUNCTION read_cache_changed();
--> statement-breakpoint
CREATE TRIGGER "notifications_read_cache_insert" AFTER INSERT ON "notifications"
	REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION read_cache_changed('user_id');
--> statement-breakpoint
CREATE TRIGGER "notifications_read_cache_update" AFTER UPDATE ON "notifications"
	REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION read_cache_changed('user_id');
--> statement-breakpoint
CREATE TRIGGER "notifications_read_cache_delete" AFTER DELETE ON "notifications"
	REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION read_cache_changed('user_id');
--> statement-breakpoint
CREATE TRIGGER "notifications_read_cache_truncate" AFTER TRUNCATE ON "notifications"
	FOR EACH STATEMENT EXECUTE FUNCTION read_cache_changed();
--> statement-breakpoint
CREATE TRIGGER "programme_enrolments_read_cache_insert" AFTER INSERT ON "programme_enrolments"
	REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION read_cache_changed('user_id');
--> statement-breakpoint
CREATE TRIGGER "programme_enrolments_read_cache_update" AFTER UPDATE ON "programme_enrolments"
	REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION read_cache_changed('user_id');
--> statement-breakpoint
CREATE TRIGGER "programme_enrolments_read_cache_delete" AFTER DELETE ON "programme_enrolments"
	REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION read_cache_changed('user_id');
--> statement-breakpoint
CREATE TRIGGER "programme_enrolments_read_cache_truncate" AFTER TRUNCATE ON "programme_enrolments"
	FOR EACH STATEMENT EXECUTE FUNCTION read_cache_changed();
--> statement-breakpoint
CREATE TRIGGER "quiz_attempts_read_cache_insert" AFTER INSERT ON "quiz_attempts"
	REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION read_cache_changed('user_id');
--> statement-breakpoint
CREATE TRIGGER "quiz_attempts_read_cache_update" AFTER UPDATE ON "quiz_attempts"
	REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION read_cache_changed('user_id');
--> statement-breakpoint
CREATE TRIGGER "quiz_attempts_read_cache_delete" AFTER DELETE ON "quiz_attempts"
	REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION read_cache_changed('user_id');
--> statement-breakpoint
CREATE TRIGGER "quiz_attempts_read_cache_truncate" AFTER TRUNCATE ON "quiz_attempts"
	FOR EACH STATEMENT EXECUTE FUNCTION read_cache_changed();
--> statement-breakpoint
CREATE TRIGGER "sessions_read_cache_insert" AFTER INSERT ON "sessions"
	REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION read_cache_changed('user_id');
--> statement-breakpoint
CREATE TRIGGER "sessions_read_cache_update" AFTER UPDATE ON "sessions"
	REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION read_cache_changed('user_id');
--> statement-breakpoint
CREATE TRIGGER "sessions_read_cache_delete" AFTER DELETE ON "sessions"
	REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION read_cache_changed('user_id');
--> statement-breakpoint
CREATE TRIGGER "sessions_read_cache_truncate" AFTER TRUNCATE ON "sessions"
	FOR EACH STATEMENT EXECUTE FUNCTION read_cache_changed();
--> statement-breakpoint
CREATE TRIGGER "user_roles_read_cache_insert" AFTER INSERT ON "user_roles"
	REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION read_cache_changed('user_id');
--> statement-breakpoint
CREATE TRIGGER "user_roles_read_cache_update" AFTER UPDATE ON "user_roles"
	REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION read_cache_changed('user_id');
--> statement-breakpoint
CREATE TRIGGER "user_roles_read_cache_delete" AFTER DELETE ON "user_roles"
	REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION read_cache_changed('user_id');
--> statement-breakpoint
CREATE TRIGGER "user_roles_read_cache_truncate" AFTER TRUNCATE ON "user_roles"
	FOR EACH STATEMENT EXECUTE FUNCTION read_cache_changed();
--> statement-breakpoint
CREATE TRIGGER "assignments_read_cache_insert" AFTER INSERT ON "assignments"
	REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION read_cache_changed('*');
--> statement-breakpoint
CREATE TRIGGER "assignments_read_cache_update" AFTER UPDATE ON "assignments"
	REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION read_cache_changed('*');
--> statement-breakpoint
CREATE TRIGGER "assignments_read_cache_delete" AFTER DELETE ON "assignments"
	REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION read_cache_changed('*');
--> statement-breakpoint
CREATE TRIGGER "assignments_read_cache_truncate" AFTER TRUNCATE ON "assignments"
	FOR EACH STATEMENT EXECUTE FUNCTION read_cache_changed();
--> statement-breakpoint
CREATE TRIGGER "course_quizzes_read_cache_insert" AFTER INSERT ON "course_quizzes"
	REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION read_cache_changed('*');
--> statement-breakpoint
CREATE TRIGGER "course_quizzes_read_cache_update" AFTER UPDATE ON "course_quizzes"
	REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION read_cache_changed('*');
--> statement-breakpoint
CREATE TRIGGER "course_quizzes_read_cache_delete" AFTER DELETE ON "course_quizzes"
	REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION read_cache_changed('*');
--> statement-breakpoint
CREATE TRIGGER "course_quizzes_read_cache_truncate" AFTER TRUNCATE ON "course_quizzes"
	FOR EACH STATEMENT EXECUTE FUNCTION read_cache_changed();
--> statement-breakpoint
CREATE TRIGGER "courses_read_cache_insert" AFTER INSERT ON "courses"
	REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION read_cache_changed('*');
--> statement-breakpoint
CREATE TRIGGER "courses_read_cache_update" AFTER UPDATE ON "courses"
	REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION read_cache_changed('*');
--> statement-breakpoint
CREATE TRIGGER "courses_read_cache_delete" AFTER DELETE ON "courses"
	REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION read_cache_changed('*');
--> statement-breakpoint
CREATE TRIGGER "courses_read_cache_truncate" AFTER TRUNCATE ON "courses"
	FOR EACH STATEMENT EXECUTE FUNCTION read_cache_changed();
--> statement-breakpoint
CREATE TRIGGER "lessons_read_cache_insert" AFTER INSERT ON "lessons"
	REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION read_cache_changed('*');
--> statement-breakpoint
CREATE TRIGGER "lessons_read_cache_update" AFTER UPDATE ON "lessons"
	REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION read_cache_changed('*');
--> statement-breakpoint
CREATE TRIGGER "lessons_read_cache_delete" AFTER DELETE ON "lessons"
	REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION read_cache_changed('*');
--> statement-breakpoint
CREATE TRIGGER "lessons_read_cache_truncate" AFTER TRUNCATE ON "lessons"
	FOR EACH STATEMENT EXECUTE FUNCTION read_cache_changed();
--> statement-breakpoint
CREATE TRIGGER "org_units_read_cache_insert" AFTER INSERT ON "org_units"
	REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION read_cache_changed('*');
--> statement-breakpoint
CREATE TRIGGER "org_units_read_cache_update" AFTER UPDATE ON "org_units"
	REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION read_cache_changed('*');
--> statement-breakpoint
CREATE TRIGGER "org_units_read_cache_delete" AFTER DELETE ON "org_units"
	REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION read_cache_changed('*');
--> statement-breakpoint
CREATE TRIGGER "org_units_read_cache_truncate" AFTER TRUNCATE ON "org_units"
	FOR EACH STATEMENT EXECUTE FUNCTION read_cache_changed();
--> statement-breakpoint
CREATE TRIGGER "programme_courses_read_cache_insert" AFTER INSERT ON "programme_courses"
	REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION read_cache_changed('*');
--> statement-breakpoint
CREATE TRIGGER "programme_courses_read_cache_update" AFTER UPDATE ON "programme_courses"
	REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION read_cache_changed('*');
--> statement-breakpoint
CREATE TRIGGER "programme_courses_read_cache_delete" AFTER DELETE ON "programme_courses"
	REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION read_cache_changed('*');
--> statement-breakpoint
CREATE TRIGGER "programme_courses_read_cache_truncate" AFTER TRUNCATE ON "programme_courses"
	FOR EACH STATEMENT EXECUTE FUNCTION read_cache_changed();
--> statement-breakpoint
CREATE TRIGGER "programmes_read_cache_insert" AFTER INSERT ON "programmes"
	REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION read_cache_changed('*');
--> statement-breakpoint
CREATE TRIGGER "programmes_read_cache_update" AFTER UPDATE ON "programmes"
	REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION read_cache_changed('*');
--> statement-breakpoint
CREATE TRIGGER "programmes_read_cache_delete" AFTER DELETE ON "programmes"
	REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION read_cache_changed('*');
--> statement-breakpoint
CREATE TRIGGER "programmes_read_cache_truncate" AFTER TRUNCATE ON "programmes"
	FOR EACH STATEMENT EXECUTE FUNCTION read_cache_changed();
