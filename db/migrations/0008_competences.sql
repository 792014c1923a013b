CREATE TABLE "competence_self_assessments" (
	"user_id" uuid NOT NULL,
	"competence_id" text NOT NULL,
	"level" integer NOT NULL,
	"assessed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "competence_self_assessments_user_id_competence_id_pk" PRIMARY KEY("user_id","competence_id"),
	CONSTRAINT "competence_self_assessments_level_check" CHECK ("competence_self_assessments"."level" between 1 and 8)
);
--> statement-breakpoint
ALTER TABLE "competence_self_assessments" ADD CONSTRAINT "competence_self_assessments_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "competence_self_assessments_competence_idx" ON "competence_self_assessments" USING btree ("competence_id","level");