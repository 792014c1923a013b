CREATE TABLE "competence_reach" (
	"user_id" uuid NOT NULL,
	"competence_id" text NOT NULL,
	"level" smallint NOT NULL,
	"until" timestamp with time zone NOT NULL,
	CONSTRAINT "competence_reach_user_id_competence_id_level_pk" PRIMARY KEY("user_id","competence_id","level")
);
--> statement-breakpoint
ALTER TABLE "competence_reach" ADD CONSTRAINT "competence_reach_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "competence_reach_level_idx" ON "competence_reach" USING btree ("level","competence_id","user_id","until");--> statement-breakpoint
-- competence_reach is kept by the database (docs/decisions/0007-competence-reach-triggers.md): after every statement
-- that changes certificates, the people it touched are recomputed from their certificates that count.
CREATE FUNCTION "competence_reach_refresh"(people uuid[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
	IF coalesce(cardinality(people), 0) = 0 THEN
		RETURN;
	END IF;
	-- Two statements recomputing the same person must not interleave (each would delete the other's rows and keep
	-- only what its own snapshot saw): one waits for the other to commit. Each lock is its own statement, so the
	-- statements below take their snapshot after it, and see what the other committed.
	IF cardinality(people) <= 32 THEN
		LOCK TABLE "competence_reach" IN ROW EXCLUSIVE MODE;
		PERFORM pg_advisory_xact_lock(hashtext('skillshelf.competence_reach'), k)
		FROM (SELECT DISTINCT hashtext(p::text) AS k FROM unnest(people) AS p ORDER BY 1) AS keys;
	ELSE
		-- Bulk changes (imports, the backfill): one table lock instead of thousands of advisory locks.
		LOCK TABLE "competence_reach" IN EXCLUSIVE MODE;
	END IF;
	DELETE FROM "competence_reach" AS r USING unnest(people) AS t(user_id) WHERE r.user_id = t.user_id;
	INSERT INTO "competence_reach" ("user_id", "competence_id", "level", "until")
	WITH entries AS (
		SELECT c.user_id, e.value ->> 'id' AS competence_id,
			CASE WHEN e.value ->> 'level' ~ '^[0-9]{1,2}$' THEN (e.value ->> 'level')::int END AS level,
			coalesce(c.valid_until, 'infinity'::timestamptz) AS until
		FROM (SELECT DISTINCT p AS user_id FROM unnest(people) AS p) AS t
		JOIN "certificates" AS c ON c.user_id = t.user_id
		CROSS JOIN LATERAL jsonb_array_elements(CASE WHEN jsonb_typeof(c.competences) = 'array' THEN c.competences ELSE '[]'::jsonb END) AS e(value)
		-- The same rule as certificateCounts() in app/competences/framework.server.ts, expiry aside (read time).
		WHERE c.revoked_at IS NULL AND c.replaced_by_id IS NULL AND jsonb_typeof(e.value) = 'object'
	)
	SELECT user_id, competence_id, l, max(until) FROM entries CROSS JOIN LATERAL generate_series(1, least(level, 8)) AS l
	WHERE competence_id IS NOT NULL AND competence_id <> '*'
	GROUP BY user_id, competence_id, l
	UNION ALL
	SELECT user_id, '*', 0, max(until) FROM entries GROUP BY user_id;
END
$$;
--> statement-breakpoint
-- One function for the four triggers below: each names only the transition tables of its own event.
CREATE FUNCTION "competence_reach_after_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP = 'INSERT' THEN
		PERFORM competence_reach_refresh(ARRAY(SELECT DISTINCT user_id FROM new_rows));
	ELSIF TG_OP = 'UPDATE' THEN
		-- Only rows whose owner or counting columns changed (issuing sets the credential afterwards: nothing to do).
		PERFORM competence_reach_refresh(ARRAY(
			SELECT user_id FROM (
				(SELECT id, user_id, competences, valid_until, revoked_at, replaced_by_id FROM old_rows
				 EXCEPT SELECT id, user_id, competences, valid_until, revoked_at, replaced_by_id FROM new_rows)
				UNION
				(SELECT id, user_id, competences, valid_until, revoked_at, replaced_by_id FROM new_rows
				 EXCEPT SELECT id, user_id, competences, valid_until, revoked_at, replaced_by_id FROM old_rows)
			) AS changed GROUP BY user_id));
	ELSIF TG_OP = 'DELETE' THEN
		PERFORM competence_reach_refresh(ARRAY(SELECT DISTINCT user_id FROM old_rows));
	ELSE
		TRUNCATE "competence_reach";
	END IF;
	RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "certificates_competence_reach_insert" AFTER INSERT ON "certificates"
	REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION competence_reach_after_change();
--> statement-breakpoint
CREATE TRIGGER "certificates_competence_reach_update" AFTER UPDATE ON "certificates"
	REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION competence_reach_after_change();
--> statement-breakpoint
CREATE TRIGGER "certificates_competence_reach_delete" AFTER DELETE ON "certificates"
	REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION competence_reach_after_change();
--> statement-breakpoint
CREATE TRIGGER "certificates_competence_reach_truncate" AFTER TRUNCATE ON "certificates"
	FOR EACH STATEMENT EXECUTE FUNCTION competence_reach_after_change();
--> statement-breakpoint
-- The certificates issued before this migration.
SELECT competence_reach_refresh(ARRAY(SELECT DISTINCT user_id FROM "certificates"));
